/* Generated from schemas/alignment-report.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * Framework edition id: the release year, and `.N` for a revision in the same year (e.g. 2020.1).
 */
export type EditionId = string;
/**
 * Where content comes from: `published` (a public source, cited) or `illustrative` (written for the hub in our own words).
 */
export type Provenance = 'published' | 'illustrative';
/**
 * Framework edition id: the release year, and `.N` for a revision in the same year (e.g. 2020.1).
 */
export type EditionId1 = string;
/**
 * Stable provision id, e.g. PWF-001. Never reused, never renumbered.
 */
export type ProvisionId = string;
/**
 * `must`: a requirement; `should`: a recommendation (weighted less in the score).
 */
export type ProvisionLevel = 'must' | 'should';
/**
 * What kind of obligation a provision is.
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
 * covers: everything required is prohibited and every required measure is in place; exceeds: covers, and prohibits strictly more (more species, products or listing types, or fewer exceptions); partial: some of it, `missing` says what is not; missing: none of it; not-applicable: declared or implied by the platform, with the reason; unassessed: the policy cannot be compared on part of the provision, `reason` says which.
 *
 * This interface was referenced by `AlignmentReport`'s JSON-Schema
 * via the `definition` "verdict".
 */
export type Verdict = 'covers' | 'exceeds' | 'partial' | 'missing' | 'not-applicable' | 'unassessed';
/**
 * Species group, as the Coalition's framework and keyword library are organised.
 */
export type SpeciesGroup =
  'elephant' | 'rhino' | 'pangolin' | 'big-cat' | 'bear' | 'marine-turtle' | 'primate' | 'bird' | 'reptile';
/**
 * CITES Appendix I, II or III, or `not-listed` for species in none of them.
 */
export type CitesAppendix = 'I' | 'II' | 'III' | 'not-listed';
/**
 * What is offered: a part, a derivative, or the live animal.
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
 */
export type ListingType =
  'sale' | 'wanted' | 'auction' | 'advertisement' | 'social-post' | 'livestream' | 'group-message';
/**
 * A case a prohibition may leave open: documented pre-Convention antiques, trade under a valid CITES permit, animals from a CITES-registered captive-breeding operation, musical instruments with a CITES certificate, exchange between registered scientific institutions.
 */
export type ExceptionType =
  | 'pre-convention-antique'
  | 'cites-permit'
  | 'captive-bred-registered'
  | 'musical-instrument-certificate'
  | 'scientific-institution';
/**
 * Something a platform does: keyword filters, a search interstitial or pop-up, a user reporting pathway, staff training, intake of expert and Cyber Spotter reports, data sharing with law enforcement, metrics reporting.
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
 * How a company policy stands against one framework edition, provision by provision: what `ewto policy diff --format json` prints and what the hub answers to a policy submission. Verdicts are computed by comparing scopes as sets (docs/company-policy-format.md).
 */
export interface AlignmentReport {
  /**
   * Format version of this report.
   */
  reportVersion: 1;
  framework: {
    version: EditionId;
    title: string;
    released: string;
    provenance: Provenance;
  };
  policy: {
    company: string;
    policyVersion?: string;
    framework?: EditionId1;
    /**
     * The file the policy was read from, as given.
     */
    file?: string;
  };
  /**
   * The day waivers were checked against (YYYY-MM-DD).
   */
  assessedOn: string;
  summary: AlignmentSummary;
  /**
   * Every active and deprecated provision of the edition, in edition order.
   */
  provisions: ProvisionResult[];
  /**
   * Provisions the edition lists as withdrawn (not assessed).
   */
  withdrawn: {
    id: ProvisionId;
    title: string;
    replacedBy?: ProvisionId[];
  }[];
  /**
   * Things the policy team should look at besides the verdicts: contradicted mappings, expired waivers, references to withdrawn provisions.
   */
  findings: Finding[];
}
/**
 * This interface was referenced by `AlignmentReport`'s JSON-Schema
 * via the `definition` "summary".
 */
export interface AlignmentSummary {
  /**
   * 0-100, one decimal: 100 × Σ weight × credit / Σ weight over the provisions that count.
   */
  score: number;
  /**
   * The score method in one sentence.
   */
  method: string;
  weights: {
    must: number;
    should: number;
  };
  /**
   * Number of provisions per verdict.
   */
  counts: {
    covers: number;
    exceeds: number;
    partial: number;
    missing: number;
    'not-applicable': number;
    unassessed: number;
  };
  /**
   * Provisions assessed (active and deprecated).
   */
  provisions: number;
  /**
   * Provisions with a valid waiver.
   */
  waived: number;
  /**
   * `must` provisions that are partial, missing or unassessed and not waived.
   */
  mustGaps: number;
  contradictedMappings: number;
}
/**
 * This interface was referenced by `AlignmentReport`'s JSON-Schema
 * via the `definition` "provisionResult".
 */
