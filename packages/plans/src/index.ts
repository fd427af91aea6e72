export {
  type ActivityState,
  activityState,
  coalesceEvents,
  diffActivities,
  replayAttributed,
} from './attribution.ts';
export { addActivities, type NewActivity, provisionsWithActivities, restoreFrom } from './edits.ts';
export { PLAN_ERROR_CODES, PlanError, type PlanErrorCode } from './errors.ts';
export {
  ACTIVITY_TEXT_KEYS,
  CATEGORIES,
  categoryArray,
  createSkeleton,
  type PlanHeader,
  planMap,
  ROOT,
  STATUSES,
} from './layout.ts';
export { fragmentToMarkdown, writeParagraphs } from './markdown.ts';
export {
  CATEGORY_TITLES,
  type PlanMeta,
  planToMarkdown,
  projectActivity,
  projectPlan,
} from './projection.ts';
export { captureSkeleton, checkShape, type ShapeExpectations, type Skeleton } from './shape.ts';
