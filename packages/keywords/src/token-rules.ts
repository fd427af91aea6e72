/**
 * The buffers of a normalised text and the rules applied when a token ends (the base of
 * `Normaliser`, which runs the pass over the text): leetspeak digits read as letters in a word that
 * has a letter, look-alike Cyrillic/Greek letters read as Latin inside a Latin word, camelCase humps
 * as soft boundaries, and runs of ≥ 3 single letters ("i.v.o.r.y", "i v o r y") read as one word.
 */
import {
  ASCII_INFO,
  CAPITAL_CONFUSABLE_MAP,
  CONFUSABLE_MAP,
  F_CONF,
  F_LATIN,
  F_LEET,
  F_LETTER,
  F_SYM,
  F_UPPER,
  LEET_MAP,
} from './char-table.ts';

/** Boundary types, weakest first. */
export const B_NONE = 0;
/** Inside a hashtag word: a term may start or end here when the hashtag rule allows it. */
export const B_HASH = 1;
/** A camelCase hump or a gap inside a run of single letters. */
export const B_SOFT = 2;
/** Between words (space, punctuation, script change, start and end of text). */
export const B_HARD = 3;

/** Separators of at most this many UTF-16 units keep single letters in one run ("i . v"). */
const MAX_SINGLE_GAP = 3;
const DOLLAR = 36;
const AT = 64;

export class SkeletonBuffer {
  /** Skeleton code units. */
  chars = new Uint16Array(256);
  /** UTF-16 range [from, to) of the original text behind each skeleton unit. */
  from = new Int32Array(256);
  to = new Int32Array(256);
  /**
   * Unit info (char-table.ts), written only for units that come from non-ASCII characters (the
   * ASCII hot path skips it; `infoAt` reads either).
   */
  info = new Uint16Array(256);
  /** `bound[p]`: boundary type before skeleton position p (length + 1 entries). */
  bound = new Uint8Array(257);
  length = 0;
  /**
   * 1 where the unit was read through an obfuscation — a leet digit, a look-alike letter, a run of
   * spaced letters, a hidden character — which no one writing in good faith uses.
   */
  obfuscated = new Uint8Array(256);
  private obfuscatedAt: number[] = [];
  /**
   * 1 where the unit stands for a doubled letter of the text ("ivvory" → i v o r y, the v twice):
   * the skeleton reads an ASCII letter written twice in a row inside a word as one, so that
   * "pangollin" is "pangolin" (terms are compiled both as written and read this way).
   */
  twice = new Uint8Array(256);
  /** Positions where `twice` is set (cleared before the next text), and how many. */
  protected twiceAt = new Int32Array(256);
  twiceCount = 0;
  /** The text's UTF-16 code units. */
  input = new Uint16Array(256);
  // The current run of single-letter tokens.
  protected runStart = 0;
  protected runCount = 0;
  protected runFlags = 0;
  protected lastSingleTo = -100;

  /** The skeleton as a string (for tests and debugging). */
  skeleton(): string {
    let s = '';
    for (let i = 0; i < this.length; i++) s += String.fromCharCode(this.chars[i]!);
    return s;
  }

  /** Info of skeleton unit p (char-table.ts flags and kind). */
  infoAt(p: number): number {
    const c = this.input[this.from[p]!]!;
    return c < 128 ? ASCII_INFO[c]! : this.info[p]!;
  }

  /** Token post-processing: leet, look-alikes, camelCase humps, single-letter runs. Returns the new length. */
  protected endToken(length: number, start: number, flags: number): number {
    const chars = this.chars;
    let end = length;
    if (flags & F_SYM) {
      while (end > start && (chars[end - 1] === DOLLAR || chars[end - 1] === AT)) end--;
      if (!(flags & F_LETTER)) end = this.dropSymbols(start, end);
      // The units dropped take their marks with them: the next word reuses their positions.
      for (let p = end; p < length; p++) {
        this.obfuscated[p] = 0;
        this.twice[p] = 0;
      }
      if (end === start) return end;
    }
    if (flags & F_LEET && flags & F_LETTER) this.readLeet(start, end);
    if (flags & F_CONF && (flags & F_LATIN || this.allConfusable(start, end)))
      this.readConfusables(start, end);
    if (flags & F_UPPER && end - start > 1) this.markHumps(start, end);
    // One letter, not one written twice ("ll" is no single letter of a spaced-out word).
    if (end - start === 1 && this.twice[start] === 0) {
      if (
        this.runCount > 0 &&
        this.runStart + this.runCount === start &&
        this.from[start]! - this.lastSingleTo <= MAX_SINGLE_GAP
      ) {
        this.runCount++;
        this.runFlags |= flags;
      } else {
        this.endRun();
        this.runStart = start;
        this.runCount = 1;
        this.runFlags = flags;
      }
      this.lastSingleTo = this.to[start]!;
    } else if (this.runCount > 0) this.endRun();
    return end;
  }

