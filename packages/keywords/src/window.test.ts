/**
 * Screening only the piece of a long field around the prefilter's candidates gives the result of
 * screening the whole field: on long descriptions where terms, associated and innocent-reading
 * words sit at every distance from each other, next to spaced-out letters, glued pieces, hashtags
 * and capitals — the places where a piece cut at the wrong spot would read differently.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileLibrary, type Screener } from './compile.ts';
import type { Listing } from './index.ts';
import { loadLibrary } from './node/load-library.ts';
import { Normaliser } from './normalise.ts';
import { screenListing } from './screen.ts';
import { prng } from './testing/prng.ts';
import { piece, widen } from './window.ts';

/** Skeleton units of `n` that come from characters before `end`. */
function unitsBefore(n: Normaliser, end: number): number {
  let p = 0;
  while (p < n.length && n.from[p]! < end) p++;
  return p;
}

let screener: Screener;
let whole: Screener;
beforeAll(async () => {
  screener = compileLibrary(await loadLibrary());
  // A margin longer than any field: every field is screened whole.
  whole = { ...screener, margin: Number.MAX_SAFE_INTEGER };
});

const FILLER = [
  ...'in excellent condition with box free shipping see photos a b c x y z ok to be or go no me please well packed'.split(
    ' ',
  ),
  // Beyond ASCII: a piece is never cut next to these.
  'café',
  '手工',
  'іvory',
  'e\u200bf',
  'Très',
];
const JOINS = [' ', ' ', ' ', ', ', '. ', '.', '-', ' #', '#', '  ', ' / ', ''];

describe('screening a piece of a long field', () => {
  it('gives the result of screening the whole field', () => {
    const rnd = prng(31);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const ascii = screener.library.terms.filter((t) => /^[\x00-\x7f]+$/.test(t.text));
    const primary = ascii.filter((t) => t.kind !== 'associated-term').map((t) => t.text);
    const others = ascii.filter((t) => t.kind === 'associated-term').map((t) => t.text);
    const spaced = (t: string) => [...t].join(pick([' ', '.', ' . ']));
    let pieces = 0;
    for (let i = 0; i < 3000; i++) {
      const words: string[] = [];
      const count = 30 + Math.floor(rnd() * 90);
      for (let w = 0; w < count; w++) {
        const r = rnd();
        let word: string;
        if (r < 0.04) word = pick(primary);
        else if (r < 0.1) word = pick(others);
        else if (r < 0.12) word = spaced(pick(rnd() < 0.5 ? primary : FILLER));
        else word = pick(FILLER);
        if (rnd() < 0.1) word = word.toUpperCase();
        words.push(word, pick(JOINS));
      }
      const description = words.join('');
      const listing: Listing = { id: i, description };
      const result = screenListing(screener, listing);
      expect(result, description).toEqual(screenListing(whole, listing));
      if (result.matches.length > 0) {
        widen(description, 0, 0, screener.margin);
        if (piece[1]! < description.length) pieces++;
      }
    }
    // The test means something only if pieces were cut.
    expect(pieces).toBeGreaterThan(200);
  }, 120_000);

  it('reaches an innocent-reading word that neutralises an ambiguous associated term (two margins out)', () => {
    // species term … ambiguous associated term … innocent-reading word, at every distance: the
    // innocent word can lie beyond one margin from the species term and still change the score.
    const rnd = prng(8);
    const terms = screener.terms.filter((t) => /^[\x00-\x7f]+$/.test(t.term.text));
    const filler = 'box gift shop well packed free fast';
    let checked = 0;
    let neutralising = 0;
    for (const group of new Set(terms.map((t) => t.group))) {
      const species = terms.filter((t) => t.group === group && t.species && !t.ambiguous);
      const associated = terms.filter((t) => t.group === group && t.associated && t.ambiguous);
      const innocent = terms.filter((t) => t.group === group && t.innocent);
      if (!species.length || !associated.length || !innocent.length) continue;
      for (let k = 0; k < 120; k++) {
        const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
        const gap = () => filler.slice(0, Math.floor(rnd() * filler.length)).trim() || 'ok';
        const word = pick(innocent).term.text;
        const parts = [word, gap(), gap(), pick(associated).term.text, gap(), gap(), pick(species).term.text];
        if (rnd() < 0.5) parts.reverse();
        const description = `${filler} ${parts.join(' ')} ${filler}`;
        const listing: Listing = { id: checked++, description };
        const result = screenListing(screener, listing);
        expect(result, description).toEqual(screenListing(whole, listing));
        // The innocent-reading word mattered (so the case tests the second margin).
        const without = { id: 0, description: description.replace(word, 'ok') };
        if (screenListing(whole, without).score !== result.score) neutralising++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(neutralising).toBeGreaterThan(20);
  }, 60_000);

  it('reads a piece exactly as the whole text reads there', () => {
    // The normalised piece must be the whole text's normalisation of those characters, unit for
    // unit: letters, offsets, word boundaries, doubled letters and obfuscation marks.
    const rnd = prng(5);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const bits = ['a', 'b', 'ab', 'Iv0ry', 'gall', 'ivvory', 'RHINO', 'HornCup', 'x', 'ok', 'i', 'v', '0'];
    const seps = [' ', ' ', '.', '-', ' . ', '#', ' #', ', ', '', '  '];
    const whole = new Normaliser();
    const part = new Normaliser();
    let cuts = 0;
    for (let k = 0; k < 4000; k++) {
      let text = '';
      const count = 5 + Math.floor(rnd() * 40);
      for (let w = 0; w < count; w++) text += pick(bits) + pick(seps);
      const from = Math.floor(rnd() * text.length);
      widen(text, from, from + Math.floor(rnd() * 4), Math.floor(rnd() * 8));
      const [begin, end] = [piece[0]!, piece[1]!];
      if (begin > 0 || end < text.length) cuts++;
      whole.normalise(text);
      part.normalise(text, false, begin, end);
      let first = 0;
      while (first < whole.length && whole.from[first]! < begin) first++;
      const at = `${JSON.stringify(text)} [${begin}, ${end})`;
      const units = unitsBefore(whole, end) - first;
      // One comparison per text (an expect per unit is slow): every unit, then the boundary after.
      const read = (n: Normaliser, p0: number, count: number) =>
        Array.from({ length: count }, (_, p) => [
          n.chars[p0 + p],
          n.from[p0 + p],
          n.to[p0 + p],
          n.twice[p0 + p],
          n.obfuscated[p0 + p],
          n.bound[p0 + p],
        ]).concat([[n.bound[p0 + count]]]);
      expect(read(part, 0, part.length), at).toEqual(read(whole, first, units));
    }
    expect(cuts).toBeGreaterThan(1000);
  }, 60_000);

  it('cuts next to a word of two letters or more, never inside a run of spaced letters or a hashtag', () => {
    const text = 'aa bb c d e f g h i j k l m n o p q r s t u v w x y z #abcdefghijklmnopqrstuvw tail end';
    widen(text, text.indexOf('z'), text.indexOf('z') + 1, 3);
    // The run of single letters starts after "bb"; the hashtag word is kept whole.
    expect(text.slice(piece[0]!).startsWith('c d e')).toBe(true);
    expect(text.slice(piece[1]!)).toBe(' tail end');
    widen(text, text.indexOf('tail'), text.indexOf('tail') + 4, 0);
    expect(text.slice(piece[0]!, piece[1]!)).toBe('tail');
    // Beyond ASCII, the whole text (the normaliser's reading there is not the prefilter's).
    widen('aé bb cc', 6, 8, 5);
    expect([piece[0], piece[1]]).toEqual([0, 8]);
  });
});
