/**
 * Who added, edited or removed which activity: the hub replays the stored updates one by one and
 * compares what each activity reads as before and after (`diffActivities`).
 */
import type { ActivityEvent, PlanCategory } from '@ewto/schemas/generated/action-plan';
import * as Y from 'yjs';
import { CATEGORIES, categoryArray } from './layout.ts';
import { projectActivity } from './projection.ts';

/** Each activity's category, title and fields (as JSON text), by id. */
export type ActivityState = Map<
  string,
  { category: PlanCategory; title: string; fields: Map<string, string> }
>;

/** Reads the activities of a doc. */
export function activityState(doc: Y.Doc): ActivityState {
  const out: ActivityState = new Map();
  for (const c of CATEGORIES)
    for (const a of categoryArray(doc, c)?.toArray() ?? []) {
      if (!(a instanceof Y.Map)) continue;
      const p = projectActivity(a);
      const fields = new Map(Object.entries(p).map(([k, v]) => [k, JSON.stringify(v)]));
      out.set(p.id, { category: c, title: p.title, fields });
    }
  return out;
}

/**
 * What changed between two states, attributed to `by` at `at`.
 * @example diffActivities(before, after, { by: userId, at })
 */
export function diffActivities(
  before: ActivityState,
  after: ActivityState,
  { by, at }: { by: string; at: string },
): ActivityEvent[] {
  const events: ActivityEvent[] = [];
  for (const [id, a] of after) {
    const b = before.get(id);
    if (!b) {
      events.push({ at, by, change: 'added', activityId: id, category: a.category, title: a.title });
      continue;
    }
    const fields = [...a.fields.keys()].filter((k) => a.fields.get(k) !== b.fields.get(k));
    if (b.category !== a.category) fields.push('category');
    if (fields.length)
      events.push({ at, by, change: 'edited', activityId: id, category: a.category, title: a.title, fields });
  }
  for (const [id, b] of before)
    if (!after.has(id))
      events.push({ at, by, change: 'removed', activityId: id, category: b.category, title: b.title });
  return events;
}

/**
 * Merges consecutive edits of one activity by one person into one event (the fields united, the
 * time of the last), so typing a paragraph reads as one edit.
 */
export function coalesceEvents(events: ActivityEvent[]): ActivityEvent[] {
  const out: ActivityEvent[] = [];
  for (const e of events) {
    const prev = out.at(-1);
    if (
      prev &&
      e.change === 'edited' &&
      prev.change !== 'removed' &&
      prev.by === e.by &&
      prev.activityId === e.activityId
    ) {
      prev.at = e.at;
      prev.title = e.title;
      if (prev.change === 'edited') prev.fields = [...new Set([...(prev.fields ?? []), ...(e.fields ?? [])])];
      continue;
    }
    out.push({ ...e });
  }
  return out;
}

/**
 * Replays updates into `doc` (which holds the state before them) and returns the events.
 * @example replayAttributed(doc, rows.map((r) => ({ update: r.update, by: r.userId, at: r.createdAt })))
 */
export function replayAttributed(
  doc: Y.Doc,
  updates: Array<{ update: Uint8Array; by: string; at: string }>,
): ActivityEvent[] {
  const events: ActivityEvent[] = [];
  let state = activityState(doc);
  for (const u of updates) {
    Y.applyUpdate(doc, u.update);
    const next = activityState(doc);
    events.push(...diffActivities(state, next, u));
    state = next;
  }
  return events;
}
