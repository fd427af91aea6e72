/**
 * The audit log's storage: entries appended as leaves of an RFC 6962 Merkle tree (the pure core is
 * @ewto/audit), signed checkpoints (tree size + root, JWS by the hub key), inclusion and
 * consistency proofs (O(log n): from the subtree hashes stored as entries complete them, see
 * audit-subtrees.ts). Appends keep the tree's compact range in memory (O(log n) per append); a
 * starting hub restores it from the latest checkpoint and reads only the leaves after it, and
 * appends from other hub processes are caught up inside the write transaction.
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type AuditEntry,
  CHECKPOINT_JWS_TYPE,
  CompactRange,
  checkpointFromTree,
  checkpointPayload,
  consistencyRanges,
  hashFromHex,
  inclusionRanges,
  pseudonymise,
  rangeRoot,
  sealEntry,
  subtreesOf,
  toHex,
} from '@ewto/audit';
import { type Database, runAsTransactionBody } from '@ewto/db';
import { auditCheckpoints, auditEntries, hubMeta } from '@ewto/db/schema';
import { and, asc, desc, eq, gt, gte } from 'drizzle-orm';
import type { Actor } from './actor.ts';
import { type NodeRow, storeNodes, subtreeHashes } from './audit-subtrees.ts';
import { IdentityError } from './errors.ts';
import { nowIso, randomSecret } from './ids.ts';
import type { HubKeyStore } from './keystore.ts';
import { clampLimit, decodeIntCursor, type Page, toPage } from './pagination.ts';

/** Who acted: a caller of the API, an operator running `ewto admin`, or the hub itself. */
export type AuditActorInput = Actor | { kind: 'operator' } | { kind: 'hub' };

export interface AuditEventInput {
  action: AuditEntry['action'];
  outcome: 'success' | 'failure' | 'denied';
  actor: AuditActorInput;
  orgId?: string | undefined;
  resource?: { type: string; id: string } | undefined;
  details?: Record<string, unknown>;
  requestId?: string | undefined;
}

/** Records an event inside `AuditLog.transaction`: written with the change, in the same commit. */
export type AuditRecorder = (event: AuditEventInput) => void;

export interface StoredEntry {
  seq: number;
  entry: Record<string, unknown>;
  leafHash: string;
}

export interface SignedCheckpoint {
  treeSize: number;
  rootHash: string;
  time: string;
  jws: string;
}

const SALT_KEY = 'audit.salt';

/**
 * Fault injection for the crash tests: called inside the write transaction, after the change and
 * just before its audit entries are written (a test kills the process here).
 */
export interface AuditFaults {
  beforeEntries?: (actions: readonly string[]) => void;
}

export class AuditLog {
  readonly #db: Database;
  readonly #keys: HubKeyStore;
  readonly #origin: string;
  #range = new CompactRange();
  #salt = '';
  #queue: Promise<unknown> = Promise.resolve();
  readonly #faults: AuditFaults;
  /** Set while a transaction's body runs, to refuse re-entrant calls that would deadlock. */
  readonly #inside = new AsyncLocalStorage<true>();

  constructor({
    db,
    keys,
    origin,
    faults = {},
  }: { db: Database; keys: HubKeyStore; origin: string; faults?: AuditFaults }) {
    this.#db = db;
    this.#keys = keys;
    this.#origin = origin;
    this.#faults = faults;
  }

  /** Loads the salt for pseudonyms and restores the tree from the latest checkpoint plus later leaves. */
  async init(): Promise<void> {
    const salt = await this.#db.select().from(hubMeta).where(eq(hubMeta.key, SALT_KEY));
    if (salt[0]) this.#salt = salt[0].value;
    else {
      this.#salt = randomSecret(32);
      await this.#db.insert(hubMeta).values({ key: SALT_KEY, value: this.#salt }).onConflictDoNothing();
      this.#salt = (await this.#db.select().from(hubMeta).where(eq(hubMeta.key, SALT_KEY)))[0]!.value;
    }
    const cp = (
      await this.#db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.treeSize)).limit(1)
    )[0];
    this.#range = cp ? CompactRange.fromJSON({ size: cp.treeSize, hashes: cp.frontier }) : new CompactRange();
    await this.#catchUp(this.#db);
  }

