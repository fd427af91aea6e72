/**
 * A screener: the library compiled once per version — every term normalised the way text is, one
 * Aho-Corasick automaton over all of them, and each term's scoring parameters resolved.
 */
import type { KeywordLibrary, LibraryTerm } from '@ewto/schemas/generated/keyword-library';
import type { SpeciesGroup, TermKind } from '@ewto/schemas/vocabularies';
import { type Automaton, buildAutomaton, type HitBuffer } from './automaton.ts';
import { K_CJK, K_EMOJI, KIND_MASK } from './char-table.ts';
import { KeywordsError } from './errors.ts';
import { MIN_LOOSE_TERM } from './find.ts';
import { Normaliser } from './normalise.ts';
import { buildPrefilter, type Prefilter } from './prefilter.ts';
import { ASSOCIATION_WINDOW, termWeight } from './score.ts';
import { B_SOFT } from './token-rules.ts';

export interface CompiledTerm {
  readonly term: LibraryTerm;
  readonly group: SpeciesGroup;
  readonly kind: TermKind;
  readonly weight: number;
  readonly ambiguous: boolean;
  /** Anchors associated terms of its group (`species: true`, not itself an associated term). */
  readonly species: boolean;
  readonly associated: boolean;
  /** An innocent-reading word ("paint", "plush"): not evidence; cancels nearby ambiguous terms' context. */
  readonly innocent: boolean;
  /** Strong enough to be cut out of a hashtag word on one side only ("#oldtusk"): not ambiguous, not associated. */
  readonly strong: boolean;
  /** A term of one or two letters written with diacritics ("hổ"): the text must have diacritics too. */
  readonly needsMarks: boolean;
  /** A hashtag: a match right after "#" includes it. */
  readonly hashtag: boolean;
  /** Contains CJK letters or emoji: matched without word-boundary rules. */
  readonly free: boolean;
  /** Skeleton length. */
  readonly length: number;
  /** The term's own boundary types (`length + 1` entries): where the text may have a word break. */
  readonly bounds: Uint8Array;
  /** Pattern id of this form of the term in the automaton. */
  readonly pattern: number;
  /** Terms whose skeletons are equal share it: they are one unit when scoring (both forms of a term too). */
  readonly unit: number;
  /** Where the term itself has a doubled letter ("gall"), 1 per skeleton position; undefined when nowhere. */
  readonly twice: Uint8Array | undefined;
  /**
   * The words of the term as pieces of evidence: two ambiguous terms that share one are variants of
   * one word and count once ("ivory colored", "ivory colour"). A word is keyed by its first four
   * letters ("netsuke", "netsuki"), and every single-word species term of the group ("ivory",
   * "ivoire", "象牙") by one key: they all name the same thing.
   */
  readonly evidenceKeys: readonly string[];
}

export interface Screener {
  readonly version: number;
  readonly library: KeywordLibrary;
  readonly terms: readonly CompiledTerm[];
  /** Terms of each pattern id. */
  readonly patternTerms: readonly (readonly CompiledTerm[])[];
  readonly automaton: Automaton;
  /** Says which all-ASCII fields hold no term at all, so that they are not screened further. */
  readonly prefilter: Prefilter;
  /**
   * Skeleton letters around the prefilter's candidates that a long field is screened over
   * (window.ts): the association window, the longest associated or innocent-reading term, a plural.
   */
  readonly margin: number;
  /** Scratch buffers, reused by every screenListing call (JavaScript runs one call at a time). */
  readonly scratch: { normaliser: Normaliser; buffer: HitBuffer };
}

/** Letters of a plural ending ("es") that a match may take beyond its term. */
const PLURAL_LETTERS = 2;

/** Terms of at most this many letters written with diacritics need diacritics in the text. */
export const MAX_MARKED_TERM = 2;

/** Whether a term is written with a Latin letter carrying diacritics ("hổ", "tê"). */
function hasMarks(text: string): boolean {
  return /[\u0300-\u036f]/.test(text.normalize('NFD'));
}

