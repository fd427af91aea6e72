/* Generated from schemas/keyword-library.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * Library version: a positive integer, one more for every change.
 *
 * This interface was referenced by `KeywordLibrary`'s JSON-Schema
 * via the `definition` "version".
 */
export type LibraryVersion = number;
/**
 * A term of the assembled library: a `term` with its id and species group.
 *
 * This interface was referenced by `KeywordLibrary`'s JSON-Schema
 * via the `definition` "libraryTerm".
 */
export type LibraryTerm = LibraryTerm1;
/**
 * Stable term id `<group>/<kind>/<text>` (derived from the term; a changed text is a removal plus an addition).
 *
 * This interface was referenced by `KeywordLibrary`'s JSON-Schema
 * via the `definition` "termId".
 */
export type TermId = string;
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
 * Where content comes from: `published` (a public source, cited) or `illustrative` (written for the hub in our own words).
 */
export type Provenance = 'published' | 'illustrative';
/**
 * Library version: a positive integer, one more for every change.
 */
export type LibraryVersion1 = number;
/**
 * Library version: a positive integer, one more for every change.
 */
export type LibraryVersion2 = number;

/**
 * The versioned key-search-words library as served (all species groups assembled), plus the two file formats it is authored in under policies/keywords/ (library.yaml and one <species-group>.yaml per group) and the answer of changesSince(version).
 */
export interface KeywordLibrary {
  version: LibraryVersion;
  title?: string;
  changelog: ChangelogEntry[];
  sources: SourceDocuments;
  terms: LibraryTerm[];
  removed: LibraryRemovedTerm[];
}
/**
 * This interface was referenced by `KeywordLibrary`'s JSON-Schema
 * via the `definition` "changelogEntry".
 */
export interface ChangelogEntry {
  version: LibraryVersion;
  date: string;
  summary: string;
}
/**
 * Published documents terms cite, by short id.
 *
 * This interface was referenced by `KeywordLibrary`'s JSON-Schema
 * via the `definition` "sources".
 */
export interface SourceDocuments {
  [k: string]: SourceDocument | undefined;
}
/**
 * This interface was referenced by `KeywordLibrary`'s JSON-Schema
 * via the `definition` "sourceDocument".
 */
export interface SourceDocument {
  title: string;
  /**
   * Path of the plain-text extraction, relative to the shared seeds.
   */
  file: string;
}
export interface LibraryTerm1 {
  id: TermId;
  group: SpeciesGroup;
  /**
   * The term exactly as the source (or the editor) writes it.
   */
  text: string;
  kind: TermKind;
  /**
   * BCP 47 language tag (`und` when the term is no language, e.g. an emoji).
   */
  language: string;
  /**
   * `published` (cited in `source`), `illustrative` (written for the hub), or `intelligence` (promoted from a convener's trend alert, named in `alert`).
   */
  provenance: Provenance | 'intelligence';
  source?: TermSource;
  /**
   * The trend alert (publication id) an `intelligence` term was promoted from.
   */
  alert?: string;
  /**
   * Evidence weight of one hit (0-1); defaults by kind and ambiguity (docs/keywords.md).
   */
  weight?: number;
  /**
   * The text has ordinary, innocent readings (ivory as a colour, turtle neck, tiger balm): a hit alone scores low.
   */
  ambiguous?: boolean;
  /**
   * A species term: names an animal of the group or a product that implies it; associated terms count only near one.
   */
  species?: boolean;
  /**
   * An innocent-reading word (kind associated-term): not evidence and never reported; near an ambiguous term of its group (paint, print, plush, bone china…) it cancels that term's product context (docs/keywords.md, Scoring).
   */
  innocent?: boolean;
  /**
   * Text of the source form (same group) this term corrects or completes, e.g. `Chuan Shan Jia` for `Chuan Shan`.
   */
  variantOf?: string;
  note?: string;
  added: LibraryVersion;
  changed?: LibraryVersion1;
}
/**
 * Where a published term appears: a document of `sources` and the line(s) of its extraction.
 *
 * This interface was referenced by `KeywordLibrary`'s JSON-Schema
 * via the `definition` "source".
 */
export interface TermSource {
  document: string;
  /**
   * @minItems 1
   */
  lines: [number, ...number[]];
}
/**
 * This interface was referenced by `KeywordLibrary`'s JSON-Schema
 * via the `definition` "libraryRemovedTerm".
 */
export interface LibraryRemovedTerm {
  id: TermId;
  group: SpeciesGroup;
  text: string;
  kind: TermKind;
  added: LibraryVersion;
  removed: LibraryVersion;
  reason?: string;
}
/**
 * A term as written in a species-group file.
 *
 * This interface was referenced by `KeywordLibrary`'s JSON-Schema
 * via the `definition` "term".
 */
export interface Term {
  /**
   * The term exactly as the source (or the editor) writes it.
   */
  text: string;
  kind: TermKind;
  /**
   * BCP 47 language tag (`und` when the term is no language, e.g. an emoji).
   */
  language: string;
  provenance: Provenance;
  source?: TermSource;
  /**
   * Evidence weight of one hit (0-1); defaults by kind and ambiguity (docs/keywords.md).
   */
  weight?: number;
  /**
   * The text has ordinary, innocent readings (ivory as a colour, turtle neck, tiger balm): a hit alone scores low.
   */
  ambiguous?: boolean;
  /**
   * A species term: names an animal of the group or a product that implies it; associated terms count only near one.
   */
  species?: boolean;
  /**
   * An innocent-reading word (kind associated-term): not evidence and never reported; near an ambiguous term of its group (paint, print, plush, bone china…) it cancels that term's product context (docs/keywords.md, Scoring).
   */
  innocent?: boolean;
  /**
   * Text of the source form (same group) this term corrects or completes, e.g. `Chuan Shan Jia` for `Chuan Shan`.
   */
  variantOf?: string;
  note?: string;
  added: LibraryVersion;
  changed?: LibraryVersion2;
}
/**
 * A tombstone: a term removed from the library, kept so that changesSince() can report it.
 *
 * This interface was referenced by `KeywordLibrary`'s JSON-Schema
 * via the `definition` "removedTerm".
 */
export interface RemovedTerm {
  text: string;
  kind: TermKind;
  added: LibraryVersion;
  removed: LibraryVersion;
  reason?: string;
}
/**
 * policies/keywords/library.yaml: the version, the changelog (one entry per version) and the cited documents.
 *
 * This interface was referenced by `KeywordLibrary`'s JSON-Schema
 * via the `definition` "indexFile".
 */
export interface LibraryIndexFile {
  version: LibraryVersion;
  title?: string;
  /**
   * @minItems 1
   */
  changelog: [ChangelogEntry, ...ChangelogEntry[]];
  sources: SourceDocuments;
}
/**
 * policies/keywords/<species-group>.yaml: the terms of one species group.
 *
 * This interface was referenced by `KeywordLibrary`'s JSON-Schema
 * via the `definition` "groupFile".
 */
export interface LibraryGroupFile {
  group: SpeciesGroup;
  description?: string;
  terms: Term[];
  removed?: RemovedTerm[];
}
/**
 * What changed in the library after version `since` up to `version`: terms added, changed (current form) and removed.
 *
 * This interface was referenced by `KeywordLibrary`'s JSON-Schema
 * via the `definition` "changes".
 */
export interface KeywordChanges {
  since: number;
  version: LibraryVersion;
  added: LibraryTerm[];
  changed: LibraryTerm[];
  removed: LibraryRemovedTerm[];
}
