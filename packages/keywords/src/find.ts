/**
 * Finds the library's terms in one field: normalise, one automaton pass, then the word-boundary
 * rules (docs/keywords.md): a Latin term must start and end at a word boundary (a plural "s"/"es"
 * may follow it), and a space inside the matched text must be a space (or hyphen, or word join) of
 * the term; inside a hashtag, a term may end or start mid-word when it touches another term
 * ("#lionrug" → lion + rug), or when it is a strong term (neither ambiguous nor associated) at least
 * 4 letters long and anchored on the other side ("#oldtusk" → tusk); a term of one or two letters
 * needs a whole word, and written with diacritics ("hổ") needs them in the text. A hashtag term matches only in a hashtag (or a tag).
 * Terms with CJK letters or emoji have no boundary rules.
 */
import { scan } from './automaton.ts';
import { K_EMOJI, KIND_MASK } from './char-table.ts';
import type { CompiledTerm, Screener } from './compile.ts';
import type { Normaliser } from './normalise.ts';
import { B_HARD, B_HASH, B_NONE, B_SOFT } from './token-rules.ts';

export interface Hit {
  readonly term: CompiledTerm;
  /** Index of the field: 0 title, 1 description, 2 + i tags[i]. */
  readonly field: number;
  /** Skeleton range (for windows and nesting). */
  readonly a: number;
  readonly b: number;
  /** UTF-16 range in the original field. */
  readonly start: number;
  readonly end: number;
  /** Some of the matched text was obfuscated (leet, look-alikes, spaced letters, hidden characters). */
  readonly obfuscated: boolean;
}

/** A hashtag term piece shorter than this must touch another term on its open side. */
const MIN_ANCHORED_PIECE = 4;
/** Shorter terms ("ja", "hổ") need whole-word boundaries: no camelCase, hashtag or spaced-letter splits. */
export const MIN_LOOSE_TERM = 3;
/** Pieces of a word at least this long on both sides of a break make a compound, not a trick. */
const MIN_COMPOUND_PIECE = 4;
const S = 's'.charCodeAt(0);
const E = 'e'.charCodeAt(0);

/**
 * Appends the hits of the library's terms in `text` (or in the piece `[begin, end)` of it that
 * `window.ts` cut) to `out`.
 * @example
 * const hits: Hit[] = [];
 * findInField(screener, 'R.H.I.N.O horn', 0, false, hits); // rhino horn, rhino, horn…
 */
export function findInField(
  screener: Screener,
  text: string,
  field: number,
  hashtagMode: boolean,
  out: Hit[],
  begin = 0,
  end = text.length,
): void {
  const { normaliser, buffer } = screener.scratch;
  normaliser.normalise(text, hashtagMode, begin, end);
  const count = scan(screener.automaton, normaliser.chars, normaliser.length, buffer);
  const hits = buffer.hits;
  const lengths = screener.automaton.patternLength;
  // Associated terms count only near a species term of the same field (tags: of a nearby tag), and
  // innocent-reading words only near an ambiguous term of the same field: in a field without one,
  // they are skipped here, before any work is spent on them. Pass 0: the other terms; pass 1:
  // associated terms; pass 2: innocent-reading words.
  let species = hashtagMode;
  let ambiguous = false;
  let deferred = 0;
  const found: Found = { hits, count, lengths, bitmap: undefined };
  for (let pass = 0; pass < 3; pass++) {
    if (pass === 1 && !(deferred & 2 && species)) continue;
    if (pass === 2 && !(deferred & 4 && ambiguous)) break;
    for (let k = 0; k < count; k += 2) {
      const pattern = hits[k]!;
      const b = hits[k + 1]!;
      const a = b - lengths[pattern]!;
      for (const term of screener.patternTerms[pattern]!) {
        const later = term.associated ? 1 : term.innocent ? 2 : 0;
        if (later !== pass) {
          deferred |= 1 << later;
          continue;
        }
        const fit = term.free ? freeFit(normaliser, a, b) : accepts(normaliser, term, a, b, found);
        if (fit === REJECTED) continue;
        if (term.hashtag && !inHashtag(normaliser, a, b)) continue;
        let start = normaliser.from[a]!;
        const end = normaliser.to[b - 1]!;
        if (term.needsMarks && !hasMarks(text, start, end)) continue;
        if (term.species) species = true;
        if (term.ambiguous && !term.innocent) ambiguous = true;
        // A hashtag term found after a "#" covers it.
        if (term.hashtag && start > 0 && isHash(text.charCodeAt(start - 1))) start--;
        out.push({
          term,
          field,
          a,
          b,
          start,
          end,
          obfuscated:
            (normaliser.anyObfuscated && markedIn(normaliser, a, b)) ||
            (fit === BROKEN && brokenWordIsTrick(normaliser, term, a, b)),
        });
      }
    }
  }
}

