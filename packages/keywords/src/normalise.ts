/**
 * Normalisation for matching: text → a "skeleton" of letters without spaces or punctuation, with
 * a boundary type before every position and, for every skeleton position, the UTF-16 range of the
 * ORIGINAL text it came from. Both the library's terms and the screened text go through it.
 *
 * Per code point: NFKC, case folding, diacritics removed, zero-width characters dropped
 * (char-table.ts). Per token (a run of letters and digits): the rules of token-rules.ts. CJK
 * letters and emoji are tokens of their own. Buffers are reused between calls: one `Normaliser`
 * per screener, never shared between concurrent users.
 */
import {
  ASCII_FOLD,
  ASCII_INFO,
  charTable,
  ENTRY_LENGTH_BITS,
  F_CONF,
  F_HIDDEN,
  F_LEET,
  F_LETTER,
  F_STYLED,
  F_SYM,
  F_UPPER,
  K_CJK,
  K_DROP,
  K_EMOJI,
  K_HASH,
  K_WORD,
  KIND_MASK,
} from './char-table.ts';
import { B_HARD, B_HASH, B_NONE, B_SOFT, SkeletonBuffer } from './token-rules.ts';

export { B_HARD, B_HASH, B_NONE, B_SOFT } from './token-rules.ts';

/** Token flags that call for post-processing (leet needs a letter in the token too). */
const TOKEN_WORK = F_CONF | F_UPPER;
const LEET_WORD = F_LEET | F_LETTER;

export class Normaliser extends SkeletonBuffer {
  /** Read a letter doubled inside an ASCII word once ("pangollin" → pangolin); off only to compile terms as written. */
  squeeze = true;
  /** Tokens the hot loop left for post-processing: [start, end, flags] triples. */
  private work = new Int32Array(256);
  private workCount = 0;
  private hashtagMode = false;
  private overflow = false;
  /** The hot loop stopped at the end of a token with `@`/`$`, whose post-processing may shorten it. */
  private symbolStop = false;
  // Tokeniser state, shared by the hot loop and `otherChar` through these fields.
  private len = 0;
  private tokStart = -1;
  private tokFlags = 0;
  private inner = B_NONE;
  private pendingHash = false;
  /** Index just after a zero-width joiner that follows an emoji: an emoji here continues the sequence. */
  private joinAt = -1;

  /**
   * Normalises `text` into the buffers; `hashtagMode` treats every word as a hashtag (for tags).
   * Only `text[begin..end)` when given — a piece that `window.ts` cut where it reads as in the whole
   * text: offsets (`from`, `to`) stay those of `text`, skeleton positions count from the piece.
   * @example
   * const n = new Normaliser();
   * n.normalise('#CarvedIv0ry');
   * n.skeleton(); // 'carvedivory'
   */
  normalise(text: string, hashtagMode = false, begin = 0, end = text.length): void {
    const n = end;
    // Room for every character to double (ß → ss, æ → ae); a rarer, longer expansion overflows and
    // the text is normalised again with larger buffers, so the arrays stay put during a pass.
    this.ensure(2 * (n - begin) + 32);
    this.clearObfuscated();
    this.overflow = false;
    this.symbolStop = false;
    this.hashtagMode = hashtagMode;
    if (this.input.length <= text.length) this.input = new Uint16Array(2 * text.length + 1);
    const input = this.input;
    // The passes below copy the units they read into `input`; and the unit after the piece.
    if (end < text.length) input[end] = text.charCodeAt(end);
    this.len = 0;
    this.tokStart = -1;
    this.tokFlags = 0;
    this.inner = B_NONE;
    this.pendingHash = false;
    this.joinAt = -1;
    this.workCount = 0;
    this.runCount = 0;
    this.lastSingleTo = -100;
    for (let i = begin; i < n; ) {
      i = this.asciiRun(text, input, n, i);
      this.flushWork();
      if (this.symbolStop) {
        this.symbolStop = false;
        this.len = this.endToken(this.len, this.tokStart, this.tokFlags);
        this.tokStart = -1;
        continue;
      }
      if (i >= n) break;
      i = this.otherChar(text, input, n, i);
      if (this.overflow) {
        this.ensure(4 * this.chars.length);
        this.normalise(text, hashtagMode, begin, end);
        return;
      }
    }
    let len = this.len;
    if (this.tokStart >= 0) len = this.endToken(len, this.tokStart, this.tokFlags);
    this.endRun();
    this.bound[len] = B_HARD;
    this.length = len;
  }

