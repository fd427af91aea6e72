/* Generated from schemas/action-plan.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * Opaque, sortable plan id (UUIDv7).
 *
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "planId".
 */
export type PlanId = string;
/**
 * The period the plan covers: a year (`2027`), a half (`2027-H1`) or a quarter (`2027-Q3`).
 *
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "period".
 */
export type PlanPeriod = string;
/**
 * The framework provision the activity answers.
 */
export type ProvisionId = string;
/**
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "status".
 */
export type ActivityStatus = 'planned' | 'in-progress' | 'done' | 'blocked';
/**
 * Coalition-wide indicator of an action-plan activity, summed over all companies' plans (GET /api/v1/progress). listings-removed: posts and listings blocked or removed; staff-trained: company staff trained; user-education-impressions: impressions of user-education content; cyber-spotter-reports-actioned: Cyber Spotter reports acted on; detection-search-terms: search terms deployed in automated detection. An indicator without a kind is free-form and is not summed.
 */
export type IndicatorKind =
  | 'listings-removed'
  | 'staff-trained'
  | 'user-education-impressions'
  | 'cyber-spotter-reports-actioned'
  | 'detection-search-terms';
/**
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "activityList".
 */
export type ActivityList = Activity[];
/**
 * The six categories of a Coalition action plan (keys of its `categories`): Policy, Staff Training, User Education, Citizen Science, Automated Detection, Share Learning.
 */
export type PlanCategory =
  'policy' | 'staffTraining' | 'userEducation' | 'citizenScience' | 'automatedDetection' | 'shareLearning';

/**
 * The JSON projection of a company's action plan for one period (`GET /api/v1/plans/{id}`, `ewto plan export --format json`). The live document is a Y.Doc (docs/action-plans.md); this is what it reads as at one moment, with each activity's rich-text description rendered as Markdown.
 */
export interface ActionPlan {
  id: PlanId;
  /**
   * The company's organisation id.
   */
  company: string;
  period: PlanPeriod;
  title: string;
  /**
   * An archived plan is read-only.
   */
  archived: boolean;
  createdAt: string;
  categories: {
    policy: ActivityList;
    staffTraining: ActivityList;
    userEducation: ActivityList;
    citizenScience: ActivityList;
    automatedDetection: ActivityList;
    shareLearning: ActivityList;
  };
}
/**
 * One line of work in one category. Fields a client has not set yet read as empty strings, `planned` and no indicators.
 *
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "activity".
 */
export interface Activity {
  /**
   * Chosen by the client that adds it (a UUID); unique within the plan.
   */
  id: string;
  title: string;
  /**
   * Who is responsible (a name or team, free text).
   */
  owner: string;
  /**
   * ISO date (YYYY-MM-DD), or empty when not set.
   */
  due: string;
  provision?: ProvisionId;
  status: ActivityStatus;
  /**
   * The rich-text description as Markdown.
   */
  description: string;
  indicators: Indicator[];
}
/**
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "indicator".
 */
export interface Indicator {
  name: string;
  kind?: IndicatorKind;
  target: number;
  actual: number;
}
/**
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "planCreate".
 */
export interface PlanCreate {
  period: PlanPeriod;
  title: string;
}
/**
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "planSummary".
 */
export interface PlanSummary {
  id: PlanId;
  company: string;
  period: PlanPeriod;
  /**
   * The title when the plan was created or archived.
   */
  title: string;
  archived: boolean;
  createdAt: string;
  /**
   * User id.
   */
  createdBy: string;
}
/**
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "planPage".
 */
export interface PlanPage {
  items: PlanSummary[];
  nextCursor: string | null;
}
/**
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "versionCreate".
 */
export interface PlanVersionCreate {
  label: string;
}
/**
 * A named version: the plan as stored when it was taken.
 *
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "version".
 */
export interface PlanVersion {
  id: string;
  planId: PlanId;
  label: string;
  createdAt: string;
  /**
   * User id.
   */
  createdBy: string;
}
/**
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "versionPage".
 */
export interface PlanVersionPage {
  items: PlanVersion[];
  nextCursor: string | null;
}
/**
 * Who added, edited or removed which activity, from the stored updates. Consecutive edits of one activity by one person are one event.
 *
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "activityEvent".
 */
export interface ActivityEvent {
  /**
   * When the (last) update was stored.
   */
  at: string;
  /**
   * User id, or `hub` for changes the hub made.
   */
  by: string;
  change: 'added' | 'edited' | 'removed';
  activityId: string;
  category: PlanCategory;
  /**
   * The activity's title after the change (before it, for a removal).
   */
  title: string;
  /**
   * For edits: which fields changed.
   */
  fields?: string[];
}
/**
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "activityLog".
 */
export interface PlanActivityLog {
  items: ActivityEvent[];
}
/**
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "fromSubmission".
 */
export interface ActivitiesFromSubmission {
  submissionId: string;
}
/**
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "fromSubmissionResult".
 */
export interface ActivitiesFromSubmissionResult {
  created: Activity[];
  /**
   * Provisions that already had an activity.
   */
  skipped: string[];
}
/**
 * Each indicator kind's target and actual summed over the plans of one period: all companies' for conveners, the caller's own companies' otherwise.
 *
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "progress".
 */
export interface CoalitionProgress {
  period: PlanPeriod;
  indicators: ProgressFigure[];
  companies: {
    company: string;
    plans: PlanId[];
    indicators: ProgressFigure[];
  }[];
}
/**
 * This interface was referenced by `ActionPlan`'s JSON-Schema
 * via the `definition` "progressFigure".
 */
export interface ProgressFigure {
  kind: IndicatorKind;
  target: number;
  actual: number;
}
