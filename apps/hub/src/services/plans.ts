/**
 * Action plans: the plan records, creating a plan with its skeleton as the first stored update,
 * listing, archiving, named versions. Content edits go through the collaboration server's store.
 */
import type { Database } from '@ewto/db';
import { plans, planUpdates, planVersions } from '@ewto/db/schema';
import { clampLimit, decodeCursor, encodeCursor, newId, nowIso, type Page } from '@ewto/identity';
import { createSkeleton } from '@ewto/plans';
import type { PlanSummary, PlanVersion } from '@ewto/schemas/generated/action-plan';
import { and, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import * as Y from 'yjs';
import type { PlanRecord } from '../collab/index.ts';

export type PlanRow = typeof plans.$inferSelect;

export const toRecord = (p: PlanRow): PlanRecord => ({
  id: p.id,
  orgId: p.orgId,
  period: p.period,
  archived: p.archivedAt !== null,
});

export const toSummary = (p: PlanRow): PlanSummary => ({
  id: p.id,
  company: p.orgId,
  period: p.period,
  title: p.title,
  archived: p.archivedAt !== null,
  createdAt: p.createdAt,
  createdBy: p.createdBy,
});

/** Creates the plan and stores its whole skeleton as its first update (pass a transaction: both or neither). */
export async function createPlan(
  db: Database,
  input: { orgId: string; period: string; title: string; createdBy: string },
): Promise<PlanRow> {
  const row: PlanRow = { id: newId(), ...input, createdAt: nowIso(), archivedAt: null, archivedBy: null };
  const doc = new Y.Doc();
  createSkeleton(doc, { title: input.title, company: input.orgId, period: input.period });
  const update = Buffer.from(Y.encodeStateAsUpdate(doc));
  doc.destroy();
  await db.insert(plans).values(row);
  await db
    .insert(planUpdates)
    .values({ planId: row.id, update, actor: input.createdBy, createdAt: row.createdAt });
  return row;
}

export async function getPlan(db: Database, id: string): Promise<PlanRow | undefined> {
  return (await db.select().from(plans).where(eq(plans.id, id)))[0];
}

/** Plans of the given organisations (all organisations when `orgIds` is undefined), newest first. */
export async function listPlans(
  db: Database,
  orgIds: string[] | undefined,
  { cursor, limit, period }: { cursor?: string; limit?: number; period?: string },
): Promise<Page<PlanSummary>> {
  const n = clampLimit(limit);
  if (orgIds && orgIds.length === 0) return { items: [], nextCursor: null };
  const rows = await db
    .select()
    .from(plans)
    .where(
      and(
        orgIds ? inArray(plans.orgId, orgIds) : undefined,
        cursor ? lt(plans.id, decodeCursor(cursor)!) : undefined,
        period ? eq(plans.period, period) : undefined,
      ),
    )
    .orderBy(desc(plans.id))
    .limit(n + 1);
  const items = rows.slice(0, n).map(toSummary);
  return { items, nextCursor: rows.length > n ? encodeCursor(items.at(-1)!.id) : null };
}

/** Every plan of a period (for progress), archived ones included. */
export async function plansOfPeriod(db: Database, period: string, orgIds?: string[]): Promise<PlanRow[]> {
  return db
    .select()
    .from(plans)
    .where(and(eq(plans.period, period), orgIds ? inArray(plans.orgId, orgIds) : undefined))
    .orderBy(plans.orgId, plans.id);
}

export async function archivePlan(db: Database, id: string, by: string): Promise<PlanRow> {
  await db
    .update(plans)
    .set({ archivedAt: nowIso(), archivedBy: by })
    .where(and(eq(plans.id, id), isNull(plans.archivedAt)));
  return (await getPlan(db, id))!;
}

const toVersion = (v: typeof planVersions.$inferSelect): PlanVersion => ({
  id: v.id,
  planId: v.planId,
  label: v.label,
  createdAt: v.createdAt,
  createdBy: v.createdBy,
});

export async function createVersion(
  db: Database,
  input: { planId: string; label: string; createdBy: string; state: Uint8Array },
): Promise<PlanVersion> {
  const row = { id: newId(), ...input, createdAt: nowIso(), state: Buffer.from(input.state) };
  await db.insert(planVersions).values(row);
  return toVersion(row);
}

export async function listVersions(
  db: Database,
  planId: string,
  { cursor, limit }: { cursor?: string; limit?: number },
): Promise<Page<PlanVersion>> {
  const n = clampLimit(limit);
  const rows = await db
    .select()
    .from(planVersions)
    .where(
      and(eq(planVersions.planId, planId), cursor ? lt(planVersions.id, decodeCursor(cursor)!) : undefined),
    )
    .orderBy(desc(planVersions.id))
    .limit(n + 1);
  const items = rows.slice(0, n).map(toVersion);
  return { items, nextCursor: rows.length > n ? encodeCursor(items.at(-1)!.id) : null };
}

/** A named version with its stored state. */
export async function getVersion(db: Database, planId: string, id: string) {
  const v = (
    await db
      .select()
      .from(planVersions)
      .where(and(eq(planVersions.planId, planId), eq(planVersions.id, id)))
  )[0];
  return v ? { ...toVersion(v), state: new Uint8Array(v.state) } : undefined;
}
