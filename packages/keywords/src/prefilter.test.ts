/**
 * The prefilter never changes a result: screening with it equals screening every field in full, on
 * marketplace-like listings and on library terms written every way sellers hide them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeListing } from '../bench/synthetic.ts';
import { compileLibrary, type Screener } from './compile.ts';
import type { Listing } from './index.ts';
import { loadLibrary } from './node/load-library.ts';
import { mayMatch, passingEverything } from './prefilter.ts';
import { screenListing } from './screen.ts';
import { prng } from './testing/prng.ts';

let screener: Screener;
let full: Screener;
beforeAll(async () => {
  screener = compileLibrary(await loadLibrary());
  // Every field passes whole: the engine as it is without a prefilter.
  full = { ...screener, prefilter: passingEverything(screener.prefilter) };
});

const TRICKS: Array<(t: string) => string> = [
  (t) => t,
  (t) => t.toUpperCase(),
  (t) => [...t].join('.'),
  (t) => [...t].join(' '),
  (t) => t.replaceAll('o', '0').replaceAll('i', '1').replaceAll('e', '3').replaceAll('a', '4'),
  (t) => t.replaceAll('l', '1'),
  (t) => t.replace(/([a-z])/, '$1$1'),
  (t) => t.replace(/([a-z]{2})/, '$1 '),
  (t) => `#${t.replaceAll(' ', '')}`,
  (t) => t.replaceAll(' ', '-'),
  (t) => t.replace(/(.)(.)/, '$2$1'),
];

describe('the prefilter', () => {
  it('changes no result: listings and library terms written every way', () => {
    const rnd = prng(9);
    const texts = screener.library.terms.map((t) => t.text);
    const listings: Listing[] = Array.from({ length: 1500 }, (_, i) => makeListing(rnd, i, texts));
    for (const [i, text] of texts.entries()) {
      const trick = TRICKS[i % TRICKS.length]!;
      const other = TRICKS[(i * 7 + 3) % TRICKS.length]!;
      listings.push({ id: `t${i}`, title: `Old ${trick(text.toLowerCase())} for sale`, tags: [other(text)] });
      listings.push({ id: `u${i}`, description: `${other(text)}, see ${trick(text)}` });
    }
    for (const l of listings)
      expect(screenListing(screener, l), JSON.stringify(l)).toEqual(screenListing(full, l));
  }, 120_000);

  it('changes no result where terms touch other words: humps, capitals, hashtags, glued and doubled letters', () => {
    // Terms put against random words every way the matcher lets a term begin (or not) — so that
    // the prefilter's word starts are checked against the matcher's, not against a few examples.
    const rnd = prng(21);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const terms = screener.library.terms.map((t) => t.text);
    const tag = () => pick(terms);
    const words = 'bag old the a i x in on drug carved Set USA ABC big Good ok xy lo go'.split(' ');
    // Beyond ASCII: accented and other-script words, CJK, look-alikes, styled and hidden letters.
    words.push(
      'café',
      'Très',
      'ÉTAT',
      'ĳ',
      'straße',
      'жук',
      'іvory',
      '手工',
      '陶瓷',
      '象',
      'ｉｖｏｒｙ',
      '☕',
      '🐘',
      'ø',
      'e\u0301',
    );
    const joins = [
      ' ',
      '',
      '.',
      '-',
      ' . ',
      '#',
      ' #',
      ', ',
      '/',
      '  ',
      '·',
      '–',
      '\u200b',
      '，',
      '\u3000',
      '＃',
    ];
    const cases: Array<(t: string) => string> = [
      (t) => t,
      (t) => t.toUpperCase(),
      (t) => t.charAt(0).toUpperCase() + t.slice(1),
      (t) => t.replace(/ (.)/g, (_, c: string) => c.toUpperCase()),
      (t) => t.replace(/([a-z])/, '$1$1'),
      (t) => [...t].join(' '),
      (t) => t.replace(/^(.)(.)/, '$1 $2'),
      (t) => t.replace(/o/g, 'ó').replace(/e/, 'é'),
      (t) => t.replace(/([a-z])/, '$1\u200b'),
      (t) => t.replace(/a/, 'а'),
    ];
    const listings: Listing[] = [];
    for (let i = 0; i < 6000; i++) {
      // One term between a few words, so that a field passes for that term or not at all.
      const parts: string[] = [];
      const pieces = 1 + Math.floor(rnd() * 4);
      const at = Math.floor(rnd() * pieces);
      for (let p = 0; p < pieces; p++) {
        parts.push(p === at ? pick(cases)(pick(terms)) : pick(cases)(pick(words)));
        parts.push(pick(joins));
      }
      const text = parts.join('');
      listings.push({ id: i, title: text, description: `${pick(words)}${pick(joins)}${text}` });
      listings.push({ id: -i, tags: [pick(words), text, rnd() < 0.2 ? tag() : pick(words)] });
    }
    for (const l of listings)
      expect(screenListing(screener, l), JSON.stringify(l)).toEqual(screenListing(full, l));
  }, 120_000);

  it('finds a term across the middle of a long field (scanned as two halves at once)', () => {
    // Every term, written plainly and spaced out, put so that it straddles the middle of a field
    // long enough to be split, at every offset around it.
    const rnd = prng(77);
    const filler = 'zzz qqq www xxx kkk vvv '.repeat(8);
    const terms = screener.library.terms.filter((t) => /^[a-z ]+$/i.test(t.text)).map((t) => t.text);
    let checked = 0;
    for (const term of terms) {
      const written = rnd() < 0.3 ? [...term].join(' ') : term;
      for (let shift = -written.length - 2; shift <= 2; shift += 1 + Math.floor(rnd() * 3)) {
        // The field is filler + term + filler with the middle falling at `shift` from the term's start.
        const before = filler.slice(0, 80 + shift * 2 + written.length);
        const text = `${before} ${written} ${filler.slice(0, 80)}`;
        const l: Listing = { id: checked++, description: text };
        expect(screenListing(screener, l), text).toEqual(screenListing(full, l));
      }
    }
    expect(checked).toBeGreaterThan(1000);
  }, 60_000);

  it('screens a tag next to one with a term: an associated term there counts', () => {
    // "carving" (an associated term) alone is no evidence and the prefilter does not look for it,
    // but beside the tag "ivory" it is: both tags are screened.
    for (const tags of [
      ['ivory', 'carving'],
      ['carving', 'ivory'],
      ['pangolin', 'scales', 'gift'],
    ]) {
      const l: Listing = { id: 1, tags };
      expect(screenListing(screener, l)).toEqual(screenListing(full, l));
      expect(screenListing(screener, l).matches.length, tags.join()).toBeGreaterThan(1);
    }
  });

  it('lets through a term of one or two letters with a plural or after doubled glue ("ja5", "g*.j4")', () => {
    // Found by fuzzing: the short term "ja" as a plural (the matcher reads "ja5" as "jas") and after
    // two glue characters, which do not glue (the prefilter had read "g*.j4" as one word "gja").
    for (const text of ['ja5', 'JA5', 'Jas', 'j4S', 'jaes', 'old g*.j4', 'ja..J']) {
      for (const l of [
        { id: 1, title: text },
        { id: 2, tags: [text] },
      ] as Listing[])
        expect(screenListing(screener, l), text).toEqual(screenListing(full, l));
      expect(screenListing(full, { id: 1, title: text }).matches.length, text).toBeGreaterThan(0);
    }
  });

  it('lets through a field with a term, and stops a field without one', () => {
    const pf = screener.prefilter;
    for (const t of ['carved i.v.o.r.y', 'pangollin', 'RH1N0 H0RN', 'rhi no horn', 'Da hổ', '$cales', 'ja'])
      expect(mayMatch(pf, t), t).toBe(true);
    for (const t of ['Blue cotton dress, size 12', 'Ninja jacket', 'Wooden kitchen stool'])
      expect(mayMatch(pf, t), t).toBe(false);
    // A term's letters inside another word are no match: "drug" holds no "rug", "Bearing" no "bear".
    for (const t of ['Cough drug, 20 tablets', 'Unbearable lightness', 'Brave heart poster'])
      expect(mayMatch(pf, t), t).toBe(false);
    for (const t of ['Tiger rug', 'oldIvory', 'OLDIvory', '#oldivory', 'big bag gall bladder'])
      expect(mayMatch(pf, t), t).toBe(true);
  });
});
