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

export interface Prefilter {
  /** Aho-Corasick automaton of the terms read the prefilter's way (every letter a dense class). */
  readonly automaton: Automaton;
  /** Per ASCII code unit: its class in the automaton, or SEPARATOR, GLUED or WHOLE. */
  readonly classOf: Uint8Array;
  /** Length of each pattern as the prefilter reads it (letters, a repeated one once). */
  readonly lengths: Int32Array;
  /**
   * Terms of one or two letters match only a whole word of one or two letters ("ja", "ho"): by
   * word, [READ of first letter] * 128 + READ of second (0 for a one-letter word), 1 when a term.
   */
  readonly short: Uint8Array;
  readonly anyShort: boolean;
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

/** Codes of `classOf` beyond the letters' classes. */
const SEPARATOR = 253;
const GLUED = 254;
const WHOLE = 255;

/** The prefilter of a library's pattern skeletons; `minLoose`: shorter ones need a whole word. */
export function buildPrefilter(patterns: readonly string[], minLoose: number): Prefilter {
  const short = new Uint8Array(128 * 128);
  const long = new Set<string>();
  let anyShort = false;
  for (const p of patterns) {
    if (p.length >= minLoose) {
      const r = read(p);
      if (r) long.add(r);
      continue;
    }
    if (/[^\x00-\x7f]/.test(p)) continue;
    const [a = 0, b = 0] = [...p].map((c) => READ[c.charCodeAt(0)]!);
    short[a * 128 + b] = 1;
    anyShort = true;
  }
  const reads = [...long];
  const automaton = buildAutomaton(reads);
  // At most 27 letters are read (a-z with l as i, and the digits 2 and 6): every class is dense.
  if (automaton.classCount > automaton.dense) throw new Error('prefilter: a class is not dense');
  const classOf = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const r = READ[c]!;
    classOf[c] =
      r === FULL ? WHOLE : r === SKIP ? (GLUE[c] === 1 ? GLUED : SEPARATOR) : automaton.classOf[r]!;
  }
  return { automaton, classOf, lengths: Int32Array.from(reads, (r) => r.length), short, anyShort };
}

/**
 * Where `mayMatch` found possible matches: `[from, to)`, UTF-16 indices from the start of the first to
 * the end of the last one (as the prefilter reads them: the matcher's may reach a little further, a
 * plural or a doubled letter); the whole text when it has characters the prefilter does not read.
 */
export const candidates = new Int32Array(2);

/**
 * Whether a term could match in `text`: false only when none can (an all-ASCII field without any);
 * when true, `candidates` says where. One pass of the automaton over the text read loosely; where a
 * term's letters appear, they count only if they begin where the matcher lets a term start — after a
 * space or punctuation, at a camelCase hump, anywhere in a hashtag word (`hashtagMode`: in every
 * word, as for tags): "drug" holds no "rug". Kept free of calls but for that check, which is rare:
 * it runs over every character of every listing.
 */
export function mayMatch(prefilter: Prefilter, text: string, hashtagMode = false): boolean {
  const { classOf, anyShort } = prefilter;
  const { table, dense } = prefilter.automaton;
  const n = text.length;
  let row = 0;
  let prev = -1;
  // Letters since the last space or punctuation that ends a word (glue does not).
  let word = 0;
  let lo = n;
  let hi = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return whole(n);
    const k = classOf[c]!;
    if (k >= SEPARATOR) {
      if (k === SEPARATOR) {
        if (word !== 0 && word < 3 && anyShort && isShortTerm(prefilter, text, i)) {
          const from = i - word;
          if (from < lo) lo = from;
          hi = i;
        }
        word = 0;
      } else if (k === WHOLE) return whole(n);
      continue;
    }
    word++;
    if (k === prev) continue;
    prev = k;
    const t = table[row + k]!;
    row = t >> 1;
    if ((t & 1) === 0) continue;
    const from = occurrenceStart(prefilter, text, i, row / dense, hashtagMode);
    if (from < 0) continue;
    if (from < lo) lo = from;
    hi = i + 1;
  }
  if (word !== 0 && word < 3 && anyShort && isShortTerm(prefilter, text, n)) {
    if (n - word < lo) lo = n - word;
    hi = n;
  }
  if (hi < 0) return false;
  candidates[0] = lo;
  candidates[1] = hi;
  return true;
}

function whole(n: number): true {
  candidates[0] = 0;
  candidates[1] = n;
  return true;
}

/** Whether the word of one or two letters that ends before `end` is a short term ("ja", "j.a"). */
function isShortTerm(prefilter: Prefilter, text: string, end: number): boolean {
  let first = 0;
  let second = 0;
  for (let j = end - 1; j >= 0; j--) {
    const r = READ[text.charCodeAt(j)]!;
    if (r === SKIP) {
      if (GLUE[text.charCodeAt(j)] === 1) continue;
      break;
    }
    second = first;
    first = r;
  }
  return prefilter.short[first * 128 + second] === 1;
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
  // Longest first: the failure chain goes to shorter and shorter suffixes.
  for (let o = outFirst[state]!; o >= 0; o = outNext[o]!) {
    const length = prefilter.lengths[outPattern[o]!]!;
    // The term's first letter is read from a group of equal letters (spaces and punctuation between
    // them skipped): find the group, then whether any of its letters may begin a term.
    let key = READ[text.charCodeAt(i)]!;
    let groups = 1;
    let left = i;
    let right = i;
    for (let j = i - 1; j >= 0; j--) {
      const r = READ[text.charCodeAt(j)]!;
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
    for (let q = left; q <= right; q++)
      if (READ[text.charCodeAt(q)] === key && mayStart(text, q, hashtagMode)) return q;
  }
  return -1;
}

/** Whether a term may begin at letter `q` (see `mayMatch`). */
function mayStart(text: string, q: number, hashtagMode: boolean): boolean {
  if (hashtagMode || q === 0) return true;
  const before = text.charCodeAt(q - 1);
  if (READ[before] === SKIP) return true;
  const c = text.charCodeAt(q);
  if (isUpper(c)) {
    // camelCase: a capital after a small letter ("carvedIvory"), or the last capital of a run of
    // capitals before a small letter ("IVORYCarving").
    if (isLower(before)) return true;
    if (isUpper(before) && q + 1 < text.length && isLower(text.charCodeAt(q + 1))) return true;
  }
  // Inside a hashtag word: the word follows a "#".
  let t = q - 1;
  while (t >= 0 && READ[text.charCodeAt(t)] !== SKIP) t--;
  return t >= 0 && text.charCodeAt(t) === HASH;
}

const HASH = 0x23;
const isUpper = (c: number) => c >= 0x41 && c <= 0x5a;
const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
