/** Policy submissions: immutable records of a company policy and the alignment report computed for it. */
import type { Database } from '@ewto/db';
import { policySubmissions } from '@ewto/db/schema';
import { clampLimit, decodeCursor, encodeCursor, newId, nowIso, type Page } from '@ewto/identity';
import { and, desc, eq, lt } from 'drizzle-orm';

export type Submission = typeof policySubmissions.$inferSelect;
export type SubmissionSummary = Omit<Submission, 'document' | 'report'> & { summary: unknown };

export async function storeSubmission(
  db: Database,
  input: Omit<Submission, 'id' | 'submittedAt'>,
): Promise<Submission> {
  const row: Submission = { ...input, id: newId(), submittedAt: nowIso() };
  await db.insert(policySubmissions).values(row);
  return row;
}

export async function getSubmission(
  db: Database,
  orgId: string,
  id: string,
): Promise<Submission | undefined> {
  const rows = await db
    .select()
    .from(policySubmissions)
    .where(and(eq(policySubmissions.orgId, orgId), eq(policySubmissions.id, id)));
  return rows[0];
}

/** The organisation's submissions, newest first: the score over time. */
export async function listSubmissions(
  db: Database,
  orgId: string,
  { cursor, limit }: { cursor?: string; limit?: number },
): Promise<Page<SubmissionSummary>> {
  const n = clampLimit(limit);
  const rows = await db
    .select()
    .from(policySubmissions)
    .where(
      and(
        eq(policySubmissions.orgId, orgId),
        cursor ? lt(policySubmissions.id, decodeCursor(cursor)!) : undefined,
      ),
    )
    .orderBy(desc(policySubmissions.id))
    .limit(n + 1);
  const items = rows.slice(0, n).map(({ document: _, report, ...rest }) => ({
    ...rest,
    summary: (report as { summary?: unknown }).summary ?? null,
  }));
  return { items, nextCursor: rows.length > n ? encodeCursor(items.at(-1)!.id) : null };
}
