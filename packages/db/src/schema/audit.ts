import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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

/**
 * The hash of every perfect subtree of the Merkle tree above the leaves: the 2^level entries from
 * seq idx·2^level (level ≥ 1; level 0 is `audit_entries.leaf_hash`). Written in the transaction of
 * the entry that completes it and never changed, so an inclusion or consistency proof reads O(log n)
 * rows instead of every leaf hash.
 */
export const auditNodes = sqliteTable(
  'audit_nodes',
  {
    level: integer().notNull(),
    idx: integer().notNull(),
    hash: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] })],
);
