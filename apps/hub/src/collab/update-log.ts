/**
 * The plans' storage: the update log with group commit, consistent loads (snapshot + later
 * updates), background compaction into snapshots (keeping who changed which activity), named
 * versions. The database is the source of truth; nothing here keeps state a restart would need.
 */
import type { Database } from '@ewto/db';
import { planActivityEvents, planUpdates } from '@ewto/db/schema';
import { activityState, diffActivities } from '@ewto/plans';
import type { ActivityEvent } from '@ewto/schemas/generated/action-plan';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import * as Y from 'yjs';

interface Pending {
  row: typeof planUpdates.$inferInsert;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export interface StoredUpdate {
  seq: number;
  update: Uint8Array;
  actor: string;
  createdAt: string;
}

/** Rows per INSERT statement (5 bound values each, well under SQLite's variable limit). */
const ROWS_PER_STATEMENT = 200;

export class UpdateLog {
  readonly #db: Database;
  readonly #windowMs: number;
  #queue: Pending[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  #idle: Array<() => void> = [];

  constructor({ db, groupCommitMs = 2 }: { db: Database; groupCommitMs?: number }) {
    this.#db = db;
    this.#windowMs = groupCommitMs;
  }

  /**
   * Stores one update; resolves once it is committed. Updates appended within the group-commit
   * window (and while a write is under way) are committed together, in order.
   */
  append(planId: string, update: Uint8Array, actor: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({
        row: { planId, update: Buffer.from(update), actor, createdAt: new Date().toISOString() },
        resolve,
        reject,
      });
      this.#schedule();
    });
  }

  #schedule() {
    if (this.#running || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#run();
    }, this.#windowMs);
  }

  async #run() {
    this.#running = true;
    while (this.#queue.length) {
      const batch = this.#queue.splice(0, 2000);
      try {
        // One transaction for the whole batch: all of it is stored, or none.
        await retryBusy(() =>
          this.#db.transaction(async (tx) => {
            for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT)
              await tx.insert(planUpdates).values(batch.slice(i, i + ROWS_PER_STATEMENT).map((p) => p.row));
          }),
        );
        for (const p of batch) p.resolve();
      } catch (e) {
        for (const p of batch) p.reject(e);
      }
    }
    this.#running = false;
    for (const f of this.#idle.splice(0)) f();
  }

  /** Writes one update in the caller's transaction (a change the hub makes, with its audit entry). */
  static async appendIn(tx: Database, planId: string, update: Uint8Array, actor: string): Promise<void> {
    await tx
      .insert(planUpdates)
      .values({ planId, update: Buffer.from(update), actor, createdAt: new Date().toISOString() });
  }

  /** Resolves when everything appended so far is written (or failed). */
  drained(): Promise<void> {
    if (!this.#running && !this.#timer && this.#queue.length === 0) return Promise.resolve();
    return new Promise((r) => this.#idle.push(r));
  }

  /**
   * The plan's stored state: its snapshot and the updates after it. One statement, so one
   * consistent read (a compaction commits entirely before or after it), also on libsql's
   * in-memory databases, where a transaction would hand other queries a fresh connection.
   */
  async load(
    planId: string,
  ): Promise<{ snapshot?: Uint8Array; snapshotSeq: number; updates: StoredUpdate[] }> {
    const rows = await retryBusy(() =>
      this.#db.all<{ kind: number; seq: number; data: ArrayBuffer; actor: string; at: string }>(sql`
      select 0 as kind, upto_seq as seq, state as data, '' as actor, updated_at as at
        from plan_snapshots where plan_id = ${planId}
      union all
      select 1 as kind, seq, "update" as data, actor, created_at as at
        from plan_updates
        where plan_id = ${planId}
          and seq > coalesce((select upto_seq from plan_snapshots where plan_id = ${planId}), 0)
      order by kind, seq`),
    );
    const snap = rows[0]?.kind === 0 ? rows[0] : undefined;
    return {
      ...(snap ? { snapshot: new Uint8Array(snap.data) } : {}),
      snapshotSeq: snap?.seq ?? 0,
      updates: rows
        .filter((r) => r.kind === 1)
        .map((r) => ({ seq: r.seq, update: new Uint8Array(r.data), actor: r.actor, createdAt: r.at })),
    };
  }

  /** A fresh doc holding the plan's stored state. */
  async loadDoc(planId: string): Promise<{ doc: Y.Doc; updateCount: number }> {
    const { snapshot, updates } = await this.load(planId);
    const doc = new Y.Doc();
    doc.transact(() => {
      if (snapshot) Y.applyUpdate(doc, snapshot);
      for (const u of updates) Y.applyUpdate(doc, u.update);
    });
    return { doc, updateCount: updates.length };
  }

  /**
   * Who changed which activity: events kept by compaction, then those of the updates after it.
   * The log is read first: the events kept up to its snapshot were committed with (or before) that
   * snapshot, so a compaction running between the two reads neither hides nor repeats an event.
   */
  async activity(planId: string): Promise<ActivityEvent[]> {
    const { snapshot, snapshotSeq, updates } = await this.load(planId);
    const kept = await this.#db
      .select()
      .from(planActivityEvents)
      .where(and(eq(planActivityEvents.planId, planId), lte(planActivityEvents.seq, snapshotSeq)))
      .orderBy(asc(planActivityEvents.id));
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, snapshot);
    return [
      ...kept.map((k) => k.event as unknown as ActivityEvent),
      ...replay(doc, updates).map((e) => e.event),
    ];
  }

  /**
   * Merges the plan's updates into its snapshot, recording who changed which activity first.
   * Runs beside editors: it reads the log, computes, and commits only if no other process
   * compacted meanwhile. Returns how many updates were merged.
   */
  async compact(planId: string): Promise<number> {
    const { snapshot, snapshotSeq, updates } = await this.load(planId);
    if (updates.length === 0) return 0;
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, snapshot);
    const events = replay(doc, updates);
    const upto = updates.at(-1)!.seq;
    // Includes structs still waiting for a missing dependency (Yjs merges its pending structs in).
    const state = Buffer.from(Y.encodeStateAsUpdate(doc));
    const now = new Date().toISOString();
    // One transaction; every statement holds only if no other process compacted since we read,
    // so a lost race changes nothing.
    const unchanged = sql`coalesce((select upto_seq from plan_snapshots where plan_id = ${planId}), 0) = ${snapshotSeq}`;
    const statements = events.map(
      (e) => sql`insert into plan_activity_events (plan_id, seq, event)
        select ${planId}, ${e.seq}, ${JSON.stringify(e.event)} where ${unchanged}`,
    );
    statements.push(
      sql`insert into plan_snapshots (plan_id, upto_seq, state, updated_at)
        select ${planId}, ${upto}, ${state}, ${now} where ${unchanged}
        on conflict (plan_id) do update set upto_seq = excluded.upto_seq, state = excluded.state, updated_at = excluded.updated_at`,
      sql`delete from plan_updates where plan_id = ${planId} and seq <= ${upto}
        and (select upto_seq from plan_snapshots where plan_id = ${planId}) = ${upto}`,
    );
    await retryBusy(() =>
      this.#db.transaction(async (tx) => {
        for (const q of statements) await tx.run(q);
      }),
    );
    const after = await this.load(planId);
    return after.snapshotSeq === upto ? updates.length : 0;
  }
}

const BUSY = new Set(['TRANSACTION_ACTIVE', 'SQLITE_BUSY', 'SQLITE_LOCKED']);

/**
 * Retries while the database is busy: another process holds the write lock, or (single-connection
 * in-memory databases) another transaction of this process holds the connection. Up to ~5 s.
 */
async function retryBusy<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const code =
        (e as { code?: string }).code ?? ((e as Error).cause as { code?: string } | undefined)?.code;
      if (!code || !BUSY.has(code) || attempt >= 500) throw e;
      await new Promise((r) => setTimeout(r, 2 + Math.min(attempt, 8)));
    }
  }
}

function replay(doc: Y.Doc, updates: StoredUpdate[]): Array<{ seq: number; event: ActivityEvent }> {
  const out: Array<{ seq: number; event: ActivityEvent }> = [];
  let state = activityState(doc);
  for (const u of updates) {
    Y.applyUpdate(doc, u.update);
    const next = activityState(doc);
    for (const event of diffActivities(state, next, { by: u.actor, at: u.createdAt }))
      out.push({ seq: u.seq, event });
    state = next;
  }
  return out;
}