  /** camelCase: a soft boundary before an upper-case letter after a lower-case one ("carvedIvory") and
   * before the last capital of a capital run followed by lower case ("IVORYCarving"). */
  private markHumps(start: number, end: number): void {
    let prev = this.infoAt(start);
    let prevPrev = 0;
    for (let p = start + 1; p < end; p++) {
      const inf = this.infoAt(p);
      if (inf & F_UPPER) {
        if ((prev & (F_LETTER | F_UPPER)) === F_LETTER) this.bound[p] = B_SOFT;
      } else if (inf & F_LETTER && prev & prevPrev & F_UPPER) this.bound[p - 1] = B_SOFT;
      prevPrev = prev;
      prev = inf;
    }
  }

  /** A run of ≥ 3 single letters reads as one word: soft boundaries inside, leet and look-alikes read. */
  protected endRun(): void {
    const count = this.runCount;
    this.runCount = 0;
    if (count < 3) return;
    const start = this.runStart;
    const end = start + count;
    for (let p = start + 1; p < end; p++) this.bound[p] = B_SOFT;
    for (let p = start; p < end; p++) this.markObfuscated(p);
    if (this.runFlags & F_LETTER && this.runFlags & F_LEET) this.readLeet(start, end);
    if (this.runFlags & F_CONF && this.runFlags & F_LATIN) this.readConfusables(start, end);
  }

  private readLeet(start: number, end: number): void {
    const chars = this.chars;
    for (let p = start; p < end; p++) {
      const ch = chars[p]!;
      if (ch < 128 && LEET_MAP[ch]) {
        chars[p] = LEET_MAP[ch]!;
        this.markObfuscated(p);
      }
    }
  }

  private readConfusables(start: number, end: number): void {
    const chars = this.chars;
    for (let p = start; p < end; p++) {
      const ch = chars[p]!;
      if (ch < 128) continue;
      const latin =
        (this.info[p]! & F_UPPER ? CAPITAL_CONFUSABLE_MAP.get(ch) : undefined) ?? CONFUSABLE_MAP.get(ch);
      if (latin === undefined) continue;
      chars[p] = latin;
      this.markObfuscated(p);
    }
  }

  /** Whether any unit of the current text was read through an obfuscation. */
  get anyObfuscated(): boolean {
    return this.obfuscatedAt.length > 0;
  }

  protected markObfuscated(p: number): void {
    if (this.obfuscated[p]) return;
    this.obfuscated[p] = 1;
    this.obfuscatedAt.push(p);
  }

  /** Forgets the previous text's marks (only the positions that were set are cleared). */
  protected clearObfuscated(): void {
    for (const p of this.obfuscatedAt) this.obfuscated[p] = 0;
    this.obfuscatedAt.length = 0;
    for (let k = 0; k < this.twiceCount; k++) this.twice[this.twiceAt[k]!] = 0;
    this.twiceCount = 0;
  }

  private allConfusable(start: number, end: number): boolean {
    for (let p = start; p < end; p++) {
      const inf = this.infoAt(p);
      if (inf & F_LETTER && !(inf & F_CONF)) return false;
    }
    return true;
  }

  /** A token without letters ("$100"): its leet symbols are punctuation, not letters. */
  private dropSymbols(start: number, end: number): number {
    let w = start;
    for (let p = start; p < end; p++) {
      const ch = this.chars[p]!;
      const obfuscated = this.obfuscated[p]!;
      const twice = this.twice[p]!;
      this.obfuscated[p] = 0;
      this.twice[p] = 0;
      if (ch === DOLLAR || ch === AT) continue;
      this.chars[w] = ch;
      this.from[w] = this.from[p]!;
      this.to[w] = this.to[p]!;
      this.info[w] = this.info[p]!;
      // Marks move with their units (and are listed for clearing before the next text).
      if (obfuscated) this.markObfuscated(w);
      if (twice) {
        this.twice[w] = 1;
        this.twiceAt[this.twiceCount++] = w;
      }
      this.bound[w] = p === start ? B_HARD : this.bound[p]!;
      w++;
    }
    if (w > start) this.bound[start] = B_HARD;
    return w;
  }

  /** Buffers for `capacity` units (contents are not kept: every pass starts from scratch). */
  protected ensure(capacity: number): void {
    if (capacity < this.chars.length) return;
    const size = Math.max(capacity + 1, this.chars.length * 2);
    this.chars = new Uint16Array(size);
    this.from = new Int32Array(size);
    this.to = new Int32Array(size);
    this.info = new Uint16Array(size);
    this.bound = new Uint8Array(size + 1);
    this.obfuscated = new Uint8Array(size);
    this.obfuscatedAt.length = 0;
    this.twice = new Uint8Array(size);
    this.twiceAt = new Int32Array(size);
    this.twiceCount = 0;
  }
}
