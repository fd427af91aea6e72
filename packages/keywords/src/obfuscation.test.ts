/**
 * Adversarial cases: library terms written the way sellers dodge filters, one trick at a time and
 * combined. Each must be found with the right group, and its offsets must cover exactly the
 * obfuscated text in the original listing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileLibrary, type Screener } from './compile.ts';
import { loadLibrary } from './node/load-library.ts';
import { screenListing } from './screen.ts';

let screener: Screener;
beforeAll(async () => {
  screener = compileLibrary(await loadLibrary());
});

const TERMS: Array<[text: string, group: string]> = [
  ['rhino horn', 'rhino'],
  ['pangolin scales', 'pangolin'],
  ['Bear bile', 'bear'],
  ['tiger bone', 'big-cat'],
  ['elephant ivory', 'elephant'],
  ['hawksbill shell', 'marine-turtle'],
];

const letters = (w: string, sep: string) =>
  w
    .split(' ')
    .map((x) => [...x].join(sep))
    .join(' ');
const LEET: Record<string, string> = { o: '0', i: '1', e: '3', a: '4', s: '5', t: '7' };
const CYRILLIC: Record<string, string> = { o: 'о', i: 'і', a: 'а', e: 'е', p: 'р', c: 'с', y: 'у', x: 'х' };
const ACCENTED: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', n: 'ñ' };
const swap = (w: string, table: Record<string, string>, every = 1) =>
  [...w].map((c, i) => (i % every === 0 && table[c] ? table[c] : c)).join('');
const fullwidth = (w: string) =>
  [...w].map((c) => (c === ' ' ? '\u3000' : String.fromCodePoint(c.codePointAt(0)! + 0xfee0))).join('');
const camel = (w: string) =>
  w
    .split(' ')
    .map((x) => x[0]!.toUpperCase() + x.slice(1))
    .join('');

const TRICKS: Array<[name: string, obfuscate: (term: string) => string]> = [
  ['dots between letters', (t) => letters(t, '.')],
  ['spaces between letters', (t) => letters(t, ' ')],
  ['hyphens between letters', (t) => letters(t, '-')],
  ['underscores between letters', (t) => letters(t, '_')],
  ['spaced dots', (t) => letters(t, ' . ')],
  ['leetspeak', (t) => swap(t, LEET)],
  ['Cyrillic look-alikes', (t) => swap(t, CYRILLIC)],
  ['diacritics', (t) => swap(t, ACCENTED, 2)],
  ['combining marks', (t) => [...t].map((c) => (c === ' ' ? c : `${c}\u0301`)).join('')],
  ['zero-width spaces', (t) => [...t].join('\u200b')],
  [
    'soft hyphens',
    (t) =>
      t
        .split(' ')
        .map((w) => [...w].join('\u00ad'))
        .join(' '),
  ],
  ['fullwidth letters', fullwidth],
  ['upper case', (t) => t.toUpperCase()],
  ['hashtag in camelCase', (t) => `#${camel(t)}`],
  ['hashtag in lower case', (t) => `#${t.replaceAll(' ', '').toLowerCase()}`],
  ['words run together', (t) => t.replaceAll(' ', '')],
  [
    'a dot inside each word',
    (t) =>
      t
        .split(' ')
        .map((w) => `${w.slice(0, 2)}.${w.slice(2)}`)
        .join(' '),
  ],
  [
    'a hyphen inside each word',
    (t) =>
      t
        .split(' ')
        .map((w) => `${w.slice(0, 3)}-${w.slice(3)}`)
        .join(' '),
  ],
  ['alternating case', (t) => [...t].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('')],
  ['leet and dots', (t) => letters(swap(t, LEET), '.')],
  ['look-alikes, leet and zero-width', (t) => [...swap(swap(t, CYRILLIC, 2), LEET, 3)].join('\u200c')],
];

describe.each(TRICKS)('%s', (_name, obfuscate) => {
  it.each(TERMS)('finds "%s" (%s) and points at the obfuscated text', (term, group) => {
    const hidden = obfuscate(term);
    const title = `Selling ${hidden} today, DM me`;
    const r = screenListing(screener, { id: 1, title });
    const spans = r.matches
      .filter((m) => m.term === term && m.group === group)
      .map((m) => title.slice(m.start, m.end));
    expect(spans, `${JSON.stringify(hidden)} → ${JSON.stringify(r.matches)}`).toContain(
      hidden.replace(/^#/, ''),
    );
    expect(r.flagged).toBe(true);
  });
});

describe('an ambiguous word, obfuscated', () => {
  it('is no longer ambiguous: nobody writes a colour as "i.v.o.r.y"', () => {
    expect(screenListing(screener, { id: 1, title: 'IVORY chess set' }).flagged).toBe(false);
    for (const title of [
      'I.V.O.R.Y chess set',
      'iv0ry chess set',
      'ivоry chess set',
      'iv.ory chess set',
      'iv\u200bory chess set',
    ])
      expect(screenListing(screener, { id: 1, title }).flagged, title).toBe(true);
  });
});

describe('mixed scripts', () => {
  it('finds Latin terms next to CJK text and CJK terms next to Latin text', () => {
    const title = '包邮rhino horn杯 and 犀牛角cup';
    const r = screenListing(screener, { id: 1, title });
    const spans = r.matches.filter((m) => m.group === 'rhino').map((m) => title.slice(m.start, m.end));
    expect(spans).toEqual(expect.arrayContaining(['rhino horn', '犀牛角']));
  });

  it('reads look-alikes only inside Latin words: Russian text stays Russian', () => {
    // "рог" (horn) has look-alikes (р, о) but is a Russian word: it matches the Russian term
    const title = 'Настоящий рог носорога';
    const r = screenListing(screener, { id: 1, title });
    expect(r.matches.map((m) => [m.term, m.group, title.slice(m.start, m.end)])).toEqual([
      ['рог носорога', 'rhino', 'рог носорога'],
    ]);
    expect(screenListing(screener, { id: 1, title: 'Настоящий rhino hоrn' }).flagged).toBe(true);
  });
});
