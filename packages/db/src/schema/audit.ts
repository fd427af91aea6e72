import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The append-only audit log: one row per leaf of the RFC 6962 Merkle tree. */
export const auditEntries = sqliteTable(
  'audit_entries',
  {
    seq: integer().primaryKey(),
    /** The canonical JSON (RFC 8785) of the entry: the leaf data. */
    entry: text().notNull(),
    leafHash: text().notNull(),
    /** The organisation the event is about: organisation admins read only their own. */
    orgId: text(),
    action: text().notNull(),
    time: text().notNull(),
  },
  (t) => [index('audit_entries_org_idx').on(t.orgId, t.seq)],
);

/** Signed tree heads, written at least every AUDIT_CHECKPOINT_INTERVAL while the log grows. */
export const auditCheckpoints = sqliteTable('audit_checkpoints', {
  treeSize: integer().primaryKey(),
  rootHash: text().notNull(),
  time: text().notNull(),
  jws: text().notNull(),
  /** The compact range (Merkle frontier) at this size, so a starting hub reads only the leaves after it. */
  frontier: text({ mode: 'json' }).notNull().$type<string[]>(),
});
