/**
 * A prefilter for all-ASCII fields: one pass over the raw text that says whether any term could
 * possibly match there. Most fields of most listings hold no term, and for
 * them normalisation, the main automaton and the boundary rules are skipped.
 *
 * It reads the text the way the normaliser could, loosely enough to never miss a match: letters
 * folded to lower case with `i` and `l` as one letter, digits as the letters they may stand for
 * (`0` o, `1` i, `3` e, `4` a, `5` s, `7` t, `8` b, `9` g), everything else skipped (spaces,
 * punctuation: so `i.v.o.r.y` reads as ivory), and a letter repeated, even across punctuation, read
 * once — in the text and in the terms alike, so doubled letters, `g.a.l.l` and `gall` agree. A term
 * found that way counts only where the matcher lets a term begin (a word start, a camelCase hump, a
 * hashtag word): "drug" holds no "rug". A field with any other character (non-ASCII, or `@` and `$`,
 * which may be letters or punctuation) is always screened in full.
 */
import { type Automaton, buildAutomaton } from './automaton.ts';
import {
  charTable,
  ENTRY_LENGTH_BITS,
  F_CONF,
  F_HIDDEN,
  F_STYLED,
  K_CJK,
  K_DROP,
  K_EMOJI,
  K_SEP,
  K_WORD,
  KIND_MASK,
} from './char-table.ts';

export interface Prefilter {
  /** Aho-Corasick automaton of the terms read the prefilter's way (every letter a dense class). */
  readonly automaton: Automaton;
  /**
   * The scan's table, `width` entries per state: `step[row + classOf[unit]]` is `nextRow << 1 | 1
   * when a term may end there` — a space or punctuation keeps the state, a letter repeated too;
   * WHOLE (-1) for a unit the prefilter does not read.
   */
  readonly step: Int32Array;
  /**
   * Class of every UTF-16 code unit in `step`; a unit beyond ASCII is classified on first sight
   * (`UNKNOWN` until then).
   */
  readonly classOf: Uint8Array;
  /** How the prefilter reads every code unit: a letter (ASCII), SKIP or FULL; set with `classOf`. */
  readonly reads: Uint16Array;
  readonly width: number;
  /**
   * One unit beyond ASCII of each pattern that has any (a CJK letter, say): every match of the
   * pattern holds it, and a field with one is screened whole. The rarest unit among the patterns is
   * taken, so that everyday CJK text mostly holds none.
   */
  readonly triggers: ReadonlySet<number>;
  /** Length of each pattern as the prefilter reads it (letters, a repeated one once). */
  readonly lengths: Int32Array;
  /**
   * Patterns of terms of one or two letters, which match only a whole word of one or two letters
   * ("ja", "j.a"): 1, else 0.
   */
  readonly short: Uint8Array;
  /** Patterns of longer terms: 1, else 0 (a pattern may be both). */
  readonly long: Uint8Array;
}

const SKIP = 0;
const FULL = 0xffff;
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

/** A unit the prefilter does not read (beyond ASCII, `@`, `$`): the field is screened whole. */
const WHOLE = -1;

