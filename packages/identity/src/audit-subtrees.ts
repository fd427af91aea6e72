/**
 * The audit log's stored subtree hashes (`audit_nodes`): written as entries complete perfect
 * subtrees, read to build inclusion and consistency proofs in O(log n) rows. A subtree missing from
 * the table (a log from before the table existed) is computed once from its leaves and stored.
 */
import { CompactRange, hashFromHex, type SubtreeId, toHex } from '@ewto/audit';
import type { Database } from '@ewto/db';
import { auditEntries, auditNodes } from '@ewto/db/schema';
import { and, asc, eq, gte, inArray, lt, or } from 'drizzle-orm';
import { IdentityError } from './errors.ts';

export type NodeRow = typeof auditNodes.$inferInsert;

/** Rows per insert statement (3 variables each; well under SQLite's limit). */
const BATCH = 500;

/** Stores subtree hashes (idempotent: the same subtree always has the same hash). */
export async function storeNodes(db: Pick<Database, 'insert'>, rows: readonly NodeRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insert(auditNodes)
      .values(rows.slice(i, i + BATCH))
      .onConflictDoNothing();
}

const key = (id: SubtreeId) => `${id.level}:${id.index}`;

/**
 * The hashes of perfect subtrees (level 0: leaf hashes), as a lookup for `rangeRoot`. Reads the
 * stored rows in two queries; fills in any subtree not stored yet from its leaves.
 */
export async function subtreeHashes(
  db: Database,
  ids: readonly SubtreeId[],
): Promise<(id: SubtreeId) => Uint8Array> {
  const found = new Map<string, Uint8Array>();
  const seqs = ids.filter((id) => id.level === 0).map((id) => id.index);
  if (seqs.length)
    for (const r of await db
      .select({ seq: auditEntries.seq, leafHash: auditEntries.leafHash })
      .from(auditEntries)
      .where(inArray(auditEntries.seq, seqs)))
      found.set(`0:${r.seq}`, hashFromHex(r.leafHash));
  const nodes = ids.filter((id) => id.level > 0);
  if (nodes.length)
    for (const r of await db
      .select()
      .from(auditNodes)
      .where(or(...nodes.map((id) => and(eq(auditNodes.level, id.level), eq(auditNodes.idx, id.index))))))
      found.set(`${r.level}:${r.idx}`, hashFromHex(r.hash));
  for (const id of ids) if (!found.has(key(id))) found.set(key(id), await fillSubtree(db, id));
  return (id) => {
    const h = found.get(key(id));
    if (!h) throw new IdentityError('conflict', `audit subtree ${key(id)} was not read`);
    return h;
  };
}

/** Computes a subtree from its leaves, storing it and every subtree inside it; returns its hash. */
async function fillSubtree(db: Database, id: SubtreeId): Promise<Uint8Array> {
  const width = 2 ** id.level;
  const start = id.index * width;
  const rows = await db
    .select({ seq: auditEntries.seq, leafHash: auditEntries.leafHash })
    .from(auditEntries)
    .where(and(gte(auditEntries.seq, start), lt(auditEntries.seq, start + width)))
    .orderBy(asc(auditEntries.seq));
  if (rows.length !== width)
    throw new IdentityError(
      'conflict',
      `audit log has ${rows.length} of the ${width} entries from seq ${start} (a gap in the log)`,
    );
  const range = new CompactRange();
  const computed: NodeRow[] = [];
  for (const r of rows)
    range.append(hashFromHex(r.leafHash), (node, hash) =>
      computed.push({ level: node.level, idx: start / 2 ** node.level + node.index, hash: toHex(hash) }),
    );
  await storeNodes(db, computed);
  return range.root();
}
