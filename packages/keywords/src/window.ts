/**
 * The piece of a long field worth normalising: the prefilter's candidates widened by a margin of
 * letters on each side (the distance within which associated and innocent-reading words count, plus
 * their length) and then to the nearest places where normalising the piece reads exactly as the
 * whole text does there. Such a place is the start (or end) of a word of two letters or more next
 * to a space or punctuation that does not glue words (not `.`, `-`…, not `#`): no run of single
 * letters ("i v o r y"), glued piece ("iv.ory") or hashtag crosses it. Every hit of the field lies
 * in the piece, and nothing outside it could change one: screening the piece screens the field.
 */

import { ASCII_INFO, K_WORD, KIND_MASK } from './char-table.ts';
import { ASCII_GLUE } from './normalise.ts';

/** `[begin, end)` of the piece (UTF-16 indices), written by `widen`. */
export const piece = new Int32Array(2);

/**
 * The piece around `[from, to)` with at least `margin` skeleton letters on each side where the text
 * has them; the whole text when it has a character beyond ASCII.
 * @example
 * widen(description, 120, 131, 44); // piece: [begin, end)
 */
export function widen(text: string, from: number, to: number, margin: number): void {
  // A text shorter than the margin is its own piece (it cannot have more letters than units).
  piece[0] = from <= margin ? 0 : left(text, from, margin);
  piece[1] = text.length - to <= margin ? text.length : right(text, to, margin);
}

/** Units the normaliser reads in words: letters, digits, `@` and `$`. */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD[c] = (ASCII_INFO[c]! & KIND_MASK) === K_WORD ? 1 : 0;
/** Separators a word may run on through (glue, and "#" before a hashtag): they do not end a piece. */
const STICKY = new Uint8Array(128);
for (const c of `${ASCII_GLUE}#`) STICKY[c.charCodeAt(0)] = 1;

function left(text: string, from: number, margin: number): number {
  // Letters counted never more than the normaliser's skeleton has (a doubled letter once).
  let letters = 0;
  let j = from;
  let after = j < text.length ? text.charCodeAt(j) | 0x20 : 0;
  for (; j > 0 && letters < margin; j--) {
    const c = text.charCodeAt(j - 1);
    if (c >= 128) return 0;
    const folded = c | 0x20;
    if (WORD[c] === 1 && folded !== after) letters++;
    after = folded;
  }
  for (; j > 0; j--) {
    const c = text.charCodeAt(j);
    const before = text.charCodeAt(j - 1);
    if (c >= 128 || before >= 128) return 0;
    if (WORD[c] !== 1 || WORD[before] === 1 || STICKY[before] === 1) continue;
    // The word before (past the separators) must have two letters or more: a single letter might
    // be one of a run of spaced-out letters that goes on into the piece.
    let e = j - 1;
    while (e >= 0 && WORD[text.charCodeAt(e)] !== 1) {
      if (text.charCodeAt(e) >= 128) return 0;
      e--;
    }
    if (e < 0 || (e > 0 && WORD[text.charCodeAt(e - 1)] === 1)) return j;
  }
  return 0;
}

function right(text: string, to: number, margin: number): number {
  const n = text.length;
  let letters = 0;
  let j = to;
  let before = j > 0 ? text.charCodeAt(j - 1) | 0x20 : 0;
  for (; j < n && letters < margin; j++) {
    const c = text.charCodeAt(j);
    if (c >= 128) return n;
    const folded = c | 0x20;
    if (WORD[c] === 1 && folded !== before) letters++;
    before = folded;
  }
  for (; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c >= 128) return n;
    if (j < 2 || WORD[c] === 1 || STICKY[c] === 1) continue;
    // The word that ends here must have two letters or more (see `left`).
    if (WORD[text.charCodeAt(j - 1)] === 1 && WORD[text.charCodeAt(j - 2)] === 1) return j;
  }
  return n;
}
