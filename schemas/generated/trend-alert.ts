/* Generated from schemas/trend-alert.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * `illustrative` for examples and demo data written for the hub; omitted for real intelligence.
 */
export type Provenance = 'published' | 'illustrative';
/**
 * Kind of keyword-library term. An associated-term counts only next to a species term.
 */
export type TermKind = 'search-word' | 'hashtag' | 'emoji' | 'code-word' | 'associated-term';
/**
 * Species group, as the Coalition's framework and keyword library are organised.
 */
export type SpeciesGroup =
  'elephant' | 'rhino' | 'pangolin' | 'big-cat' | 'bear' | 'marine-turtle' | 'primate' | 'bird' | 'reptile';

/**
 * A trend alert: new search words, hashtags, emojis and code words traffickers use, as a convener's analyst saw them. The body of an intelligence package of kind `trend-alert` (docs/intelligence.md).
 */
export interface TrendAlert {
  title: string;
  /**
   * What was seen and why it matters, for the recipient's analysts.
   */
  summary: string;
  provenance?: Provenance;
  /**
   * @minItems 1
   * @maxItems 1000
   */
  terms: [AlertTerm, ...AlertTerm[]];
}
/**
 * One term seen in the trade.
 *
 * This interface was referenced by `TrendAlert`'s JSON-Schema
 * via the `definition` "alertTerm".
 */
export interface AlertTerm {
  /**
   * The term exactly as seen (a word, a #hashtag, an emoji sequence, a code word).
   */
  text: string;
  kind: TermKind;
  /**
   * Species groups the term is used for.
   *
   * @minItems 1
   */
  groups: [SpeciesGroup, ...SpeciesGroup[]];
  /**
   * BCP 47 language tag (`und` when the term is no language, e.g. an emoji).
   */
  language: string;
  /**
   * Kinds of platform or named platforms where it was seen (e.g. `e-commerce`, `social-media`).
   */
  platforms?: string[];
  /**
   * When the analyst first saw it (YYYY-MM-DD).
   */
  firstSeen: string;
  /**
   * How it is used: what it stands for, what listings it appears in.
   */
  context?: string;
  /**
   * The analyst's confidence that the term signals wildlife trade.
   */
  confidence: 'low' | 'medium' | 'high';
}
