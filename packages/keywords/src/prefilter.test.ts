/**
 * The prefilter never changes a result: screening with it equals screening every field in full, on
 * marketplace-like listings and on library terms written every way sellers hide them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeListing } from '../bench/synthetic.ts';
import { compileLibrary, type Screener } from './compile.ts';
import type { Listing } from './index.ts';
import { loadLibrary } from './node/load-library.ts';
import { buildPrefilter, mayMatch } from './prefilter.ts';
import { screenListing } from './screen.ts';
import { prng } from './testing/prng.ts';

let screener: Screener;
let full: Screener;
beforeAll(async () => {
  screener = compileLibrary(await loadLibrary());
  // Every field with a letter or digit passes: the engine as it was without a prefilter.
  full = { ...screener, prefilter: buildPrefilter([...'abcdefghijklmnopqrstuvwxyz0123456789'], 0) };
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

  it('lets through a field with a term, and stops a field without one', () => {
    const pf = screener.prefilter;
    for (const t of ['carved i.v.o.r.y', 'pangollin', 'RH1N0 H0RN', 'rhi no horn', 'Da hổ', '$cales', 'ja'])
      expect(mayMatch(pf, t), t).toBe(true);
    for (const t of ['Blue cotton dress, size 12', 'Ninja jacket', 'Wooden kitchen stool'])
      expect(mayMatch(pf, t), t).toBe(false);
  });
});