/**
 * Compiles a library into a screener; do it once per library version and reuse the result.
 * @example
 * const screener = compileLibrary(await loadLibrary());
 * screenListing(screener, { id: 'a1', title: 'c.a.r.v.e.d ivory bangle' }).flagged; // true
 */
export function compileLibrary(library: KeywordLibrary): Screener {
  const normaliser = new Normaliser();
  const patternIds = new Map<string, number>();
  const patterns: string[] = [];
  const patternTerms: CompiledTerm[][] = [];
  const terms: CompiledTerm[] = [];
  const speciesWords = speciesWordsOf(library, normaliser);
  const patternOf = (skeleton: string) => {
    const key = skeleton.replaceAll('l', 'i');
    let pattern = patternIds.get(key);
    if (pattern === undefined) {
      pattern = patterns.length;
      patternIds.set(key, pattern);
      patterns.push(skeleton);
      patternTerms.push([]);
    }
    return pattern;
  };
  for (const term of library.terms) {
    // The term as written ("gall bladder"), for text the matcher reads letter by letter (spaced
    // letters, fullwidth); and, when it has a doubled letter, as ASCII text is read ("gal blader").
    normaliser.squeeze = false;
    normaliser.normalise(term.text, term.kind === 'hashtag');
    normaliser.squeeze = true;
    const length = normaliser.length;
    if (length === 0)
      throw new KeywordsError('invalid-library', `term ${term.id} has no letters, digits or emoji to match`);
    const skeleton = normaliser.skeleton();
    const pattern = patternOf(skeleton);
    let free = false;
    for (let i = 0; i < length; i++) {
      const kind = normaliser.infoAt(i) & KIND_MASK;
      if (kind === K_CJK || kind === K_EMOJI) free = true;
    }
    const innocent = term.innocent === true;
    const associated = term.kind === 'associated-term' && !innocent;
    const compiled: CompiledTerm = {
      term,
      group: term.group,
      kind: term.kind,
      weight: termWeight(term),
      ambiguous: term.ambiguous === true,
      species: term.species === true && term.kind !== 'associated-term',
      associated,
      innocent,
      strong: term.ambiguous !== true && !associated && !innocent,
      needsMarks: !free && length <= MAX_MARKED_TERM && hasMarks(term.text),
      hashtag: term.kind === 'hashtag',
      free,
      length,
      bounds: normaliser.bound.slice(0, length + 1),
      pattern,
      unit: pattern,
      twice: undefined,
      evidenceKeys: evidenceKeys(skeleton, normaliser.bound, speciesWords.get(term.group)),
    };
    terms.push(compiled);
    patternTerms[pattern]!.push(compiled);
    normaliser.normalise(term.text, term.kind === 'hashtag');
    if (normaliser.twiceCount === 0) continue;
    // Each word with a doubled letter read either way ("g.a.l.l bladder": spaced letters are read
    // as written, "bladder" as ASCII text is read), so 2^k forms for k such words (k ≤ 3).
    for (const form of squeezedForms(skeleton, compiled.bounds, normaliser.skeleton())) {
      const variant: CompiledTerm = { ...compiled, ...form, pattern: patternOf(form.skeleton) };
      patternTerms[variant.pattern]!.push(variant);
    }
  }
  return {
    version: library.version,
    library,
    terms,
    patternTerms,
    automaton: buildAutomaton(patterns),
    // Associated terms count only near a species term of the same field (tags: of a tag next to
    // it), and innocent-reading words only near an ambiguous term: a field without any other term
    // has no hit that counts, so the prefilter looks for the other terms only.
    prefilter: buildPrefilter(
      patterns.filter((_, i) => patternTerms[i]!.some((t) => t.kind !== 'associated-term')),
      MIN_LOOSE_TERM,
    ),
    margin:
      ASSOCIATION_WINDOW +
      terms.reduce((m, t) => (t.associated || t.innocent ? Math.max(m, t.length) : m), 0) +
      PLURAL_LETTERS,
    scratch: { normaliser, buffer: { hits: new Int32Array(256) } },
  };
}

