/**
 * Aho-Corasick automaton over skeleton code units, built once per library version, in typed arrays.
 *
 * Code units are mapped to classes (0 = in no pattern; `i` and `l` share one class, as in Unicode's
 * confusable skeletons, so "1" read as either letter matches). The most frequent classes — the Latin
 * letters in practice — get a full DFA row per state (one array read per character); rare classes
 * (CJK, emoji, Cyrillic…) follow goto/failure links through a map. One left-to-right pass reports
 * every occurrence of every pattern, overlapping ones included.
 */

/** Classes with a dense DFA row per state. */
const MAX_DENSE = 48;

export interface Automaton {
  /** Class of each UTF-16 code unit. */
  readonly classOf: Uint16Array;
  readonly dense: number;
  readonly classCount: number;
  /**
   * Dense transitions by row: `table[state * dense + class]` holds `(next * dense) << 1 | hasOutput`,
   * so the scan reads one array per character.
   */
  readonly table: Int32Array;
  /** Goto edges of every class, `state * classCount + class` → state (used for sparse classes). */
  readonly edges: Map<number, number>;
  readonly fail: Int32Array;
  /** First state on the failure chain (itself included) where a pattern ends, or -1. */
  readonly outFirst: Int32Array;
  /** Next such state after this one, or -1. */
  readonly outNext: Int32Array;
  /** Pattern ending at the state, or -1. */
  readonly outPattern: Int32Array;
  readonly patternLength: Int32Array;
  readonly stateCount: number;
}

const I = 'i'.charCodeAt(0);
const L = 'l'.charCodeAt(0);

/**
 * Builds the automaton of `patterns` (skeleton strings; pattern id = index).
 * @example
 * const a = buildAutomaton(['ivory', 'ivorycarving']);
 * scan(a, chars, length, hits); // hits: [patternId, end, …]
 */
export function buildAutomaton(patterns: readonly string[]): Automaton {
  const freq = new Map<number, number>();
  for (const p of patterns)
    for (let i = 0; i < p.length; i++) {
      const u = p.charCodeAt(i) === L ? I : p.charCodeAt(i);
      freq.set(u, (freq.get(u) ?? 0) + 1);
    }
  const ordered = [...freq.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([u]) => u);
  const classOf = new Uint16Array(0x10000);
  ordered.forEach((u, k) => {
    classOf[u] = k + 1;
  });
  classOf[L] = classOf[I]!;
  const classCount = ordered.length + 1;
  const dense = Math.min(classCount, MAX_DENSE);

  // Trie: state 0 is the root.
  const edges = new Map<number, number>();
  let states = 1;
  const label: number[] = [0];
  const firstChild: number[] = [-1];
  const nextSibling: number[] = [-1];
  const endOf: number[] = [-1];
  const patternLength = new Int32Array(patterns.length);
  patterns.forEach((p, id) => {
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const c = classOf[p.charCodeAt(i)]!;
      const key = s * classCount + c;
      let t = edges.get(key);
      if (t === undefined) {
        t = states++;
        edges.set(key, t);
        label.push(c);
        firstChild.push(-1);
        nextSibling.push(firstChild[s]!);
        firstChild[s] = t;
        endOf.push(-1);
      }
      s = t;
    }
    patternLength[id] = p.length;
    if (endOf[s] === -1) endOf[s] = id;
  });

  const fail = new Int32Array(states);
  const delta = new Int32Array(states * dense);
  const outPattern = Int32Array.from(endOf);
  const outFirst = new Int32Array(states).fill(-1);
  const outNext = new Int32Array(states).fill(-1);
  const step = (s: number, c: number): number => {
    if (c < dense) return delta[s * dense + c]!;
    for (;;) {
      const t = edges.get(s * classCount + c);
      if (t !== undefined) return t;
      if (s === 0) return 0;
      s = fail[s]!;
    }
  };

  // Breadth-first: a state's failure target is shallower, so its DFA row is already complete.
  const queue = new Int32Array(states);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  while (head < tail) {
    const s = queue[head++]!;
    for (let t = firstChild[s]!; t !== -1; t = nextSibling[t]!) {
      fail[t] = s === 0 ? 0 : step(fail[s]!, label[t]!);
      queue[tail++] = t;
    }
    const f = fail[s]!;
    for (let c = 0; c < dense; c++) {
      const t = c === 0 ? undefined : edges.get(s * classCount + c);
      delta[s * dense + c] = t ?? (s === 0 ? 0 : delta[f * dense + c]!);
    }
    outNext[s] = s === 0 ? -1 : outFirst[f]!;
    outFirst[s] = outPattern[s]! >= 0 ? s : outNext[s]!;
  }
  if (states * dense * 2 >= 2 ** 31) throw new RangeError('keyword library too large for the automaton');
  const table = new Int32Array(states * dense);
  for (let k = 0; k < table.length; k++) {
    const next = delta[k]!;
    table[k] = ((next * dense) << 1) | (outFirst[next]! >= 0 ? 1 : 0);
  }

  return {
    classOf,
    dense,
    classCount,
    table,
    edges,
    fail,
    outFirst,
    outNext,
    outPattern,
    patternLength,
    stateCount: states,
  };
}

/** Reusable output of `scan`: `[patternId, end]` pairs (end exclusive). */
export interface HitBuffer {
  hits: Int32Array;
}

/**
 * Runs the automaton over `chars[0..length)`, writing `[patternId, end]` pairs into `out.hits`
 * (replaced by a larger array when full); returns the number of ints written.
 */
export function scan(a: Automaton, chars: Uint16Array, length: number, out: HitBuffer): number {
  const { classOf, dense, table, outFirst, outNext, outPattern } = a;
  let hits = out.hits;
  let count = 0;
  let row = 0;
  for (let i = 0; i < length; i++) {
    const c = classOf[chars[i]!]!;
    let t: number;
    if (c < dense) t = table[row + c]!;
    else {
      const next = sparseStep(a, row / dense, c);
      t = ((next * dense) << 1) | (outFirst[next]! >= 0 ? 1 : 0);
    }
    row = t >> 1;
    if ((t & 1) === 0) continue;
    let o = outFirst[row / dense]!;
    while (o >= 0) {
      if (count + 2 > hits.length) {
        const grown = new Int32Array(hits.length * 2);
        grown.set(hits);
        hits = grown;
        out.hits = grown;
      }
      hits[count++] = outPattern[o]!;
      hits[count++] = i + 1;
      o = outNext[o]!;
    }
  }
  return count;
}

function sparseStep(a: Automaton, s: number, c: number): number {
  for (;;) {
    const t = a.edges.get(s * a.classCount + c);
    if (t !== undefined) return t;
    if (s === 0) return 0;
    s = a.fail[s]!;
  }
}
