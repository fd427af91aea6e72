/**
 * A prefilter for all-ASCII fields: one pass over the raw text with a second automaton that says
 * whether any term could possibly match there. Most fields of most listings hold no term, and for
 * them normalisation, the main automaton and the boundary rules are skipped.
 *
 * It reads the text the way the normaliser could, loosely enough to never miss a match: letters
 * folded to lower case with `i` and `l` as one letter, digits as the letters they may stand for
 * (`0` o, `1` i, `3` e, `4` a, `5` s, `7` t, `8` b, `9` g), everything else skipped (spaces,
 * punctuation: so `i.v.o.r.y` reads as ivory), and a letter repeated, even across punctuation, read
 * once — in the text and in the terms alike, so doubled letters, `g.a.l.l` and `gall` agree. A field
 * with any other character (non-ASCII, or `@` and `$`, which may be letters or punctuation) is
 * always screened in full.
 */
import { type Automaton, buildAutomaton } from './automaton.ts';

export interface Prefilter {
  readonly automaton: Automaton;
  /**
   * Terms of one or two letters match only a whole word of one or two letters ("ja", "ho"): by
   * word, [READ of first letter] * 128 + READ of second (0 for a one-letter word), 1 when a term.
   */
  readonly short: Uint8Array;
}

const SKIP = 0;
const FULL = 0xffff;
/** Punctuation that may join two pieces of one word ("j.a", "iv-ory"): it does not end a short word. */
const GLUE = new Uint8Array(128);
for (const c of ".-_*'/+~") GLUE[c.charCodeAt(0)] = 1;
/** How the prefilter reads each ASCII code unit: a letter, SKIP or FULL. */
const READ = new Uint16Array(128);
const LEET: Record<string, string> = { 0: 'o', 1: 'i', 3: 'e', 4: 'a', 5: 's', 7: 't', 8: 'b', 9: 'g' };
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c).toLowerCase();
  if (/[a-z]/.test(ch)) READ[c] = (ch === 'l' ? 'i' : ch).charCodeAt(0);
  else if (/[0-9]/.test(ch)) READ[c] = (LEET[ch] ?? ch).charCodeAt(0);
  else if (ch === '@' || ch === '$') READ[c] = FULL;
  else READ[c] = SKIP;
}

/** A skeleton read the prefilter's way; undefined when it has non-ASCII units (it cannot match ASCII text). */
function read(skeleton: string): string | undefined {
  let out = '';
  let prev = -1;
  for (let i = 0; i < skeleton.length; i++) {
    const c = skeleton.charCodeAt(i);
    if (c >= 128) return undefined;
    const r = READ[c]!;
    if (r === SKIP || r === FULL || r === prev) continue;
    out += String.fromCharCode(r);
    prev = r;
  }
  return out;
}

/** The prefilter of a library's pattern skeletons; `minLoose`: shorter ones need a whole word. */
export function buildPrefilter(patterns: readonly string[], minLoose: number): Prefilter {
  const short = new Uint8Array(128 * 128);
  const long: string[] = [];
  for (const p of patterns) {
    if (p.length >= minLoose) {
      const r = read(p);
      if (r) long.push(r);
      continue;
    }
    if (/[^\x00-\x7f]/.test(p)) continue;
    const [a = 0, b = 0] = [...p].map((c) => READ[c.charCodeAt(0)]!);
    short[a * 128 + b] = 1;
  }
  return { automaton: buildAutomaton([...new Set(long)]), short };
}

/**
 * Whether a term could match in `text`: false only when none can (an all-ASCII field without any).
 * Kept free of calls: it runs over every character of every listing.
 */
export function mayMatch(prefilter: Prefilter, text: string): boolean {
  const { classOf, table, dense } = prefilter.automaton;
  const short = prefilter.short;
  const n = text.length;
  let row = 0;
  let prev = -1;
  // The current word (run of letters and digits): its length and its first two letters.
  let word = 0;
  let first = 0;
  let second = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return true;
    const r = READ[c]!;
    if (r === SKIP) {
      if (GLUE[c] === 1) continue;
      if (word !== 0 && word < 3 && short[first * 128 + second] === 1) return true;
      word = 0;
      continue;
    }
    if (r === FULL) return true;
    if (word === 0) first = r;
    else if (word === 1) second = r;
    word++;
    if (r === prev) continue;
    prev = r;
    const k = classOf[r]!;
    if (k >= dense) return true;
    const t = table[row + k]!;
    if (t & 1) return true;
    row = t >> 1;
  }
  return word !== 0 && word < 3 && short[first * 128 + second] === 1;
}