/** Letters of a word that name it as a piece of evidence ("netsuke" and "netsuki" are one word). */
const KEY_LETTERS = 4;
const SPECIES_KEY = '#species';

/** CJK letters and emoji: a run of them is one word here (they are written without spaces). */
const wide = (s: string, i: number) => s.charCodeAt(i) >= 0x2e80;

/** The skeleton words of a normalised term (split at its word breaks). */
function wordsOf(skeleton: string, bound: Uint8Array): string[] {
  const words: string[] = [];
  let start = 0;
  for (let p = 1; p <= skeleton.length; p++)
    if (p === skeleton.length || (bound[p]! >= B_SOFT && !(wide(skeleton, p - 1) && wide(skeleton, p)))) {
      words.push(skeleton.slice(start, p).replaceAll('l', 'i'));
      start = p;
    }
  return words;
}

/** Per group, the skeletons of its one-word species terms ("ivory", "ivoire", "marfil", "象牙"). */
function speciesWordsOf(library: KeywordLibrary, normaliser: Normaliser): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const term of library.terms) {
    if (term.species !== true || term.kind === 'associated-term') continue;
    normaliser.normalise(term.text, term.kind === 'hashtag');
    const words = wordsOf(normaliser.skeleton(), normaliser.bound);
    if (words.length !== 1) continue;
    const set = out.get(term.group) ?? new Set<string>();
    set.add(words[0]!);
    out.set(term.group, set);
  }
  return out;
}

function evidenceKeys(skeleton: string, bound: Uint8Array, species: Set<string> | undefined): string[] {
  const words = wordsOf(skeleton, bound);
  const keys = new Set<string>();
  for (const w of words) {
    if (species?.has(w)) keys.add(SPECIES_KEY);
    else if (w.length >= KEY_LETTERS || words.length === 1) keys.add(w.slice(0, KEY_LETTERS));
  }
  return [...keys];
}

/** Most words of one term read both ways (more would multiply its forms). */
const MAX_SQUEEZED_WORDS = 3;
const isAsciiLetter = (c: number) => c >= 0x61 && c <= 0x7a;

/**
 * The forms of a term with doubled letters: each subset (but the empty one) of its words with a
 * doubled ASCII letter, those words read with the letter once. `full` is the normaliser's own
 * squeezed skeleton: when the words disagree with it, only that form is used.
 */
function squeezedForms(
  skeleton: string,
  bounds: Uint8Array,
  full: string,
): { skeleton: string; length: number; bounds: Uint8Array; twice: Uint8Array }[] {
  const n = skeleton.length;
  // Positions that a squeeze would drop (the second of two equal ASCII letters in one word).
  const drop: number[] = [];
  const wordOf = new Int32Array(n);
  let word = 0;
  for (let p = 0; p < n; p++) {
    if (p > 0 && bounds[p]! >= B_SOFT) word++;
    wordOf[p] = word;
    const c = skeleton.charCodeAt(p);
    if (p > 0 && bounds[p]! < B_SOFT && isAsciiLetter(c) && c === skeleton.charCodeAt(p - 1)) drop.push(p);
  }
  const words = [...new Set(drop.map((p) => wordOf[p]!))];
  const make = (chosen: ReadonlySet<number>) => {
    let text = '';
    const b: number[] = [];
    const t: number[] = [];
    for (let p = 0; p < n; p++) {
      if (drop.includes(p) && chosen.has(wordOf[p]!)) {
        t[t.length - 1] = 1;
        continue;
      }
      text += skeleton[p];
      b.push(bounds[p]!);
      t.push(0);
    }
    b.push(bounds[n]!);
    return { skeleton: text, length: text.length, bounds: Uint8Array.from(b), twice: Uint8Array.from(t) };
  };
  const all = make(new Set(words));
  if (all.skeleton !== full || words.length > MAX_SQUEEZED_WORDS) return all.skeleton === full ? [all] : [];
  const forms = [];
  for (let mask = 1; mask < 1 << words.length; mask++)
    forms.push(make(new Set(words.filter((_, i) => mask & (1 << i)))));
  return forms;
}
