/**
 * A screener: the library compiled once per version — every term normalised the way text is, one
 * Aho-Corasick automaton over all of them, and each term's scoring parameters resolved.
 */
import type { KeywordLibrary, LibraryTerm } from '@ewto/schemas/generated/keyword-library';
import type { SpeciesGroup, TermKind } from '@ewto/schemas/vocabularies';
import { type Automaton, buildAutomaton, type HitBuffer } from './automaton.ts';
import { K_CJK, K_EMOJI, KIND_MASK } from './char-table.ts';
import { KeywordsError } from './errors.ts';
import { Normaliser } from './normalise.ts';
import { termWeight } from './score.ts';
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
  /** Pattern id: terms whose skeletons are equal share it (they are one unit when scoring). */
  readonly pattern: number;
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
  /** Scratch buffers, reused by every screenListing call (JavaScript runs one call at a time). */
  readonly scratch: { normaliser: Normaliser; buffer: HitBuffer };
}

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
  for (const term of library.terms) {
    normaliser.normalise(term.text, term.kind === 'hashtag');
    const length = normaliser.length;
    if (length === 0)
      throw new KeywordsError('invalid-library', `term ${term.id} has no letters, digits or emoji to match`);
    const skeleton = normaliser.skeleton();
    const key = skeleton.replaceAll('l', 'i');
    let pattern = patternIds.get(key);
    if (pattern === undefined) {
      pattern = patterns.length;
      patternIds.set(key, pattern);
      patterns.push(skeleton);
      patternTerms.push([]);
    }
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
      evidenceKeys: evidenceKeys(skeleton, normaliser.bound, speciesWords.get(term.group)),
    };
    terms.push(compiled);
    patternTerms[pattern]!.push(compiled);
  }
  return {
    version: library.version,
    library,
    terms,
    patternTerms,
    automaton: buildAutomaton(patterns),
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