/** The prefilter of a library's pattern skeletons; `minLoose`: shorter ones need a whole word. */
export function buildPrefilter(patterns: readonly string[], minLoose: number): Prefilter {
  const kinds = new Map<string, number>();
  for (const p of patterns) {
    const r = read(p);
    if (!r) continue;
    kinds.set(r, (kinds.get(r) ?? 0) | (p.length >= minLoose ? LONG : SHORT));
  }
  const reads = [...kinds.keys()];
  const automaton = buildAutomaton(reads);
  const { dense, classCount, table, edges } = automaton;
  // At most 27 letters are read (a-z with l as i, and the digits 2 and 6): every class is dense.
  if (classCount > dense) throw new Error('prefilter: a class is not dense');
  const separator = dense;
  const whole = dense + 1;
  const unknown = dense + 2;
  const width = dense + 3;
  // The letter each state was reached by: read again, it keeps the state (a repeated letter).
  const label = new Int32Array(automaton.stateCount).fill(-1);
  for (const r of reads) {
    let state = 0;
    for (let i = 0; i < r.length; i++) {
      const c = automaton.classOf[r.charCodeAt(i)]!;
      state = edges.get(state * classCount + c)!;
      label[state] = c;
    }
  }
  const step = new Int32Array(automaton.stateCount * width);
  for (let state = 0; state < automaton.stateCount; state++) {
    const row = state * width;
    for (let c = 0; c < dense; c++) {
      const t = table[state * dense + c]!;
      step[row + c] = ((((t >> 1) / dense) * width) << 1) | (t & 1);
    }
    if (label[state]! >= 0) step[row + label[state]!] = row << 1;
    step[row + separator] = row << 1;
    step[row + whole] = WHOLE;
    step[row + unknown] = WHOLE;
  }
  const classOf = new Uint8Array(0x10000).fill(unknown);
  const units = new Uint16Array(0x10000).fill(FULL);
  for (let c = 0; c < 128; c++) {
    const r = READ[c]!;
    units[c] = r;
    classOf[c] = r === FULL ? whole : r === SKIP ? separator : automaton.classOf[r]!;
  }
  const frequency = new Map<number, number>();
  for (const p of patterns)
    for (let i = 0; i < p.length; i++)
      if (p.charCodeAt(i) >= 128) frequency.set(p.charCodeAt(i), (frequency.get(p.charCodeAt(i)) ?? 0) + 1);
  const triggers = new Set<number>();
  for (const p of patterns) {
    let best = -1;
    for (let i = 0; i < p.length; i++) {
      const u = p.charCodeAt(i);
      if (u >= 128 && (best < 0 || frequency.get(u)! < frequency.get(best)!)) best = u;
    }
    if (best >= 0) triggers.add(best);
  }
  return {
    automaton,
    step,
    classOf,
    reads: units,
    width,
    triggers,
    lengths: Int32Array.from(reads, (r) => r.length),
    short: Uint8Array.from(reads, (r) => (kinds.get(r)! & SHORT ? 1 : 0)),
    long: Uint8Array.from(reads, (r) => (kinds.get(r)! & LONG ? 1 : 0)),
  };
}

const LONG = 1;
const SHORT = 2;

/** The same prefilter letting every field through whole: the engine as it is without one (for tests). */
export function passingEverything(prefilter: Prefilter): Prefilter {
  return { ...prefilter, classOf: new Uint8Array(0x10000).fill(prefilter.width - 2) };
}

/**
 * Classifies a unit beyond ASCII on first sight, the way the normaliser reads it (char-table.ts):
 * a letter that folds to one plain ASCII letter ("é", "ø") as that letter; punctuation, spaces, marks,
 * hidden characters, CJK and other letters as a gap (a looser reading, which never misses a match);
 * anything else — a look-alike, a styled or expanded letter, a surrogate, a "#", a pattern's trigger
 * unit — makes the field be screened whole.
 */
function classify(prefilter: Prefilter, u: number): void {
  const { classOf, reads, width } = prefilter;
  const separator = width - 3;
  const whole = width - 2;
  let read = FULL;
  if ((u < 0xd800 || u > 0xdfff) && !prefilter.triggers.has(u)) {
    const entry = charTable.lookup(u);
    const start = Math.floor(entry / ENTRY_LENGTH_BITS);
    const count = entry % ENTRY_LENGTH_BITS;
    const unit = charTable.units[start]!;
    const info = charTable.infos[start]!;
    const kind = info & KIND_MASK;
    if (count === 1 && !prefilter.triggers.has(unit)) {
      if (kind === K_WORD && unit < 128) {
        if (!(info & (F_STYLED | F_HIDDEN | F_CONF)) && READ[unit] !== FULL) read = READ[unit]!;
      } else if (kind === K_SEP || kind === K_DROP || kind === K_CJK || kind === K_EMOJI) read = SKIP;
      else if (kind === K_WORD && !(info & F_CONF)) read = SKIP;
    }
  }
  reads[u] = read;
  classOf[u] = read === FULL ? whole : read === SKIP ? separator : prefilter.automaton.classOf[read]!;
}

/**
 * Where `mayMatch` found possible matches: `[from, to)`, UTF-16 indices from the start of the first to
 * the end of the last one (as the prefilter reads them: the matcher's may reach a little further, a
 * plural or a doubled letter); the whole text when it has characters the prefilter does not read.
 */
export const candidates = new Int32Array(2);

/**
 * Whether a term could match in `text`: false only when none can (an all-ASCII field without any);
 * when true, `candidates` says where. One pass of the automaton over the text read loosely — one
 * table read per character; where a term's letters appear, they count only if they begin where the
 * matcher lets a term start — after a space or punctuation, at a camelCase hump, anywhere in a
 * hashtag word (`hashtagMode`: in every word, as for tags): "drug" holds no "rug".
 */
