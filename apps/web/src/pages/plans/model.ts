/** Action plans in the web app: the REST shapes, the six categories, who may write. */
import type { Session } from '../../session.tsx';

export interface PlanSummary {
  id: string;
  company: string;
  period: string;
  title: string;
  archived: boolean;
  createdAt: string;
  createdBy: string;
}

export interface PlanVersion {
  id: string;
  planId: string;
  label: string;
  createdAt: string;
  createdBy: string;
}

export interface ProgressFigure {
  kind: string;
  target: number;
  actual: number;
}

export interface Progress {
  period: string;
  indicators: ProgressFigure[];
  companies: Array<{ company: string; plans: string[]; indicators: ProgressFigure[] }>;
}

/** The six categories of docs/action-plans.md, in the order the plan shows them. */
export const CATEGORIES = [
  ['policy', 'Policy'],
  ['staffTraining', 'Staff training'],
  ['userEducation', 'User education'],
  ['citizenScience', 'Citizen science'],
  ['automatedDetection', 'Automated detection'],
  ['shareLearning', 'Share learning'],
] as const;
export type Category = (typeof CATEGORIES)[number][0];

export const STATUSES = [
  { value: 'planned', label: 'Planned' },
  { value: 'in-progress', label: 'In progress' },
  { value: 'done', label: 'Done' },
  { value: 'blocked', label: 'Blocked' },
];

/** The shared indicator vocabulary (schemas/vocabularies.schema.json#/$defs/indicatorKind). */
export const INDICATOR_KINDS = [
  { value: 'listings-removed', label: 'Listings removed' },
  { value: 'staff-trained', label: 'Staff trained' },
  { value: 'user-education-impressions', label: 'User education impressions' },
  { value: 'cyber-spotter-reports-actioned', label: 'Cyber Spotter reports actioned' },
  { value: 'detection-search-terms', label: 'Detection search terms' },
];
export const kindLabel = (k: string) => INDICATOR_KINDS.find((i) => i.value === k)?.label ?? k;

const WRITERS = new Set(['admin', 'editor']);

/** Editors and admins of a convener create plans (the hub's plan.create rule). */
export const convenerWriter = (s: Session) =>
  s.memberships.some((m) => m.orgKind === 'convener' && WRITERS.has(m.role));

/** The hub's plan.write rule: the company's editors and admins, and conveners' editors and admins. */
export const mayWrite = (s: Session, companyId: string) =>
  convenerWriter(s) || s.memberships.some((m) => m.orgId === companyId && WRITERS.has(m.role));
