/* Generated from schemas/edition-changes.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * Framework edition id: the release year, and `.N` for a revision in the same year (e.g. 2020.1).
 */
export type EditionId = string;
/**
 * The kind of change; each kind has one level (docs/company-policy-format.md lists them).
 *
 * This interface was referenced by `EditionChanges`'s JSON-Schema
 * via the `definition` "changeRule".
 */
export type ChangeRule =
  | 'provision-added'
  | 'provision-reinstated'
  | 'level-raised'
  | 'scope-added'
  | 'species-groups-added'
  | 'cites-appendices-added'
  | 'taxa-added'
  | 'taxa-unrestricted'
  | 'product-types-added'
  | 'listing-types-added'
  | 'exceptions-removed'
  | 'measures-added'
  | 'provision-withdrawn'
  | 'provision-removed'
  | 'level-lowered'
  | 'scope-removed'
  | 'species-groups-removed'
  | 'cites-appendices-removed'
  | 'taxa-removed'
  | 'taxa-restricted'
  | 'product-types-removed'
  | 'listing-types-removed'
  | 'exceptions-added'
  | 'measures-removed'
  | 'provision-deprecated'
  | 'provision-undeprecated'
  | 'title-changed'
  | 'statement-changed'
  | 'category-changed'
  | 'sources-changed'
  | 'notes-changed'
  | 'replaced-by-changed'
  | 'cites-listings-changed';
/**
 * breaking: a company aligned with the older edition may no longer be (new obligation, scope widened, should→must); relaxing: less is asked (withdrawn, scope narrowed); editorial: wording, titles, sources, deprecation notices.
 *
 * This interface was referenced by `EditionChanges`'s JSON-Schema
 * via the `definition` "changeLevel".
 */
export type ChangeLevel = 'breaking' | 'relaxing' | 'editorial';
/**
 * The provision changed (absent for changes to the edition's CITES facts).
 */
export type ProvisionId = string;
/**
 * Stable provision id, e.g. PWF-001. Never reused, never renumbered.
 */
export type ProvisionId1 = string;
/**
 * `must`: a requirement; `should`: a recommendation (weighted less in the score).
 */
export type ProvisionLevel = 'must' | 'should';
/**
 * Verdict under the older edition (absent when the provision is new).
 */
export type Verdict = 'covers' | 'exceeds' | 'partial' | 'missing' | 'not-applicable' | 'unassessed';
/**
 * covers: everything required is prohibited and every required measure is in place; exceeds: covers, and prohibits strictly more (more species, products or listing types, or fewer exceptions); partial: some of it, `missing` says what is not; missing: none of it; not-applicable: declared or implied by the platform, with the reason; unassessed: the policy cannot be compared on part of the provision, `reason` says which.
 */
export type Verdict1 = 'covers' | 'exceeds' | 'partial' | 'missing' | 'not-applicable' | 'unassessed';

/**
 * What changed between two framework editions, each change with a rule id and a level (as oasdiff classifies API changes), and, when a company policy is given, what that company must change to align with the newer edition. What `ewto policy changes --format json` prints.
 */
export interface EditionChanges {
  reportVersion: 1;
  from: EditionRef;
  to: EditionRef;
  summary: {
    breaking: number;
    relaxing: number;
    editorial: number;
  };
  /**
   * Breaking changes first, then relaxing, then editorial; by provision id within a level.
   */
  changes: EditionChange[];
  policy?: PolicyImpact;
}
/**
 * This interface was referenced by `EditionChanges`'s JSON-Schema
 * via the `definition` "editionRef".
 */
export interface EditionRef {
  version: EditionId;
  title: string;
  released: string;
}
/**
 * This interface was referenced by `EditionChanges`'s JSON-Schema
 * via the `definition` "change".
 */
export interface EditionChange {
  rule: ChangeRule;
  level: ChangeLevel;
  provision?: ProvisionId;
  /**
   * The provision's title in the newer edition (in the older one if it was removed).
   */
  title?: string;
  message: string;
  added?: string[];
  removed?: string[];
  from?: string;
  to?: string;
}
/**
 * The company's position under both editions and what it must change for the newer one.
 *
 * This interface was referenced by `EditionChanges`'s JSON-Schema
 * via the `definition` "policyImpact".
 */
export interface PolicyImpact {
  company: string;
  file?: string;
  scoreFrom: number;
  scoreTo: number;
  /**
   * Provisions of the newer edition the policy does not fully meet (partial, missing or unassessed), must before should. Waived provisions are listed too, with `waiver`: a waiver keeps a provision out of the score until it expires, but the provision is still to be met. Provisions the policy declares not applicable are not listed.
   */
  actions: PolicyAction[];
  /**
   * Mappings, waivers and not-applicable declarations that refer to provisions the newer edition withdrew.
   */
  obsolete: {
    provision: ProvisionId1;
    what: 'mapping' | 'waiver' | 'not-applicable';
    replacedBy?: ProvisionId1[];
    message: string;
    pointer: string;
  }[];
}
/**
 * This interface was referenced by `EditionChanges`'s JSON-Schema
 * via the `definition` "action".
 */
export interface PolicyAction {
  provision: ProvisionId1;
  title: string;
  level: ProvisionLevel;
  verdictFrom?: Verdict;
  verdictTo: Verdict1;
  /**
   * new-provision: added by the newer edition; changed-provision: changed by it in a way that concerns the platform (a change to listing types it does not host does not); outstanding: otherwise, and already not met.
   */
  cause: 'new-provision' | 'changed-provision' | 'outstanding';
  /**
   * Rule ids of this provision's breaking and relaxing changes that concern the platform.
   */
  changes: ChangeRule[];
  /**
   * What to change, one step per line.
   */
  todo: string[];
  waiver?: WaiverRef;
}
/**
 * The policy's valid waiver for this provision: it is out of the score until the waiver expires, but still to be met.
 */
export interface WaiverRef {
  reason: string;
  expires: string;
  approvedBy?: string;
  pointer: string;
}