export function mayMatch(prefilter: Prefilter, text: string, hashtagMode = false): boolean {
  for (;;) {
    const found = scan(prefilter, text, hashtagMode);
    if (found !== UNKNOWN) return found === FOUND;
    // A unit seen for the first time was classified: scan again (once per unit and library).
  }
}

const NONE = 0;
const FOUND = 1;
const UNKNOWN = 2;

/** Fields at least this long are scanned as two halves at once (see `scan`). */
const SPLIT = 64;
/** Positions of the second half whose states are kept, for the first half to catch up with. */
const SYNC = 16;
/** The second half's first SYNC states. */
const synced = new Int32Array(SYNC);

/**
 * The scan of `mayMatch`; UNKNOWN when it stopped at a unit not classified yet (and classified it).
 * A long field is scanned as two halves at once — two independent chains of table reads, which the
 * processor overlaps, where one chain waits on each read. The second half starts at the root, so
 * the first one goes on past the middle until it is in the state the second one had there (a few
 * letters): every term is found by one of them.
 */
function scan(prefilter: Prefilter, text: string, hashtagMode: boolean): number {
  const { step, classOf } = prefilter;
  const n = text.length;
  range[0] = n;
  range[1] = -1;
  let a = 0;
  let from = 0;
  if (n >= SPLIT) {
    const mid = n >> 1;
    let b = 0;
    // The second half's first states are kept, for the first half to catch up with; then the loop
    // runs without keeping them (a store here halves its speed).
    const kept = Math.min(SYNC, mid);
    for (let k = 0; k < kept; k++) {
      const ta = step[a + classOf[text.charCodeAt(k)]!]!;
      const tb = step[b + classOf[text.charCodeAt(mid + k)]!]!;
      a = ta >> 1;
      b = tb >> 1;
      synced[k] = b;
      if (((ta | tb) & 1) === 0) continue;
      const r = foundEither(prefilter, text, k, mid, ta, tb, hashtagMode);
      if (r !== NONE) return r;
    }
    // The tight loop stops at a flag, which is seen to outside it.
    for (let k = kept; k < mid; k++) {
      let ta = 0;
      let tb = 0;
      for (; k < mid; k++) {
        ta = step[a + classOf[text.charCodeAt(k)]!]!;
        tb = step[b + classOf[text.charCodeAt(mid + k)]!]!;
        a = ta >> 1;
        b = tb >> 1;
        if ((ta | tb) & 1) break;
      }
      if (k === mid) break;
      const r = foundEither(prefilter, text, k, mid, ta, tb, hashtagMode);
      if (r !== NONE) return r;
    }
    // The rest of the second half (one unit when the length is odd).
    for (let i = 2 * mid; i < n; i++) {
      const t = step[b + classOf[text.charCodeAt(i)]!]!;
      b = t >> 1;
      if (t & 1) {
        const r = found(prefilter, text, i, t, hashtagMode);
        if (r !== NONE) return r;
      }
    }
    // The first half goes on until it reads the text as the second half did: in the same state at
    // the same place — at the root surely (the second half's state is a suffix of the first's).
    from = n;
    for (let i = mid; i < n; i++) {
      const t = step[a + classOf[text.charCodeAt(i)]!]!;
      a = t >> 1;
      if (t & 1) {
        const r = found(prefilter, text, i, t, hashtagMode);
        if (r !== NONE) return r;
      }
      if (a === 0 || (i - mid < kept && a === synced[i - mid])) break;
    }
  }
  for (let i = from; i < n; i++) {
    const t = step[a + classOf[text.charCodeAt(i)]!]!;
    a = t >> 1;
    if ((t & 1) === 0) continue;
    const r = found(prefilter, text, i, t, hashtagMode);
    if (r !== NONE) return r;
  }
  if (range[1]! < 0) return NONE;
  candidates[0] = range[0]!;
  candidates[1] = range[1]!;
  return FOUND;
}

/** `found` for the two halves' entries at `k` and `mid + k`. */
function foundEither(
  prefilter: Prefilter,
  text: string,
  k: number,
  mid: number,
  ta: number,
  tb: number,
  hashtagMode: boolean,
): number {
  if (ta & 1) {
    const r = found(prefilter, text, k, ta, hashtagMode);
    if (r !== NONE) return r;
  }
  return tb & 1 ? found(prefilter, text, mid + k, tb, hashtagMode) : NONE;
}

/** The scan's range of candidates so far: [from, to), to -1 while there is none. */
const range = new Int32Array(2);

