import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organisations } from './organisations.ts';

/**
 * A company's policy as submitted for alignment: immutable (never updated), so the history of
 * scores over time is the list of submissions.
 */
export const policySubmissions = sqliteTable(
  'policy_submissions',
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organisations.id),
    submittedBy: text().notNull(),
    submittedAt: text().notNull(),
    /** The framework edition it was assessed against (resolved, never `latest`). */
    frameworkVersion: text().notNull(),
    mediaType: text().notNull(),
    /** The document exactly as submitted. */
    document: text().notNull(),
    /** The report's `summary.score` as it is (0-100, one decimal): one score, one rounding. */
    score: real().notNull(),
    /** The alignment report (schemas/alignment-report.schema.json) computed at submission. */
    report: text({ mode: 'json' }).notNull().$type<Record<string, unknown>>(),
  },
  // The history of one organisation, newest first, is the hot query.
  (t) => [index('policy_submissions_org_idx').on(t.orgId, t.submittedAt)],
);
