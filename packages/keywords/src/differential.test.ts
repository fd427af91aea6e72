/**
 * Differential test: the engine against a reference matcher that is obviously correct — its own plain
 * normalisation (NFKC + lower case, words = runs of [a-z0-9]) and a naive scan for the term's word
 * sequence — on random, seeded listings without obfuscation. Both must report the same
 * (term, start, end) set.
 */
import { describe, expect, it } from 'vitest';
import { compileLibrary } from './compile.ts';
import type { KeywordLibrary, LibraryTerm } from './index.ts';
import { screenListing } from './screen.ts';
import { prng } from './testing/prng.ts';

const WORDS =
  `antique carved ivory bangle rhino horn cup tusk bone inlay netsuke pendant vintage leather shell
turtle pangolin scales bear bile tiger skin rug claw tooth skull powder natural material genuine real
solid raw statue figurine bracelet necklace ring vase bowl lamp chair table mirror frame book camera
phone case jacket dress shoes boots wallet watch clock blanket pillow teapot plate knife comb brush
trombone hornet tusker boneyard shellfish turtleneck ivoryish wooden silver golden ceramic glass
painted handmade rare modern classic small large heavy elegant rustic collector gift shipping free
condition excellent original photos details weight grams perfect returns message questions delivery
packed value stock museum estate auction dealer market family heirloom carving sculpture ornament`
    .split(/\s+/)
    .filter(Boolean);

const pick = <T>(rnd: () => number, xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
/** i and l are one letter to the engine (leet "1"); the test vocabulary must not tell them apart. */
const fold = (w: string) => w.replaceAll('l', 'i');

function makeTerms(rnd: () => number): string[] {
  const terms = new Set<string>([
    'ivory',
    'rhino horn',
    'carved tusk',
    'bear bile',
    'tiger skin rug',
    'bone',
  ]);
  while (terms.size < 60) {
    const n = 1 + Math.floor(rnd() * 3);
    terms.add(Array.from({ length: n }, () => pick(rnd, WORDS)).join(' '));
  }
  return [...terms];
}

/** Words the engine would read differently from the reference (plurals, joined terms, i/l twins) are left out. */
function vocabulary(terms: string[]): string[] {
  const termWords = new Set(terms.flatMap((t) => t.split(' ')));
  const joined = new Set(terms.filter((t) => t.includes(' ')).map((t) => t.replaceAll(' ', '')));
  const folded = new Map<string, string>();
  for (const w of [...WORDS, ...termWords]) folded.set(fold(w), w);
  return WORDS.filter(
    (w) =>
      !joined.has(w) &&
      folded.get(fold(w)) === w &&
      ![...termWords].some((t) => w === `${t}s` || w === `${t}es`),
  );
}

function randomText(rnd: () => number, vocab: string[], terms: string[]): string {
  const seps = [' ', ' ', ' ', ', ', '. ', ' - ', '/', '\n', '; ', ' (', ') ', ': '];
  const parts: string[] = [];
  const n = 3 + Math.floor(rnd() * 28);
  for (let i = 0; i < n; i++) {
    let w = rnd() < 0.3 ? pick(rnd, terms) : pick(rnd, vocab);
    const r = rnd();
    if (r < 0.15) w = w.toUpperCase();
    else if (r < 0.35) w = w.replace(/\b[a-z]/g, (c) => c.toUpperCase());
    parts.push(w, pick(rnd, seps));
  }
  return parts.join('').trim();
}

/** The reference: plain normalisation and a naive scan for each term's word sequence. */
function reference(text: string, terms: string[]): Set<string> {
  const plain = text.normalize('NFKC').toLowerCase();
  expect(plain.length).toBe(text.length);
  const words = [...plain.matchAll(/[a-z0-9]+/g)].map((m) => ({
    w: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
  const found = new Set<string>();
  for (const term of terms) {
    const tw = term.toLowerCase().split(' ');
    for (let i = 0; i + tw.length <= words.length; i++)
      if (tw.every((w, k) => words[i + k]!.w === w))
        found.add(`${term}|${words[i]!.start}|${words[i + tw.length - 1]!.end}`);
  }
  return found;
}

function library(terms: string[]): KeywordLibrary {
  const entries: LibraryTerm[] = terms.map((text) => ({
    id: `elephant/search-word/${text}`,
    group: 'elephant',
    text,
    kind: 'search-word',
    language: 'en',
    provenance: 'illustrative',
    added: 1,
  }));
  return { version: 1, changelog: [], sources: {}, terms: entries, removed: [] };
}

describe('engine vs reference matcher', () => {
  it('finds the same (term, start, end) set on 500 random listings', () => {
    const rnd = prng(20261124);
    const terms = makeTerms(rnd);
    const vocab = vocabulary(terms);
    expect(vocab.length).toBeGreaterThan(80);
    const screener = compileLibrary(library(terms));
    let total = 0;
    for (let round = 0; round < 500; round++) {
      const text = randomText(rnd, vocab, terms);
      const engine = new Set(
        screenListing(screener, { id: round, title: text }).matches.map(
          (m) => `${m.term}|${m.start}|${m.end}`,
        ),
      );
      const expected = reference(text, terms);
      total += expected.size;
      expect([...engine].sort(), `listing ${round}: ${JSON.stringify(text)}`).toEqual([...expected].sort());
    }
    expect(total).toBeGreaterThan(1000);
  });
});
