/**
 * Storage of the intelligence exchange: publications, deliveries (the inboxes) and receipts.
 * Writes take the transaction of `audited()`, so each change commits with its audit entry.
 */
import type { Database } from '@ewto/db';
import {
  clientKeys,
  intelDeliveries,
  intelPublications,
  organisations,
  taskforceMembers,
} from '@ewto/db/schema';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';

export type PublicationRow = typeof intelPublications.$inferSelect;
export type DeliveryRow = typeof intelDeliveries.$inferSelect;
export type NewDelivery = Omit<DeliveryRow, 'seq' | 'fetchedAt' | 'receiptAt' | 'receipt'>;

/** Rows per insert statement (SQLite allows 32,766 bound values; a delivery has 10 columns). */
const CHUNK = 500;

export async function insertPublication(
  tx: Database,
  publication: PublicationRow,
  deliveries: readonly NewDelivery[],
): Promise<void> {
  await tx.insert(intelPublications).values(publication);
  await insertDeliveries(tx, deliveries);
}

/** Stores deliveries in the given order: each gets the next inbox seq. */
export async function insertDeliveries(tx: Database, deliveries: readonly NewDelivery[]): Promise<void> {
  for (let i = 0; i < deliveries.length; i += CHUNK)
    await tx.insert(intelDeliveries).values(deliveries.slice(i, i + CHUNK) as NewDelivery[]);
}

export async function findByIdempotencyKey(
  db: Database,
  authorOrgId: string,
  key: string,
): Promise<PublicationRow | undefined> {
  return (
    await db
      .select()
      .from(intelPublications)
      .where(and(eq(intelPublications.authorOrgId, authorOrgId), eq(intelPublications.idempotencyKey, key)))
  )[0];
}

export async function getPublication(db: Database, id: string): Promise<PublicationRow | undefined> {
  return (await db.select().from(intelPublications).where(eq(intelPublications.id, id)))[0];
}

/** Publications of the given author organisations, newest first. */
export async function listPublications(
  db: Database,
  authorOrgIds: readonly string[],
  { before, limit }: { before?: string | undefined; limit: number },
): Promise<PublicationRow[]> {
  if (!authorOrgIds.length) return [];
  return db
    .select()
    .from(intelPublications)
    .where(
      and(
        inArray(intelPublications.authorOrgId, [...authorOrgIds]),
        before ? lt(intelPublications.id, before) : undefined,
      ),
    )
    .orderBy(desc(intelPublications.id))
    .limit(limit);
}

export async function deliveriesOf(db: Database, publicationId: string): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(intelDeliveries)
    .where(eq(intelDeliveries.publicationId, publicationId))
    .orderBy(asc(intelDeliveries.seq));
}

export async function getDelivery(db: Database, id: string): Promise<DeliveryRow | undefined> {
  return (await db.select().from(intelDeliveries).where(eq(intelDeliveries.id, id)))[0];
}

/** One page of the agencies' inbox: deliveries after `afterSeq`, in seq order. */
export async function inboxPage(
  db: Database,
  agencyIds: readonly string[],
  afterSeq: number,
  limit: number,
): Promise<DeliveryRow[]> {
  if (!agencyIds.length) return [];
  return db
    .select()
    .from(intelDeliveries)
    .where(and(inArray(intelDeliveries.recipientOrgId, [...agencyIds]), gt(intelDeliveries.seq, afterSeq)))
    .orderBy(asc(intelDeliveries.seq))
    .limit(limit);
}

/** Records the first fetch of a delivery. */
export async function markFetched(tx: Database, id: string, at: string): Promise<void> {
  await tx
    .update(intelDeliveries)
    .set({ fetchedAt: at })
    .where(and(eq(intelDeliveries.id, id), isNull(intelDeliveries.fetchedAt)));
}

export async function storeReceipt(tx: Database, id: string, receipt: string, at: string): Promise<void> {
  await tx
    .update(intelDeliveries)
    .set({ receipt, receiptAt: at })
    .where(and(eq(intelDeliveries.id, id), isNull(intelDeliveries.receiptAt)));
}

export async function markRetracted(tx: Database, id: string, reason: string, at: string): Promise<boolean> {
  const rows = await tx
    .update(intelPublications)
    .set({ retractedAt: at, retractionReason: reason })
    .where(and(eq(intelPublications.id, id), isNull(intelPublications.retractedAt)))
    .returning({ id: intelPublications.id });
  return rows.length === 1;
}

export async function retractedPublications(
  db: Database,
): Promise<Array<{ id: string; retractedAt: string }>> {
  const rows = await db
    .select({ id: intelPublications.id, retractedAt: intelPublications.retractedAt })
    .from(intelPublications)
    .where(isNotNull(intelPublications.retractedAt))
    .orderBy(asc(intelPublications.retractedAt));
  return rows as Array<{ id: string; retractedAt: string }>;
}

/** The newest registered, unrevoked key of each agency for `use`. */
export async function agencyKeys(
  db: Database,
  agencyIds: readonly string[],
  use: 'sig' | 'enc',
): Promise<Map<string, { kid: string; publicJwk: Record<string, string> }>> {
  const out = new Map<string, { kid: string; publicJwk: Record<string, string> }>();
  if (!agencyIds.length) return out;
  const rows = await db
    .select()
    .from(clientKeys)
    .where(
      and(inArray(clientKeys.orgId, [...agencyIds]), eq(clientKeys.use, use), isNull(clientKeys.revokedAt)),
    )
    .orderBy(asc(clientKeys.createdAt));
  for (const r of rows) out.set(r.orgId, { kid: r.kid, publicJwk: r.publicJwk });
  return out;
}

/** An agency's registered, unrevoked signing key by kid. */
export async function agencySigningKey(
  db: Database,
  agencyId: string,
  kid: string,
): Promise<Record<string, string> | undefined> {
  const row = (
    await db
      .select()
      .from(clientKeys)
      .where(
        and(
          eq(clientKeys.kid, kid),
          eq(clientKeys.orgId, agencyId),
          eq(clientKeys.use, 'sig'),
          isNull(clientKeys.revokedAt),
        ),
      )
  )[0];
  return row?.publicJwk;
}

export type OrgRow = typeof organisations.$inferSelect;

/** The organisations named by ids or slugs, in one query (a publish may name hundreds). */
export async function findOrgs(db: Database, refs: readonly string[]): Promise<Map<string, OrgRow>> {
  const out = new Map<string, OrgRow>();
  if (!refs.length) return out;
  const rows = await db
    .select()
    .from(organisations)
    .where(or(inArray(organisations.id, [...refs]), inArray(organisations.slug, [...refs])));
  for (const r of rows) {
    out.set(r.id, r);
    out.set(r.slug, r);
  }
  return out;
}

/** Each taskforce's member agencies (sorted), in one query. */
export async function taskforceAgencies(
  db: Database,
  taskforceIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(taskforceIds.map((id) => [id, []]));
  if (!taskforceIds.length) return out;
  const rows = await db
    .select()
    .from(taskforceMembers)
    .where(inArray(taskforceMembers.taskforceId, [...taskforceIds]));
  for (const r of rows) out.get(r.taskforceId)?.push(r.agencyId);
  for (const list of out.values()) list.sort();
  return out;
}
