/**
 * The action plan's Y.Doc layout (docs/action-plans.md): one root map `plan` holding the title,
 * the company and the period, and `categories`, a map of six arrays of activity maps. The hub
 * creates every container once, when the plan is created; clients never create them, because
 * containers created concurrently in Yjs overwrite each other.
 */

import { PLAN_CATEGORIES } from '@ewto/schemas';
import type { ActivityStatus, PlanCategory } from '@ewto/schemas/generated/action-plan';
import * as Y from 'yjs';

export const ROOT = 'plan';
export const CATEGORIES: readonly PlanCategory[] = PLAN_CATEGORIES;
export const STATUSES: readonly ActivityStatus[] = ['planned', 'in-progress', 'done', 'blocked'];
/** Keys of an activity map whose values are strings. */
export const ACTIVITY_TEXT_KEYS = ['id', 'title', 'owner', 'due', 'provision', 'status'] as const;

export interface PlanHeader {
  title: string;
  /** The company's organisation id. */
  company: string;
  period: string;
}

/**
 * Writes the whole skeleton into an empty doc, in one transaction.
 * @example const doc = new Y.Doc(); createSkeleton(doc, { title: 'Plan 2027', company, period: '2027' });
 */
export function createSkeleton(doc: Y.Doc, header: PlanHeader): void {
  doc.transact(() => {
    const plan = doc.getMap(ROOT);
    plan.set('title', header.title);
    plan.set('company', header.company);
    plan.set('period', header.period);
    const categories = new Y.Map<Y.Array<Y.Map<unknown>>>();
    plan.set('categories', categories);
    for (const c of CATEGORIES) categories.set(c, new Y.Array<Y.Map<unknown>>());
  });
}

/** The root map. */
export const planMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT);

/** The array of one category (undefined if the skeleton is missing, which the shape check forbids). */
export function categoryArray(doc: Y.Doc, category: PlanCategory): Y.Array<Y.Map<unknown>> | undefined {
  const cats = planMap(doc).get('categories');
  if (!(cats instanceof Y.Map)) return undefined;
  const arr = cats.get(category);
  return arr instanceof Y.Array ? (arr as Y.Array<Y.Map<unknown>>) : undefined;
}
