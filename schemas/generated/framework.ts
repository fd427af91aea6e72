/* Generated from schemas/framework.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * Edition id: the release year, `.N` for a revision in the same year. Matches the file name.
 */
export type EditionId = string;
/**
 * The edition this one revises (absent for the first edition).
 */
export type EditionId1 = string;
/**
 * Where content comes from: `published` (a public source, cited) or `illustrative` (written for the hub in our own words).
 */
export type Provenance = 'published' | 'illustrative';
/**
 * CITES Appendix I, II or III, or `not-listed` for species in none of them.
 *
 * This interface was referenced by `FrameworkEdition`'s JSON-Schema
 * via the `definition` "citesAppendix".
 */
export type CitesAppendix = 'I' | 'II' | 'III' | 'not-listed';
/**
 * Stable provision id, e.g. PWF-001. Never reused, never renumbered.
 *
 * This interface was referenced by `FrameworkEdition`'s JSON-Schema
 * via the `definition` "provisionId".
 */
export type ProvisionId = string;
/**
 * `active`: in force; `deprecated`: in force, to be withdrawn in a later edition; `withdrawn`: no longer in force (see `replacedBy`).
 *
 * This interface was referenced by `FrameworkEdition`'s JSON-Schema
 * via the `definition` "provisionStatus".
 */
export type ProvisionStatus = 'active' | 'deprecated' | 'withdrawn';
/**
 * `must`: a requirement; `should`: a recommendation (weighted less in the score).
 *
 * This interface was referenced by `FrameworkEdition`'s JSON-Schema
 * via the `definition` "provisionLevel".
 */
export type ProvisionLevel = 'must' | 'should';
/**
 * What kind of obligation a provision is.
 *
 * This interface was referenced by `FrameworkEdition`'s JSON-Schema
 * via the `definition` "category".
 */
export type ProvisionCategory =
  | 'prohibited-products'
  | 'live-animals'
  | 'automated-detection'
  | 'user-education'
  | 'user-reporting'
  | 'staff-training'
  | 'law-enforcement'
  | 'transparency';
/**
 * Species group, as the Coalition's framework and keyword library are organised.
 */
export type SpeciesGroup =
  'elephant' | 'rhino' | 'pangolin' | 'big-cat' | 'bear' | 'marine-turtle' | 'primate' | 'bird' | 'reptile';
/**
 * What is offered: a part, a derivative, or the live animal.
 *
 * This interface was referenced by `FrameworkEdition`'s JSON-Schema
 * via the `definition` "productType".
 */
export type ProductType =
  | 'raw-ivory'
  | 'ivory-carvings'
  | 'horn'
  | 'scales'
  | 'skins-leather'
  | 'meat'
  | 'bile'
  | 'bones-teeth-claws'
  | 'shells'
  | 'feathers'
  | 'eggs'
  | 'medicine'
  | 'trophies'
  | 'live-animals';
/**
 * How it is offered on a platform.
 *
 * This interface was referenced by `FrameworkEdition`'s JSON-Schema
 * via the `definition` "listingType".
 */
export type ListingType =
  'sale' | 'wanted' | 'auction' | 'advertisement' | 'social-post' | 'livestream' | 'group-message';
/**
 * A case a prohibition may leave open: documented pre-Convention antiques, trade under a valid CITES permit, animals from a CITES-registered captive-breeding operation, musical instruments with a CITES certificate, exchange between registered scientific institutions.
 *
 * This interface was referenced by `FrameworkEdition`'s JSON-Schema
 * via the `definition` "exception".
 */
export type ExceptionType =
  | 'pre-convention-antique'
  | 'cites-permit'
  | 'captive-bred-registered'
  | 'musical-instrument-certificate'
  | 'scientific-institution';
/**
 * Something a platform does: keyword filters, a search interstitial or pop-up, a user reporting pathway, staff training, intake of expert and Cyber Spotter reports, data sharing with law enforcement, metrics reporting.
 *
 * This interface was referenced by `FrameworkEdition`'s JSON-Schema
 * via the `definition` "measure".
 */
export type Measure =
  | 'keyword-filter'
  | 'search-interstitial'
  | 'user-reporting'
  | 'staff-training'
  | 'expert-report-intake'
  | 'law-enforcement-data-sharing'
  | 'metrics-reporting';
/**
 * Edition that first issued this provision id.
 */
export type EditionId2 = string;

/**
 * One released edition of the Prohibited Wildlife Policy Framework (policies/framework/<version>.yaml). An edition is immutable once released; a change is a new edition. Provision ids are stable and never reused: a provision that no longer applies stays in later editions with status `withdrawn`. The lists in `$defs` (product types, listing types, measures, exceptions, CITES appendices, categories) are the one shared vocabulary of framework editions and company policies.
 */