/** How a match fits the boundary rules. */
const REJECTED = 0;
const FITS = 1;
/** Fits, with a word of the term broken up in the text ("iv.ory", "IvOrY", "tortoise-shell"). */
const BROKEN = 2;
const FREE = 3;

function accepts(n: Normaliser, term: CompiledTerm, a: number, b: number, found: Found): number {
  const bound = n.bound;
  const left = bound[a]!;
  let right = bound[b]!;
  if (right === B_NONE) right = pluralEnd(n, b);
  if (left === B_NONE || right === B_NONE) return REJECTED;
  if (term.length < MIN_LOOSE_TERM && (left !== B_HARD || right !== B_HARD)) return REJECTED;
  if ((n.twiceCount !== 0 || term.twice) && !sameDoubling(n, term, a, b)) return REJECTED;
  let fit = FITS;
  for (let p = a + 1; p < b; p++)
    if (bound[p]! >= B_SOFT && term.bounds[p - a] === B_NONE) {
      if (bound[p] === B_HARD && !splitBySpace(n, term, a, b, p)) return REJECTED;
      fit = BROKEN;
    }
  if (left >= B_SOFT && right >= B_SOFT) return fit;
  // Cut out of a hashtag word on one side: only a strong term ("#oldtusk"); an ambiguous or
  // associated one ("skin" in "#skincare", "bone" in "#bonebroth") must touch another term there.
  if ((left >= B_SOFT || right >= B_SOFT) && term.strong && term.length >= MIN_ANCHORED_PIECE) return fit;
  return (left >= B_SOFT || touches(found, a, ENDS, n.length)) &&
    (right >= B_SOFT || touches(found, b, STARTS, n.length))
    ? fit
    : REJECTED;
}

/** Words of the term at least this long may differ from the text in a doubled letter ("ivvory", "pangollin"). */
const MIN_DOUBLING_WORD = 5;

/** The extent [start, end) of the term's word around term position q. */
function termWord(term: CompiledTerm, q: number): [number, number] {
  let start = q;
  while (start > 0 && term.bounds[start]! < B_SOFT) start--;
  let end = q + 1;
  while (end < term.length && term.bounds[end]! < B_SOFT) end++;
  return [start, end];
}

/**
 * A letter doubled in the text but not in the term (or the other way round) is accepted only in a
 * word of the term of at least MIN_DOUBLING_WORD letters: "pangollin" is pangolin, "bille" is not bile.
 */
function sameDoubling(n: Normaliser, term: CompiledTerm, a: number, b: number): boolean {
  for (let p = a; p < b; p++) {
    const q = p - a;
    if (n.twice[p] === (term.twice ? term.twice[q] : 0)) continue;
    const [start, end] = termWord(term, q);
    if (end - start < MIN_DOUBLING_WORD) return false;
  }
  return true;
}

/**
 * Words too common to be half of a split word: "man is" is not "manis". A word of the term split by
 * one space ("iv ory", "pango lin") is read as the word only when the pieces make sense only together.
 */
const COMMON_WORDS = new Set(
  (
    'a an the is in on at to of or and no not be by it as so do go he we me my us up if am are was has had ' +
    'for but all any one two new old big man men can her his him our you yes its may per via off out own ' +
    'de la le el en un et es da di du il lo los las une des del al ha'
  ).split(' '),
);
const SPACE = 32;

/** A word of the term written in two pieces separated by one space, neither piece shorter than 2 letters. */
function splitBySpace(n: Normaliser, term: CompiledTerm, a: number, b: number, p: number): boolean {
  if (term.free || n.from[p]! - n.to[p - 1]! !== 1 || n.input[n.to[p - 1]!] !== SPACE) return false;
  const [start, end] = termWord(term, p - a);
  if (end - start < MIN_DOUBLING_WORD || p - a - start < 2 || end - (p - a) < 2) return false;
  // One split per word, and only where the word has no break of its own.
  for (let x = a + start + 1; x < a + end; x++) if (x !== p && n.bound[x]! >= B_SOFT) return false;
  if (a + end > b) return false;
  const left = n.chars.subarray(a + start, p);
  const right = n.chars.subarray(p, a + end);
  return !(COMMON_WORDS.has(String.fromCharCode(...left)) && COMMON_WORDS.has(String.fromCharCode(...right)));
}

