/**
 * Shape checks: after an update is applied, the document must still have the layout of
 * docs/action-plans.md. The hub rejects (close 4400) an update that breaks it and rebuilds its
 * copy from the database, so a broken shape is never stored nor broadcast.
 */
import { INDICATOR_KINDS } from '@ewto/schemas';
import type * as Y from 'yjs';
import * as YT from 'yjs';
import { ACTIVITY_TEXT_KEYS, CATEGORIES, planMap, ROOT, STATUSES } from './layout.ts';

const DATE = /^([0-9]{4}-[0-9]{2}-[0-9]{2})?$/;
const PROVISION = /^PWF-[0-9]{3,}$/;

/**
 * The containers of the skeleton, by identity: a client that replaces one (sets a new map at
 * `categories`, a new array at a category key) breaks the shape even if the new container has
 * the right type.
 */
export interface Skeleton {
  categories: Y.Map<unknown>;
  arrays: Map<string, Y.Array<unknown>>;
}

/** Records the skeleton's containers of a doc that passed {@link checkShape}. */
export function captureSkeleton(doc: Y.Doc): Skeleton {
  const categories = planMap(doc).get('categories') as Y.Map<unknown>;
  const arrays = new Map<string, Y.Array<unknown>>();
  for (const c of CATEGORIES) arrays.set(c, categories.get(c) as Y.Array<unknown>);
  return { categories, arrays };
}

export interface ShapeExpectations {
  company: string;
  period: string;
  /** When given, the containers must be these very ones. */
  skeleton?: Skeleton | undefined;
}

/**
 * Returns what is wrong with the document's shape, or undefined when it is fine.
 * @example const problem = checkShape(doc, { company, period, skeleton }); if (problem) reject(problem);
 */
export function checkShape(doc: Y.Doc, expect: ShapeExpectations): string | undefined {
  for (const [name, type] of doc.share) {
    if (name === ROOT) continue;
    if (type._start !== null || type._map.size > 0) return `unknown top-level type "${name}"`;
  }
  const plan = planMap(doc);
  const title = plan.get('title');
  // Absent is allowed: a title update whose struct waits for a missing one (out-of-order delivery)
  // has already deleted the old value; the projection reads it as ''.
  if (title !== undefined && typeof title !== 'string') return 'plan.title must be a string';
  if (plan.get('company') !== expect.company) return 'plan.company may not change';
  if (plan.get('period') !== expect.period) return 'plan.period may not change';
  for (const key of plan.keys())
    if (!['title', 'company', 'period', 'categories'].includes(key)) return `unknown key plan.${key}`;
  const cats = plan.get('categories');
  if (!(cats instanceof YT.Map)) return 'plan.categories is missing or not a map';
  if (expect.skeleton && cats !== expect.skeleton.categories)
    return 'plan.categories was replaced (clients never create the skeleton)';
  for (const key of cats.keys())
    if (!(CATEGORIES as readonly string[]).includes(key)) return `unknown category "${key}"`;
  const ids = new Set<string>();
  for (const c of CATEGORIES) {
    const arr = cats.get(c);
    if (!(arr instanceof YT.Array)) return `category ${c} is missing or not an array`;
    if (expect.skeleton && arr !== expect.skeleton.arrays.get(c))
      return `category ${c} was replaced (clients never create the skeleton)`;
    let i = 0;
    for (const activity of arr) {
      const where = `${c}[${i++}]`;
      const problem = checkActivity(activity, where);
      if (problem) return problem;
      const id = (activity as Y.Map<unknown>).get('id') as string;
      if (ids.has(id)) return `${where}: duplicate activity id ${id}`;
      ids.add(id);
    }
  }
  return undefined;
}

function checkActivity(activity: unknown, where: string): string | undefined {
  if (!(activity instanceof YT.Map)) return `${where} must be a Y.Map activity`;
  const id = activity.get('id');
  if (typeof id !== 'string' || id === '') return `${where}: an activity needs a non-empty string id`;
  for (const key of ACTIVITY_TEXT_KEYS) {
    const v = activity.get(key);
    if (v !== undefined && typeof v !== 'string') return `${where}.${key} must be a string`;
  }
  const status = activity.get('status');
  if (status !== undefined && !(STATUSES as readonly unknown[]).includes(status))
    return `${where}.status must be one of ${STATUSES.join(', ')}`;
  const due = activity.get('due');
  if (typeof due === 'string' && !DATE.test(due)) return `${where}.due must be an ISO date (YYYY-MM-DD)`;
  const provision = activity.get('provision');
  if (typeof provision === 'string' && provision !== '' && !PROVISION.test(provision))
    return `${where}.provision must be a provision id like PWF-004`;
  const description = activity.get('description');
  if (description !== undefined && !(description instanceof YT.XmlFragment))
    return `${where}.description must be a Y.XmlFragment`;
  const indicators = activity.get('indicators');
  if (indicators !== undefined) {
    if (!(indicators instanceof YT.Array)) return `${where}.indicators must be a Y.Array`;
    let j = 0;
    for (const ind of indicators) {
      const w = `${where}.indicators[${j++}]`;
      if (!(ind instanceof YT.Map)) return `${w} must be a Y.Map`;
      const name = ind.get('name');
      if (name !== undefined && typeof name !== 'string') return `${w}.name must be a string`;
      const kind = ind.get('kind');
      if (kind !== undefined && !(INDICATOR_KINDS as readonly unknown[]).includes(kind))
        return `${w}.kind must be one of ${INDICATOR_KINDS.join(', ')} (or absent for a free-form indicator)`;
      for (const k of ['target', 'actual']) {
        const n = ind.get(k);
        if (n !== undefined && (typeof n !== 'number' || !Number.isFinite(n) || n < 0))
          return `${w}.${k} must be a non-negative number`;
      }
    }
  }
  return undefined;
}
