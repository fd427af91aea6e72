/**
 * Edits the hub makes to a plan on someone's behalf (activities from a submission's gaps, restoring
 * a named version). Each runs in one transaction on a doc that holds the skeleton, so it becomes
 * one update, stored and broadcast like any client's.
 */
import type { ActivityStatus, PlanCategory } from '@ewto/schemas/generated/action-plan';
import * as Y from 'yjs';
import { CATEGORIES, categoryArray, planMap } from './layout.ts';
import { writeParagraphs } from './markdown.ts';
import { projectActivity } from './projection.ts';

export interface NewActivity {
  id: string;
  title: string;
  owner?: string;
  due?: string;
  provision?: string;
  status?: ActivityStatus;
  /** Plain text; each line becomes a paragraph. */
  description?: string;
}

/**
 * Appends activities to a category.
 * @example addActivities(doc, 'policy', [{ id: crypto.randomUUID(), title: 'Cover PWF-004' }])
 */
export function addActivities(doc: Y.Doc, category: PlanCategory, items: NewActivity[]): void {
  const arr = categoryArray(doc, category);
  if (!arr) throw new Error(`plan has no ${category} category`);
  doc.transact(() => {
    for (const a of items) {
      const m = new Y.Map<unknown>();
      m.set('id', a.id);
      m.set('title', a.title);
      m.set('owner', a.owner ?? '');
      m.set('due', a.due ?? '');
      if (a.provision) m.set('provision', a.provision);
      m.set('status', a.status ?? 'planned');
      const description = new Y.XmlFragment();
      m.set('description', description);
      m.set('indicators', new Y.Array());
      arr.push([m]);
      if (a.description) writeParagraphs(description, a.description);
    }
  });
}

/** The provisions that already have an activity (in any category). */
export function provisionsWithActivities(doc: Y.Doc): Set<string> {
  const out = new Set<string>();
  for (const c of CATEGORIES)
    for (const a of categoryArray(doc, c)?.toArray() ?? []) {
      const p = a instanceof Y.Map ? a.get('provision') : undefined;
      if (typeof p === 'string' && p) out.add(p);
    }
  return out;
}

/** A deep copy of a Yjs value (maps, arrays, XML) that can be inserted into another doc. */
function copy(v: unknown): unknown {
  if (v instanceof Y.AbstractType) return v.clone();
  return v;
}

/**
 * Makes `doc` read like `version` (another doc of the same plan), as edits on top of what is
 * there, so the history is kept: changed activities are replaced, missing ones added back, extra
 * ones removed; the title is set back. The skeleton stays.
 */
export function restoreFrom(doc: Y.Doc, version: Y.Doc): void {
  doc.transact(() => {
    const title = planMap(version).get('title');
    if (typeof title === 'string' && planMap(doc).get('title') !== title) planMap(doc).set('title', title);
    for (const c of CATEGORIES) {
      const target = categoryArray(doc, c)!;
      const wanted = (categoryArray(version, c)?.toArray() ?? []).filter(
        (a): a is Y.Map<unknown> => a instanceof Y.Map,
      );
      const current = target.toArray();
      const same =
        current.length === wanted.length &&
        current.every(
          (a, i) =>
            a instanceof Y.Map &&
            JSON.stringify(projectActivity(a)) === JSON.stringify(projectActivity(wanted[i]!)),
        );
      if (same) continue;
      target.delete(0, target.length);
      target.insert(
        0,
        wanted.map((a) => {
          const m = new Y.Map<unknown>();
          for (const [k, v] of a.entries()) m.set(k, copy(v));
          return m;
        }),
      );
    }
  });
}
