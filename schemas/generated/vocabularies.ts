/* Generated from schemas/vocabularies.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * Species group, as the Coalition's framework and keyword library are organised.
 *
 * This interface was referenced by `Vocabularies`'s JSON-Schema
 * via the `definition` "speciesGroup".
 */
export type SpeciesGroup =
  'elephant' | 'rhino' | 'pangolin' | 'big-cat' | 'bear' | 'marine-turtle' | 'primate' | 'bird' | 'reptile';
/**
 * Kind of keyword-library term. An associated-term counts only next to a species term.
 *
 * This interface was referenced by `Vocabularies`'s JSON-Schema
 * via the `definition` "termKind".
 */
export type TermKind = 'search-word' | 'hashtag' | 'emoji' | 'code-word' | 'associated-term';
/**
 * Traffic Light Protocol 2.0 label.
 *
 * This interface was referenced by `Vocabularies`'s JSON-Schema
 * via the `definition` "tlpLabel".
 */
export type TlpLabel = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';
/**
 * Framework edition id: the release year, and `.N` for a revision in the same year (e.g. 2020.1).
 *
 * This interface was referenced by `Vocabularies`'s JSON-Schema
 * via the `definition` "editionId".
 */
export type EditionId = string;
/**
 * Where content comes from: `published` (a public source, cited) or `illustrative` (written for the hub in our own words).
 *
 * This interface was referenced by `Vocabularies`'s JSON-Schema
 * via the `definition` "provenance".
 */
export type Provenance = 'published' | 'illustrative';
/**
 * Organisation kind.
 *
 * This interface was referenced by `Vocabularies`'s JSON-Schema
 * via the `definition` "orgKind".
 */
export type OrgKind = 'convener' | 'company' | 'agency' | 'taskforce';
/**
 * Coalition-wide indicator of an action-plan activity, summed over all companies' plans (GET /api/v1/progress). listings-removed: posts and listings blocked or removed; staff-trained: company staff trained; user-education-impressions: impressions of user-education content; cyber-spotter-reports-actioned: Cyber Spotter reports acted on; detection-search-terms: search terms deployed in automated detection. An indicator without a kind is free-form and is not summed.
 *
 * This interface was referenced by `Vocabularies`'s JSON-Schema
 * via the `definition` "indicatorKind".
 */
export type IndicatorKind =
  | 'listings-removed'
  | 'staff-trained'
  | 'user-education-impressions'
  | 'cyber-spotter-reports-actioned'
  | 'detection-search-terms';
/**
 * The six categories of a Coalition action plan (keys of its `categories`): Policy, Staff Training, User Education, Citizen Science, Automated Detection, Share Learning.
 *
 * This interface was referenced by `Vocabularies`'s JSON-Schema
 * via the `definition` "planCategory".
 */
export type PlanCategory =
  'policy' | 'staffTraining' | 'userEducation' | 'citizenScience' | 'automatedDetection' | 'shareLearning';
/**
 * A user's role in one organisation.
 *
 * This interface was referenced by `Vocabularies`'s JSON-Schema
 * via the `definition` "role".
 */
export type Role = 'admin' | 'editor' | 'viewer';

/**
 * The shared vocabularies every package uses. Extend a list by changing this schema, never ad hoc.
 */
export interface Vocabularies {
  [k: string]: unknown | undefined;
}
