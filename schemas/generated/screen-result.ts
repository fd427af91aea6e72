/* Generated from schemas/screen-result.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * The caller's id of the listing, echoed in its result (a string, or the line number for plain-text input).
 */
export type ListingId = string | number;
/**
 * Species group, as the Coalition's framework and keyword library are organised.
 */
export type SpeciesGroup =
  'elephant' | 'rhino' | 'pangolin' | 'big-cat' | 'bear' | 'marine-turtle' | 'primate' | 'bird' | 'reptile';
/**
 * Kind of keyword-library term. An associated-term counts only next to a species term.
 */
export type TermKind = 'search-word' | 'hashtag' | 'emoji' | 'code-word' | 'associated-term';
/**
 * Library version: a positive integer, one more for every change.
 */
export type LibraryVersion = number;

/**
 * The screening record of one listing: one JSONL output line of `ewto keywords screen --format jsonl`, one item of `results` in the answer of `POST /api/v1/screen`.
 */
export interface ScreenResult {
  id: ListingId;
  /**
   * score >= the flag threshold (0.5, docs/keywords.md).
   */
  flagged: boolean;
  score: number;
  matches: ScreenMatch[];
  /**
   * `POST /api/v1/screen` returns at most 100 matches per listing (the first, by field and offset); this many more were found and left out. The score and flag count them all.
   */
  matchesOmitted?: number;
}
/**
 * One library term found in one field of the listing.
 *
 * This interface was referenced by `ScreenResult`'s JSON-Schema
 * via the `definition` "match".
 */
export interface ScreenMatch {
  /**
   * The term's text as the library writes it.
   */
  term: string;
  group: SpeciesGroup;
  kind: TermKind;
  /**
   * `title`, `description` or `tags[<index>]`.
   */
  field: string;
  /**
   * UTF-16 code-unit offset into the original field.
   */
  start: number;
  /**
   * Exclusive UTF-16 code-unit offset into the original field.
   */
  end: number;
}
/**
 * Answer of `POST /api/v1/screen`.
 *
 * This interface was referenced by `ScreenResult`'s JSON-Schema
 * via the `definition` "response".
 */
export interface ScreenResponse {
  libraryVersion: LibraryVersion;
  results: ScreenResult[];
}