  /**
   * The hot loop, over ASCII characters from `begin` until a non-ASCII one, the end, or a token with
   * `@`/`$` (returns where it stopped). It calls nothing: tokens that need post-processing are
   * queued in `work` — a call here, inlined by the JIT, would halve the loop's speed.
   */
  private asciiRun(text: string, input: Uint16Array, n: number, begin: number): number {
    const asciiInfo = ASCII_INFO;
    const asciiFold = ASCII_FOLD;
    const { chars, from, to, bound, work, hashtagMode, twice, twiceAt, squeeze } = this;
    let twiceCount = this.twiceCount;
    let len = this.len;
    let tokStart = this.tokStart;
    let tokFlags = this.tokFlags;
    let inner = this.inner;
    let pendingHash = this.pendingHash;
    let workCount = this.workCount;
    let i = begin;
    outer: while (i < n) {
      let c = text.charCodeAt(i);
      input[i] = c;
      if (c >= 128) break;
      let inf = asciiInfo[c]!;
      if ((inf & KIND_MASK) !== K_WORD) {
        if (tokStart >= 0) {
          if (tokFlags & F_SYM) {
            this.symbolStop = true;
            break;
          }
          if (tokFlags & TOKEN_WORK || (tokFlags & LEET_WORD) === LEET_WORD || len - tokStart === 1) {
            work[workCount++] = tokStart;
            work[workCount++] = len;
            work[workCount++] = tokFlags;
          }
          tokStart = -1;
        }
        pendingHash = (inf & KIND_MASK) === K_HASH;
        i++;
        continue;
      }
      if (tokStart < 0) {
        tokStart = len;
        tokFlags = inf & ~F_UPPER; // a capital first letter is no camelCase hump
        inner = pendingHash || hashtagMode ? B_HASH : B_NONE;
        pendingHash = false;
        // One punctuation mark glued between two words ("iv.ory", "rhino-horn") is a soft break.
        bound[len] = len > 0 && to[len - 1] === i - 1 && isGlue(input[i - 1]!) ? B_SOFT : B_HARD;
        chars[len] = asciiFold[c]!;
        from[len] = i;
        to[len++] = ++i;
      }
      // The rest of the word, in a loop of its own: one branch per letter that goes the same way
      // until the word ends. A letter written twice in a row inside a word is read once — not in a
      // hashtag, whose words run together ("#tigerrug"), nor across a camelCase hump ("TigerRug").
      const squeezing = squeeze && inner === B_NONE;
      let last = chars[len - 1]!;
      for (; i < n; i++) {
        c = text.charCodeAt(i);
        input[i] = c;
        if (c >= 128) break outer;
        inf = asciiInfo[c]!;
        if ((inf & KIND_MASK) !== K_WORD) continue outer;
        tokFlags |= inf;
        const folded = asciiFold[c]!;
        if (folded === last && squeezing && inf & F_LETTER && (!(inf & F_UPPER) || input[i - 1]! < 0x61)) {
          to[len - 1] = i + 1;
          if (twice[len - 1] === 0) {
            twice[len - 1] = 1;
            twiceAt[twiceCount++] = len - 1;
          }
          continue;
        }
        bound[len] = inner;
        chars[len] = folded;
        from[len] = i;
        to[len++] = i + 1;
        last = folded;
      }
    }
    this.len = len;
    this.tokStart = tokStart;
    this.tokFlags = tokFlags;
    this.inner = inner;
    this.pendingHash = pendingHash;
    this.workCount = workCount;
    this.twiceCount = twiceCount;
    return i;
  }

  /** Post-processes the tokens the hot loop queued, in order (their lengths do not change). */
  private flushWork(): void {
    const work = this.work;
    for (let k = 0; k < this.workCount; k += 3) this.endToken(work[k + 1]!, work[k]!, work[k + 2]!);
    this.workCount = 0;
  }

