/* Generated from schemas/company-policy.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * The framework edition the policy was written against (informational; `ewto policy diff` compares with the edition it is asked for, latest by default).
 */
export type EditionId = string;
/**
 * Where content comes from: `published` (a public source, cited) or `illustrative` (written for the hub in our own words).
 */
export type Provenance = 'published' | 'illustrative';
/**
 * How it is offered on a platform.
 */
export type ListingType =
  'sale' | 'wanted' | 'auction' | 'advertisement' | 'social-post' | 'livestream' | 'group-message';
/**
 * The company's own id of a rule, unique in the policy.
 *
 * This interface was referenced by `CompanyPolicy`'s JSON-Schema
 * via the `definition` "ruleId".
 */
export type RuleId = string;
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
 * Stable provision id, e.g. PWF-001. Never reused, never renumbered.
 */
export type ProvisionId = string;

/**
 * A company's own platform policy, as submitted for alignment with the Prohibited Wildlife Policy Framework: the rules it enforces (what it prohibits, with its exceptions), the measures it runs, and optionally explicit mappings to provisions, not-applicable declarations and time-limited waivers. Verdicts are computed from rules and measures, never typed in. docs/company-policy-format.md explains every field.
 */
export interface CompanyPolicy {
  /**
   * Document kind; tells `ewto policy validate` which schema applies.
   */
  kind: 'company-policy';
  /**
   * The company or platform name.
   */
  company: string;
  /**
   * The company's own version or date of this policy.
   */
  policyVersion?: string;
  framework?: EditionId;
  provenance?: Provenance;
  /**
   * Public address of the policy.
   */
  url?: string;
  platform?: Platform;
  /**
   * What the platform prohibits. Leave the key out only if the document does not describe prohibitions at all: provisions with a scope are then `unassessed`. An empty list means nothing is prohibited.
   */
  rules?: CompanyRule[];
  /**
   * What the platform does. Leave the key out only if the document does not describe measures at all: provisions requiring measures are then `unassessed`. An empty list means no measures.
   */
  measures?: CompanyMeasure[];
  /**
   * Optional claims that given rules and measures implement a provision, with evidence. Checked against the scopes: a claim they contradict is flagged.
   */
  mappings?: Mapping[];
  /**
   * Provisions that do not apply to this platform, each with the reason.
   */
  notApplicable?: NotApplicable[];
  /**
   * Time-limited exemptions agreed for a provision. A valid waiver leaves the verdict as it is and takes the provision out of the score; from the day after `expires` it stops counting.
   */
  waivers?: Waiver[];
}
/**
 * What the platform hosts. Parts of provisions about listing types the platform does not host are not applicable.
 *
 * This interface was referenced by `CompanyPolicy`'s JSON-Schema
 * via the `definition` "platform".
 */
export interface Platform {
  description?: string;
  /**
   * The listing types the platform hosts (all when left out).
   *
   * @minItems 1
   */
  listingTypes?: [ListingType, ...ListingType[]];
}
/**
 * One prohibition: everything in `scope` is prohibited, except the `scope.exceptions` it still allows.
 *
 * This interface was referenced by `CompanyPolicy`'s JSON-Schema
 * via the `definition` "rule".
 */
export interface CompanyRule {
  id: RuleId;
  title?: string;
  scope: Scope;
  evidence?: Evidence;
  notes?: string;
}
/**
 * A set of (species, product, listing) combinations. A list that is left out means every value of it (every species group, every appendix and taxon, every product type, every listing type), except `exceptions`, which left out means none. In a provision, `exceptions` lists what a company MAY still allow; in a company rule, what the rule DOES still allow.
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
 * Where the company's published policy says it.
 *
 * This interface was referenced by `CompanyPolicy`'s JSON-Schema
 * via the `definition` "evidence".
 */
export interface Evidence {
  url: string;
  /**
   * Section or clause, e.g. "4.2".
   */
  clause?: string;
}
/**
 * A measure the platform runs, for the listed species groups (all when left out).
 *
 * This interface was referenced by `CompanyPolicy`'s JSON-Schema
 * via the `definition` "companyMeasure".
 */
export interface CompanyMeasure {
  measure: Measure;
  /**
   * @minItems 1
   */
  speciesGroups?: [SpeciesGroup, ...SpeciesGroup[]];
  description?: string;
  evidence?: Evidence;
}
/**
 * A claim that these rules and measures implement a provision.
 *
 * This interface was referenced by `CompanyPolicy`'s JSON-Schema
 * via the `definition` "mapping".
 */
export interface Mapping {
  provision: ProvisionId;
  /**
   * @minItems 1
   */
  rules?: [RuleId, ...RuleId[]];
  /**
   * @minItems 1
   */
  measures?: [Measure, ...Measure[]];
  evidence?: Evidence;
  note?: string;
}
/**
 * This interface was referenced by `CompanyPolicy`'s JSON-Schema
 * via the `definition` "notApplicable".
 */
export interface NotApplicable {
  provision: ProvisionId;
  reason: string;
}
/**
 * This interface was referenced by `CompanyPolicy`'s JSON-Schema
 * via the `definition` "waiver".
 */
export interface Waiver {
  provision: ProvisionId;
  reason: string;
  /**
   * Last day the waiver counts (YYYY-MM-DD).
   */
  expires: string;
  /**
   * Who agreed the waiver, e.g. the convener's reviewer.
   */
  approvedBy?: string;
}