  /** Reads leaves appended (by any process) after what this process has, into the compact range. */
  async #catchUp(db: Pick<Database, 'select'>): Promise<void> {
    for (;;) {
      const rows = await db
        .select({ seq: auditEntries.seq, leafHash: auditEntries.leafHash })
        .from(auditEntries)
        .where(gte(auditEntries.seq, this.#range.size))
        .orderBy(asc(auditEntries.seq))
        .limit(5000);
      if (!rows.length) return;
      for (const r of rows) {
        if (r.seq !== this.#range.size)
          throw new IdentityError('conflict', `audit log has a gap before seq ${r.seq}`);
        this.#range.append(hashFromHex(r.leafHash));
      }
    }
  }

  /** Hex SHA-256 of the hub's secret salt and a personal value (email, IP): never stored in clear. */
  pseudonym(value: string): string {
    return pseudonymise(value, this.#salt);
  }

  /** Runs `fn` after everything queued before it: every change to the in-memory tree goes through here. */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#inside.getStore())
      return Promise.reject(
        new IdentityError(
          'conflict',
          'the audit log was called inside audit.transaction (it would wait for itself): use the record function the transaction gives you',
        ),
      );
    const run = this.#queue.then(fn);
    this.#queue = run.catch(() => {});
    return run;
  }

  /**
   * Runs a change and the audit entries it records in ONE write transaction: both are committed,
   * or neither. `fn` writes through `tx` (never through the database directly: the transaction
   * holds the write lock) and calls `record` for each event; the entries are appended after `fn`
   * returns, in the order recorded, just before the commit. Serialised in this process; the write
   * transaction orders appends across processes.
   * @example
   * const org = await audit.transaction(async (tx, record) => {
   *   const org = await createOrg(tx, input);
   *   record({ action: 'org.created', outcome: 'success', actor, orgId: org.id });
   *   return org;
   * });
   */
  transaction<T>(fn: (tx: Database, record: AuditRecorder) => Promise<T>): Promise<T> {
    return this.#serial(() => this.#transaction(fn));
  }

  /** Appends one event that changes nothing else (a denial, a failed sign-in, a read). */
  record(event: AuditEventInput): Promise<void> {
    return this.transaction(async (_tx, record) => record(event));
  }

  async #transaction<T>(fn: (tx: Database, record: AuditRecorder) => Promise<T>): Promise<T> {
    let grown: CompactRange | undefined;
    const result = await this.#db.transaction(async (tx) => {
      const events: AuditEventInput[] = [];
      let open = true;
      const out = await this.#inside.run(true, () =>
        runAsTransactionBody(() =>
          fn(tx, (event) => {
            if (!open)
              throw new IdentityError('conflict', 'record() called after the audited transaction ended');
            events.push(event);
          }),
        ),
      );
      open = false;
      if (!events.length) return out;
      this.#faults.beforeEntries?.(events.map((e) => e.action));
      // Leaves committed by other processes since our last append; they stay valid if we roll back.
      await this.#catchUp(tx);
      const next = this.#range.clone();
      const nodes: NodeRow[] = [];
      for (const event of events) {
        const sealed = sealEntry(this.#entry(next.size, event));
        await tx.insert(auditEntries).values({
          seq: sealed.entry.seq,
          entry: sealed.text,
          leafHash: sealed.leafHash,
          orgId: event.orgId ?? null,
          action: event.action,
          time: sealed.entry.time,
        });
        // The subtrees this entry completes are stored with it (proofs read them, never all leaves).
        next.append(hashFromHex(sealed.leafHash), (id, hash) =>
          nodes.push({ level: id.level, idx: id.index, hash: toHex(hash) }),
        );
      }
      await storeNodes(tx, nodes);
      grown = next;
      return out;
    });
    // Only what was committed joins the in-memory tree.
    if (grown) this.#range = grown;
    return result;
  }

  #entry(seq: number, e: AuditEventInput): AuditEntry {
    const a = e.actor;
    const actor: AuditEntry['actor'] =
      a.kind === 'user'
        ? { kind: 'user', userId: a.userId }
        : a.kind === 'client'
          ? { kind: 'client', clientId: a.clientId, orgId: a.orgId }
          : { kind: a.kind };
    return {
      seq,
      time: nowIso(),
      action: e.action,
      outcome: e.outcome,
      actor,
      ...(e.orgId ? { org: e.orgId } : {}),
      ...(e.resource ? { resource: e.resource } : {}),
      ...(e.requestId ? { requestId: e.requestId } : {}),
      details: (e.details ?? {}) as AuditEntry['details'],
    };
  }

  get size(): number {
    return this.#range.size;
  }

  /**
   * Signs and stores a checkpoint when the log grew since the last one; returns the latest. With
   * `resign`, signs one at the current size even if the log did not grow, replacing a checkpoint of
   * that size (after a key was marked compromised, so that a trusted checkpoint covers the log).
   */
  checkpoint({ resign = false }: { resign?: boolean } = {}): Promise<SignedCheckpoint | undefined> {
    return this.#serial(() => this.#checkpoint(resign));
  }

  async #checkpoint(resign: boolean): Promise<SignedCheckpoint | undefined> {
    await this.#catchUp(this.#db);
    // One snapshot: size, root and frontier of the same tree.
    const frontier = this.#range.toJSON();
    const size = frontier.size;
    const last = await this.latestCheckpoint();
    if (last && last.treeSize >= size && !resign) return last;
    if (size === 0) return undefined;
    // Sign with the key that is active now (another process may have rotated or marked one compromised).
    await this.#keys.reload();
    const body = checkpointFromTree({ origin: this.#origin, tree: CompactRange.fromJSON(frontier) });
    const { rootHash, time } = body;
    const jws = await this.#keys.signBytes(checkpointPayload(body), CHECKPOINT_JWS_TYPE);
    const insert = this.#db
      .insert(auditCheckpoints)
      .values({ treeSize: size, rootHash, time, jws, frontier: frontier.hashes });
    await (resign
      ? insert.onConflictDoUpdate({ target: auditCheckpoints.treeSize, set: { rootHash, time, jws } })
      : insert.onConflictDoNothing());
    return { treeSize: size, rootHash, time, jws };
  }

  async latestCheckpoint(): Promise<SignedCheckpoint | undefined> {
    const row = (
      await this.#db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.treeSize)).limit(1)
    )[0];
    return row && { treeSize: row.treeSize, rootHash: row.rootHash, time: row.time, jws: row.jws };
  }

  async listCheckpoints({
    cursor,
    limit,
  }: {
    cursor?: string;
    limit?: number;
  }): Promise<Page<SignedCheckpoint>> {
    const n = clampLimit(limit);
    const after = decodeIntCursor(cursor) ?? -1;
    const rows = await this.#db
      .select({
        treeSize: auditCheckpoints.treeSize,
        rootHash: auditCheckpoints.rootHash,
        time: auditCheckpoints.time,
        jws: auditCheckpoints.jws,
      })
      .from(auditCheckpoints)
      .where(gt(auditCheckpoints.treeSize, after))
      .orderBy(asc(auditCheckpoints.treeSize))
      .limit(n + 1);
    return toPage(rows, n, (r) => String(r.treeSize));
  }

  /** Entries in seq order; `orgId` restricts to the entries about one organisation. */
  async listEntries({
    cursor,
    limit,
    orgId,
  }: {
    cursor?: string;
    limit?: number;
    orgId?: string;
  }): Promise<Page<StoredEntry>> {
    const n = clampLimit(limit ?? 200);
    const after = decodeIntCursor(cursor) ?? -1;
    const rows = await this.#db
      .select()
      .from(auditEntries)
      .where(and(gt(auditEntries.seq, after), orgId ? eq(auditEntries.orgId, orgId) : undefined))
      .orderBy(asc(auditEntries.seq))
      .limit(n + 1);
    return toPage(
      rows.map((r) => ({
        seq: r.seq,
        entry: JSON.parse(r.entry) as Record<string, unknown>,
        leafHash: r.leafHash,
      })),
      n,
      (r) => String(r.seq),
    );
  }

  async getEntry(seq: number): Promise<StoredEntry | undefined> {
    const r = (await this.#db.select().from(auditEntries).where(eq(auditEntries.seq, seq)))[0];
    return r && { seq: r.seq, entry: JSON.parse(r.entry), leafHash: r.leafHash };
  }

  async #checkSize(treeSize: number): Promise<void> {
    await this.#serial(() => this.#catchUp(this.#db));
    if (!Number.isInteger(treeSize) || treeSize < 1 || treeSize > this.#range.size)
      throw new IdentityError('invalid', `treeSize must be from 1 to ${this.#range.size}`);
  }

  /** Inclusion proof of entry `seq` in the tree of `treeSize` leaves. */
  async inclusion(seq: number, treeSize: number) {
    await this.#checkSize(treeSize);
    if (!Number.isInteger(seq) || seq < 0 || seq >= treeSize)
      throw new IdentityError('invalid', `seq must be from 0 to ${treeSize - 1}`);
    const ranges = inclusionRanges(seq, treeSize);
    const leaf = { level: 0, index: seq };
    const hashOf = await subtreeHashes(this.#db, [leaf, ...subtreesOf(ranges)]);
    return {
      seq,
      treeSize,
      leafHash: toHex(hashOf(leaf)),
      proof: ranges.map(([start, end]) => toHex(rangeRoot(start, end, hashOf))),
    };
  }

  /** Consistency proof between two tree sizes. */
  async consistency(fromSize: number, toSize: number) {
    await this.#checkSize(toSize);
    if (!Number.isInteger(fromSize) || fromSize < 1 || fromSize > toSize)
      throw new IdentityError('invalid', `from must be from 1 to ${toSize}`);
    const ranges = consistencyRanges(fromSize, toSize);
    const hashOf = await subtreeHashes(this.#db, subtreesOf(ranges));
    return { fromSize, toSize, proof: ranges.map(([start, end]) => toHex(rangeRoot(start, end, hashOf))) };
  }
}
