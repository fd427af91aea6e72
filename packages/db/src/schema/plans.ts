import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organisations } from './organisations.ts';

/**
 * Action plans: one row per plan. The content lives in the Yjs update log below (the database is
 * the source of truth; a hub process's in-memory document is rebuilt from it).
 */
export const plans = sqliteTable(
  'plans',
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organisations.id),
    period: text().notNull(),
    /** The title at creation (the live title is in the document). */
    title: text().notNull(),
    createdAt: text().notNull(),
    createdBy: text().notNull(),
    archivedAt: text(),
    archivedBy: text(),
  },
  // A company's plans, and all plans of a period (progress), are the hot lists.
  (t) => [index('plans_org_idx').on(t.orgId, t.id), index('plans_period_idx').on(t.period)],
);

/**
 * The update log: every accepted Yjs update, written before it is broadcast. `seq` orders the
 * updates of all plans (and across hub processes); `actor` is the user id (or `hub`) it came from.
 */
export const planUpdates = sqliteTable(
  'plan_updates',
  {
    seq: integer().primaryKey({ autoIncrement: true }),
    planId: text()
      .notNull()
      .references(() => plans.id),
    update: blob({ mode: 'buffer' }).notNull(),
    actor: text().notNull(),
    createdAt: text().notNull(),
  },
  // Loading a plan reads its updates after its snapshot, in order.
  (t) => [index('plan_updates_plan_idx').on(t.planId, t.seq)],
);

/** The compacted state of a plan: every update up to `uptoSeq` merged into one. */
export const planSnapshots = sqliteTable('plan_snapshots', {
  planId: text()
    .primaryKey()
    .references(() => plans.id),
  uptoSeq: integer().notNull(),
  state: blob({ mode: 'buffer' }).notNull(),
  updatedAt: text().notNull(),
});

/** Who added, edited or removed which activity, kept for the updates that compaction merged away. */
export const planActivityEvents = sqliteTable(
  'plan_activity_events',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    planId: text()
      .notNull()
      .references(() => plans.id),
    /** The update the event came from. */
    seq: integer().notNull(),
    event: text({ mode: 'json' }).notNull().$type<Record<string, unknown>>(),
  },
  (t) => [index('plan_activity_events_plan_idx').on(t.planId, t.id)],
);

/** Named versions: the plan's full state when the version was taken (independent of compaction). */
export const planVersions = sqliteTable(
  'plan_versions',
  {
    id: text().primaryKey(),
    planId: text()
      .notNull()
      .references(() => plans.id),
    label: text().notNull(),
    createdAt: text().notNull(),
    createdBy: text().notNull(),
    state: blob({ mode: 'buffer' }).notNull(),
  },
  (t) => [index('plan_versions_plan_idx').on(t.planId, t.id)],
);