  /** One non-ASCII character (a code point): the units of its table entry. Returns the next index. */
  private otherChar(text: string, input: Uint16Array, n: number, i: number): number {
    const hashtagMode = this.hashtagMode;
    const c = text.charCodeAt(i);
    input[i] = c;
    let len = this.len;
    let tokStart = this.tokStart;
    let tokFlags = this.tokFlags;
    let inner = this.inner;
    let pendingHash = this.pendingHash;
    let cp = c;
    let next = i + 1;
    if (c >= 0xd800 && c < 0xdc00 && next < n) {
      const d = text.charCodeAt(next);
      input[next] = d;
      if (d >= 0xdc00 && d < 0xe000) {
        cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        next++;
      }
    }
    const entry = charTable.lookup(cp);
    const start = Math.floor(entry / ENTRY_LENGTH_BITS);
    const count = entry % ENTRY_LENGTH_BITS;
    const { chars, from, to, info, bound } = this;
    if (len + count + n - i + 1 > chars.length) {
      this.overflow = true;
      return n;
    }
    const units = charTable.units;
    const infos = charTable.infos;
    for (let k = 0; k < count; k++) {
      const inf = infos[start + k]!;
      const kind = inf & KIND_MASK;
      if (kind === K_WORD) {
        if (tokStart < 0) {
          tokStart = len;
          tokFlags = inf & ~F_UPPER;
          inner = pendingHash || hashtagMode ? B_HASH : B_NONE;
          pendingHash = false;
          bound[len] = len > 0 && to[len - 1] === i - 1 && isGlue(input[i - 1]!) ? B_SOFT : B_HARD;
        } else {
          bound[len] = inner;
          tokFlags |= inf;
        }
        chars[len] = units[start + k]!;
        from[len] = i;
        to[len] = next;
        if (inf & F_STYLED) this.markObfuscated(len);
        info[len++] = inf;
      } else if (kind === K_DROP) {
        if (len > 0 && to[len - 1] === i) {
          to[len - 1] = next;
          if (inf & F_HIDDEN && tokStart >= 0) this.markObfuscated(len - 1);
          // An emoji ZWJ sequence (🐻‍❄️ polar bear) is one emoji: its parts are not split.
          if (cp === ZWJ && (this.infoAt(len - 1) & KIND_MASK) === K_EMOJI) this.joinAt = next;
        }
      } else {
        if (tokStart >= 0) {
          if (
            tokFlags & TOKEN_WORK ||
            (tokFlags & LEET_WORD) === LEET_WORD ||
            len - tokStart === 1 ||
            this.runCount !== 0
          )
            len = this.endToken(len, tokStart, tokFlags);
          tokStart = -1;
        }
        pendingHash = kind === K_HASH;
        if (kind === K_CJK || kind === K_EMOJI) {
          this.endRun();
          pendingHash = false;
          bound[len] = (k > 0 || i === this.joinAt) && kind === K_EMOJI ? B_NONE : B_HARD;
          chars[len] = units[start + k]!;
          from[len] = i;
          to[len] = next;
          info[len++] = inf;
        }
      }
    }
    this.len = len;
    this.tokStart = tokStart;
    this.tokFlags = tokFlags;
    this.inner = inner;
    this.pendingHash = pendingHash;
    return next;
  }

  /** Buffers for `capacity` units, and the work queue (one triple per token at most). */
  protected override ensure(capacity: number): void {
    super.ensure(capacity);
    if (this.work.length < this.chars.length) this.work = new Int32Array(this.chars.length);
  }
}

const ZWJ = 0x200d;

/** Punctuation that can sit inside a word: . - _ * ' / + ~ · • ‧ ’ ‐ ‑ – */
/** The ASCII punctuation that glues two pieces of one word ("iv.ory", "rhino-horn"). */
export const ASCII_GLUE = ".-_*'/+~";
const GLUE = new Uint8Array(128);
for (const c of ASCII_GLUE) GLUE[c.charCodeAt(0)] = 1;
function isGlue(c: number): boolean {
  return c < 128
    ? GLUE[c] === 1
    : c === 0xb7 || c === 0x2022 || c === 0x2027 || c === 0x2019 || (c >= 0x2010 && c <= 0x2013);
}
