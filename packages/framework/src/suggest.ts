/** "Did you mean …?" for misspelt keys and values: the closest candidate within a small edit distance. */
import companyPolicy from '@ewto/schemas/company-policy.schema.json' with { type: 'json' };
import framework from '@ewto/schemas/framework.schema.json' with { type: 'json' };

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate, if it is close enough to be a likely typo. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d > 0 && d <= bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The likely values meant: the closest by edit distance, or else the values that contain the word
 * as one of their hyphenated parts (`antique` → `pre-convention-antique`; `ivory` → `raw-ivory`,
 * `ivory-carvings`).
 */
export function suggestions(word: string, candidates: readonly string[]): string[] {
  const near = suggest(word, candidates);
  if (near) return [near];
  const w = word.trim().toLowerCase();
  if (w.length < 3) return [];
  return candidates.filter((c) => c.toLowerCase().split('-').includes(w)).slice(0, 3);
}

function propertyNames(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const n of node) propertyNames(n, out);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === 'properties' && v && typeof v === 'object') for (const name of Object.keys(v)) out.add(name);
      propertyNames(v, out);
    }
  return out;
}

/** Every key the framework and company-policy schemas know. */
export const KNOWN_KEYS: ReadonlySet<string> = propertyNames([framework, companyPolicy], new Set());