export interface ProvisionResult {
  id: ProvisionId;
  title: string;
  level: ProvisionLevel;
  category: ProvisionCategory;
  status: 'active' | 'deprecated';
  verdict: Verdict;
  /**
   * The verdict in one sentence.
   */
  message: string;
  /**
   * For not-applicable: the company's reason; for unassessed: what could not be compared.
   */
  reason?: string;
  /**
   * For partial, missing and unassessed: what is not (or cannot be shown to be) in place.
   */
  missing?: {
    scope: ScopeGap[];
    measures: MeasureGap[];
  };
  beyond?: Beyond;
  /**
   * The policy's rules that prohibit part of the provision's scope.
   */
  rules: RuleRef[];
  /**
   * The company's explicit mapping claim, checked against the scopes.
   */
  mapping?: {
    rules: string[];
    measures: Measure[];
    evidence?: {
      url: string;
      clause?: string;
    }[];
    contradicted: boolean;
    contradictions: string[];
    pointer: string;
  };
  waiver?: WaiverRef;
  expiredWaiver?: WaiverRef;
  /**
   * For a deprecated provision: what will replace it.
   */
  replacedBy?: ProvisionId[];
  /**
   * 3 for must, 1 for should.
   */
  weight: number;
  /**
   * 1 covers/exceeds, 0.5 partial, 0 missing/unassessed.
   */
  credit: number;
  /**
   * Whether the provision counts in the score (false when not applicable or waived).
   */
  counted: boolean;
}
/**
 * A block of the provision's scope the policy does not prohibit as required. `citesAppendices` appears only when the gap is narrower than the provision in that respect.
 *
 * This interface was referenced by `AlignmentReport`'s JSON-Schema
 * via the `definition` "gap".
 */
export interface ScopeGap {
  /**
   * not-prohibited: no rule prohibits it; exception-not-allowed: prohibited, but with exceptions the provision does not allow (`exceptions`); not-comparable: only rules restricted to other taxa touch it.
   */
  kind: 'not-prohibited' | 'exception-not-allowed' | 'not-comparable';
  speciesGroups: SpeciesGroup[];
  citesAppendices?: CitesAppendix[];
  /**
   * When the provision names taxa: those of them this block is about (the ones not prohibited).
   */
  taxa?: string[];
  /**
   * When the provision covers whole groups and rules prohibit only some species: those species (the gap is the rest of the group). When the provision names species and rules prohibit only some of their subspecies: those subspecies (the gap is the rest of the species in `taxa`).
   */
  exceptTaxa?: string[];
  productTypes: ProductType[];
  listingTypes: ListingType[];
  exceptions?: ExceptionType[];
  /**
   * The gap in words.
   */
  text: string;
}
/**
 * A required measure the policy lacks; with `speciesGroups` when it lacks it only for those groups.
 *
 * This interface was referenced by `AlignmentReport`'s JSON-Schema
 * via the `definition` "measureGap".
 */
export interface MeasureGap {
  measure: Measure;
  speciesGroups?: SpeciesGroup[];
  text: string;
}
/**
 * Why a provision is `exceeds`: for the provision's species groups, the rules covering it prohibit products, CITES appendices or listing types no provision of the edition asks for, or the whole group where the edition names only some taxa; for its product types, species groups no provision asks for; or they leave open fewer exceptions than the provision allows.
 *
 * This interface was referenced by `AlignmentReport`'s JSON-Schema
 * via the `definition` "beyond".
 */
export interface Beyond {
  productTypes?: ProductType[];
  citesAppendices?: CitesAppendix[];
  listingTypes?: ListingType[];
  speciesGroups?: SpeciesGroup[];
  /**
   * Groups prohibited whole where the edition names only some taxa.
   */
  wholeGroups?: SpeciesGroup[];
  /**
   * Exceptions the provision allows that the policy does not grant.
   */
  exceptionsNotGranted?: ExceptionType[];
  /**
   * The same in words.
   */
  text: string;
}
/**
 * This interface was referenced by `AlignmentReport`'s JSON-Schema
 * via the `definition` "ruleRef".
 */
export interface RuleRef {
  id: string;
  /**
   * JSON Pointer of the rule in the policy document.
   */
  pointer: string;
}
/**
 * This interface was referenced by `AlignmentReport`'s JSON-Schema
 * via the `definition` "waiverRef".
 */
export interface WaiverRef {
  reason: string;
  expires: string;
  approvedBy?: string;
  pointer: string;
}
/**
 * This interface was referenced by `AlignmentReport`'s JSON-Schema
 * via the `definition` "finding".
 */
export interface Finding {
  severity: 'error' | 'warning' | 'note';
  code:
    | 'mapping-contradicted'
    | 'waiver-expired'
    | 'refers-to-withdrawn'
    | 'not-in-edition'
    | 'mapped-and-not-applicable'
    | 'waiver-on-not-applicable'
    | 'other-edition';
  message: string;
  provision?: ProvisionId;
  /**
   * JSON Pointer into the policy document.
   */
  pointer?: string;
}