export interface FrameworkEdition {
  /**
   * Document kind; tells `ewto policy validate` which schema applies.
   */
  kind: 'framework-edition';
  version: EditionId;
  title: string;
  /**
   * Release date (YYYY-MM-DD), or only the year (YYYY) when the day is not on record.
   */
  released: string;
  previous?: EditionId1;
  provenance: Provenance;
  /**
   * What this edition changed, in a few sentences.
   */
  summary?: string;
  /**
   * Published sources the edition relies on; provisions cite them by id.
   */
  sources: Source[];
  citesListings?: CitesListings;
  /**
   * Every provision ever issued, withdrawn ones included (ids are never reused).
   *
   * @minItems 1
   */
  provisions: [Provision, ...Provision[]];
}
/**
 * A public document an edition relies on.
 *
 * This interface was referenced by `FrameworkEdition`'s JSON-Schema
 * via the `definition` "source".
 */
export interface Source {
  id: string;
  title: string;
  publisher?: string;
  date?: string;
  url?: string;
  provenance: Provenance;
  note?: string;
}
/**
 * Published fact the comparison relies on: in which CITES appendices the species of each group are listed, as of this edition (e.g. every pangolin in Appendix I since 2017). Parts of a scope that no species can occupy (a pangolin not listed in Appendix I) are left out of the comparison. A group left out here may occupy every appendix and `not-listed`.
 *
 * This interface was referenced by `FrameworkEdition`'s JSON-Schema
 * via the `definition` "citesListings".
 */
export interface CitesListings {
  /**
   * Id of the entry of `sources` these facts come from.
   */
  source: string;
  groups: {
    /**
     * @minItems 1
     */
    [k: string]: [CitesAppendix, ...CitesAppendix[]] | undefined;
  };
}
/**
 * One numbered requirement of an edition: a prohibited scope and/or the platform measures it requires.
 *
 * This interface was referenced by `FrameworkEdition`'s JSON-Schema
 * via the `definition` "provision".
 */
export interface Provision {
  id: ProvisionId;
  title: string;
  status: ProvisionStatus;
  level: ProvisionLevel;
  category: ProvisionCategory;
  /**
   * The provision in words.
   */
  statement: string;
  scope?: Scope;
  /**
   * Platform measures required, for the provision's species groups (for every species group when there is no scope).
   */
  measures?: Measure[];
  introduced: EditionId2;
  /**
   * For a deprecated or withdrawn provision: the provisions that take over.
   *
   * @minItems 1
   */
  replacedBy?: [ProvisionId, ...ProvisionId[]];
  /**
   * Ids of entries of the edition's `sources`.
   */
  sources?: string[];
  notes?: string;
}
/**
 * What must be prohibited. Absent for provisions that only require measures.
 */
export interface Scope {
  /**
   * @minItems 1
   */
  speciesGroups?: [SpeciesGroup, ...SpeciesGroup[]];
  /**
   * Narrows the species groups to species listed in these CITES appendices and/or to these taxa.
   */
  cites?: {
    /**
     * @minItems 1
     */
    appendices?: [CitesAppendix, ...CitesAppendix[]];
    /**
     * Scientific names, compared ignoring case and extra spaces. A two-word name is a species, a three-word name a subspecies of the species its first two words name; anything else (a genus, a family, `Manis spp.`) is a higher taxon the tool cannot compare. A scope that names taxa must also name their `speciesGroups`.
     *
     * @minItems 1
     */
    taxa?: [string, ...string[]];
  };
  /**
   * @minItems 1
   */
  productTypes?: [ProductType, ...ProductType[]];
  /**
   * @minItems 1
   */
  listingTypes?: [ListingType, ...ListingType[]];
  exceptions?: ExceptionType[];
}
/**
 * A set of (species, product, listing) combinations. A list that is left out means every value of it (every species group, every appendix and taxon, every product type, every listing type), except `exceptions`, which left out means none. In a provision, `exceptions` lists what a company MAY still allow; in a company rule, what the rule DOES still allow.
 *
 * This interface was referenced by `FrameworkEdition`'s JSON-Schema
 * via the `definition` "scope".
 */
export interface Scope1 {
  /**
   * @minItems 1
   */
  speciesGroups?: [SpeciesGroup, ...SpeciesGroup[]];
  /**
   * Narrows the species groups to species listed in these CITES appendices and/or to these taxa.
   */
  cites?: {
    /**
     * @minItems 1
     */
    appendices?: [CitesAppendix, ...CitesAppendix[]];
    /**
     * Scientific names, compared ignoring case and extra spaces. A two-word name is a species, a three-word name a subspecies of the species its first two words name; anything else (a genus, a family, `Manis spp.`) is a higher taxon the tool cannot compare. A scope that names taxa must also name their `speciesGroups`.
     *
     * @minItems 1
     */
    taxa?: [string, ...string[]];
  };
  /**
   * @minItems 1
   */
  productTypes?: [ProductType, ...ProductType[]];
  /**
   * @minItems 1
   */
  listingTypes?: [ListingType, ...ListingType[]];
  exceptions?: ExceptionType[];
}