/** A CJK or emoji term: no word boundaries, but it does not cut an emoji ZWJ sequence (🐻‍❄️ is not 🐻). */
function freeFit(n: Normaliser, a: number, b: number): number {
  if (n.bound[a] === B_NONE && (n.infoAt(a) & KIND_MASK) === K_EMOJI) return REJECTED;
  if (b < n.length && n.bound[b] === B_NONE && (n.infoAt(b) & KIND_MASK) === K_EMOJI) return REJECTED;
  return FREE;
}

/** A hashtag term matches only in a hashtag or a tag: "#lionclaw" is not "lion claw foot bathtub". */
function inHashtag(n: Normaliser, a: number, b: number): boolean {
  return b - a < 2 || n.bound[a + 1] === B_HASH || n.bound[a] === B_HASH;
}

/** Whether a letter of [a, b) was read through leet, a look-alike, spaced letters or a hidden character. */
function markedIn(n: Normaliser, a: number, b: number): boolean {
  for (let p = a; p < b; p++) if (n.obfuscated[p]) return true;
  return false;
}

/**
 * A word of the term broken up in the text is a trick ("iv.ory", "IvOrY") unless both pieces have
 * four letters or more: then it is a compound written in two ("tortoise-shell", "TortoiseShell").
 */
function brokenWordIsTrick(n: Normaliser, term: CompiledTerm, a: number, b: number): boolean {
  const bound = n.bound;
  let piece = a;
  for (let p = a + 1; p < b; p++) {
    if (bound[p]! < B_SOFT) continue;
    if (term.bounds[p - a] === B_NONE) {
      let next = p + 1;
      while (next < b && bound[next]! < B_SOFT) next++;
      if (p - piece < MIN_COMPOUND_PIECE || next - p < MIN_COMPOUND_PIECE) return true;
    }
    piece = p;
  }
  return false;
}
/** Whether the original text of a match carries diacritics (for short terms such as "hổ"). */
function hasMarks(text: string, start: number, end: number): boolean {
  return /[\u0300-\u036f]/.test(text.slice(start, end).normalize('NFD'));
}
const isHash = (c: number) => c === 0x23 || c === 0xff03;

/** The boundary after a plural ending ("tusks", "boxes") when the term is followed by one. */
function pluralEnd(n: Normaliser, b: number): number {
  if (b >= n.length) return B_NONE;
  const chars = n.chars;
  const bound = n.bound;
  if (chars[b] === S) return bound[b + 1]! >= B_SOFT ? bound[b + 1]! : B_NONE;
  if (chars[b] === E && b + 1 < n.length && chars[b + 1] === S && bound[b + 1] === B_NONE)
    return bound[b + 2]! >= B_SOFT ? bound[b + 2]! : B_NONE;
  return B_NONE;
}

/** The field's raw hits, for the hashtag rule. (No closures here: they cost on every field.) */
interface Found {
  hits: Int32Array;
  count: number;
  lengths: Int32Array;
  /** Built on first need when there are many hits, so that a huge field stays linear. */
  bitmap: Uint8Array | undefined;
}
const STARTS = 1;
const ENDS = 2;

/** Whether a found pattern starts (or ends) at skeleton position p. */
function touches(found: Found, p: number, side: number, length: number): boolean {
  const { hits, count, lengths } = found;
  if (count <= 256) {
    for (let k = 0; k < count; k += 2) {
      const end = hits[k + 1]!;
      if ((side === ENDS ? end : end - lengths[hits[k]!]!) === p) return true;
    }
    return false;
  }
  if (!found.bitmap) {
    const bitmap = new Uint8Array(length + 1);
    for (let k = 0; k < count; k += 2) {
      const end = hits[k + 1]!;
      bitmap[end] = bitmap[end]! | ENDS;
      const start = end - lengths[hits[k]!]!;
      bitmap[start] = bitmap[start]! | STARTS;
    }
    found.bitmap = bitmap;
  }
  return (found.bitmap[p]! & side) !== 0;
}