/**
 * A table entry with its flag set at unit `i`: a term may end there (the range grows if it begins
 * where terms may) — NONE; or a unit not read — FOUND with the whole text, or UNKNOWN.
 */
function found(prefilter: Prefilter, text: string, i: number, t: number, hashtagMode: boolean): number {
  if (t === WHOLE) {
    const u = text.charCodeAt(i);
    if (prefilter.classOf[u] === prefilter.width - 1) {
      classify(prefilter, u);
      return UNKNOWN;
    }
    candidates[0] = 0;
    candidates[1] = text.length;
    return FOUND;
  }
  const from = occurrenceStart(prefilter, text, i, (t >> 1) / prefilter.width, hashtagMode);
  if (from >= 0) {
    if (from < range[0]!) range[0] = from;
    if (i + 1 > range[1]!) range[1] = i + 1;
  }
  return NONE;
}

/**
 * The start of the earliest term the automaton found ending at `i` (in state `state`) that begins
 * where a term may start, or -1. Walks back over the term's letters as the prefilter read them.
 */
function occurrenceStart(
  prefilter: Prefilter,
  text: string,
  i: number,
  state: number,
  hashtagMode: boolean,
): number {
  const { outFirst, outNext, outPattern } = prefilter.automaton;
  const reads = prefilter.reads;
  // Longest first: the failure chain goes to shorter and shorter suffixes.
  for (let o = outFirst[state]!; o >= 0; o = outNext[o]!) {
    const pattern = outPattern[o]!;
    const length = prefilter.lengths[pattern]!;
    // The term's first letter is read from a group of equal letters (spaces and punctuation between
    // them skipped): find the group, then whether any of its letters may begin a term.
    let key = reads[text.charCodeAt(i)]!;
    let groups = 1;
    let left = i;
    let right = i;
    for (let j = i - 1; j >= 0; j--) {
      const r = reads[text.charCodeAt(j)]!;
      if (r === SKIP) continue;
      if (r === key) {
        left = j;
        continue;
      }
      if (groups === length) break;
      groups++;
      key = r;
      left = j;
      right = j;
    }
    const short = prefilter.short[pattern] === 1 && wordEndsAfter(text, i);
    for (let q = left; q <= right; q++) {
      if (reads[text.charCodeAt(q)] !== key) continue;
      if (prefilter.long[pattern] === 1 && mayStart(text, q, hashtagMode)) return q;
      if (short && (q === 0 || text.charCodeAt(q - 1) >= 128 || READ[text.charCodeAt(q - 1)] === SKIP))
        return q;
    }
  }
  return -1;
}

/**
 * Whether the word goes on after unit `i` with at most a plural ending ("ja", "ja5", "jas", "jaes"):
 * a term of one or two letters matches only a whole word. Next to a unit beyond ASCII, yes.
 */
function wordEndsAfter(text: string, i: number): boolean {
  let rest = '';
  let last = READ[text.charCodeAt(i)];
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c >= 128) return true;
    const r = READ[c]!;
    if (r === SKIP) break;
    if (r === FULL) return true;
    if (r === last) continue;
    last = r;
    rest += String.fromCharCode(r);
    if (rest.length > 2) return false;
  }
  return rest === '' || rest === 's' || rest === 'es';
}

/** Whether a term may begin at letter `q` (see `mayMatch`); always, next to a unit beyond ASCII. */
function mayStart(text: string, q: number, hashtagMode: boolean): boolean {
  if (hashtagMode || q === 0) return true;
  const before = text.charCodeAt(q - 1);
  const c = text.charCodeAt(q);
  if (before >= 128 || c >= 128 || READ[before] === SKIP) return true;
  if (isUpper(c)) {
    // camelCase: a capital after a small letter ("carvedIvory"), or the last capital of a run of
    // capitals before a small letter ("IVORYCarving").
    if (isLower(before)) return true;
    const next = q + 1 < text.length ? text.charCodeAt(q + 1) : 0;
    if (isUpper(before) && (isLower(next) || next >= 128)) return true;
  }
  // Inside a hashtag word: the word follows a "#" (a unit beyond ASCII, a hidden one perhaps, may
  // be inside the word: then it may be a hashtag).
  for (let t = q - 1; t >= 0; t--) {
    const u = text.charCodeAt(t);
    if (u >= 128) return true;
    if (READ[u] === SKIP) return u === HASH;
  }
  return false;
}

const HASH = 0x23;
const isUpper = (c: number) => c >= 0x41 && c <= 0x5a;
const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
