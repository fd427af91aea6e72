/**
 * The collaboration server: the update log, the loaded plans, the open connections, and the
 * recheck that makes a role change, a removed membership or a revoked token reach open
 * connections within a second. The hub wires the /collab upgrade to `connect`.
 */
import type { Database } from '@ewto/db';
import { plans } from '@ewto/db/schema';
import { type Actor, authorize, IdentityError } from '@ewto/identity';
import { inArray } from 'drizzle-orm';
import type { WebSocket } from 'ws';
import type { Logger } from '../log.ts';
import { type CollabCredential, Connection, type ConnectionLimits } from './connection.ts';
import { DocStore, type PlanRecord } from './doc-store.ts';
import { CLOSE } from './protocol.ts';
import { UpdateLog } from './update-log.ts';

export type { CollabCredential } from './connection.ts';
export type { PlanRecord } from './doc-store.ts';

export interface CollabOptions {
  db: Database;
  logger: Logger;
  limits: ConnectionLimits;
  groupCommitMs?: number;
  recheckMs?: number;
  compactAfter?: number;
}

/** What a credential may do with a plan now. */
export function planAccess(actor: Actor, plan: PlanRecord): 'write' | 'read' | 'none' {
  if (authorize(actor, 'plan.read', { orgId: plan.orgId, orgKind: 'company' }) !== 'allow') return 'none';
  return authorize(actor, 'plan.write', { orgId: plan.orgId, orgKind: 'company' }) === 'allow'
    ? 'write'
    : 'read';
}

export class Collab {
  readonly log: UpdateLog;
  readonly store: DocStore;
  readonly #db: Database;
  readonly #logger: Logger;
  readonly #limits: ConnectionLimits;
  readonly #connections = new Set<Connection>();
  readonly #timer: ReturnType<typeof setInterval>;
  #checking = false;

  constructor({ db, logger, limits, groupCommitMs, recheckMs = 500, compactAfter }: CollabOptions) {
    this.#db = db;
    this.#logger = logger;
    this.#limits = limits;
    this.log = new UpdateLog({ db, ...(groupCommitMs !== undefined ? { groupCommitMs } : {}) });
    this.store = new DocStore({
      log: this.log,
      logger,
      ...(compactAfter !== undefined ? { compactAfter } : {}),
    });
    this.#timer = setInterval(() => void this.recheck(), recheckMs);
    this.#timer.unref();
  }

  get connections(): number {
    return this.#connections.size;
  }

  /** Serves an upgraded websocket of an authenticated caller who may read the plan; feed it frames with `handle`. */
  connect(ws: WebSocket, plan: PlanRecord, credential: CollabCredential): Connection {
    const access = planAccess(credential.actor, plan);
    const conn = new Connection(ws, plan, credential, access === 'write', this.store, this.#limits, (c) =>
      this.#connections.delete(c),
    );
    this.#connections.add(conn);
    return conn;
  }

  /** Checks every open connection's credential and plan again (runs every `recheckMs`). */
  async recheck(): Promise<void> {
    if (this.#checking || this.#connections.size === 0) return;
    this.#checking = true;
    try {
      const byKey = new Map<string, Connection[]>();
      for (const c of this.#connections) {
        const list = byKey.get(c.credential.key) ?? [];
        list.push(c);
        byKey.set(c.credential.key, list);
      }
      const planIds = [...new Set([...this.#connections].map((c) => c.plan.id))];
      const rows = await this.#db
        .select({ id: plans.id, archivedAt: plans.archivedAt })
        .from(plans)
        .where(inArray(plans.id, planIds));
      const archived = new Map(rows.map((r) => [r.id, r.archivedAt !== null]));
      for (const room of this.store.rooms())
        if (archived.has(room.plan.id)) room.plan = { ...room.plan, archived: archived.get(room.plan.id)! };
      await Promise.all(
        [...byKey.values()].map(async (conns) => {
          const cred = conns[0]!.credential;
          let actor: Actor;
          try {
            actor = await cred.recheck();
          } catch (e) {
            if (!(e instanceof IdentityError)) throw e;
            const expired = cred.expiresAt !== undefined && cred.expiresAt <= Date.now();
            for (const c of conns)
              c.close(
                expired ? CLOSE.expired : CLOSE.revoked,
                expired ? 'access token expired' : 'access revoked',
              );
            return;
          }
          for (const c of conns) {
            c.credential = { ...c.credential, actor };
            const access = archived.has(c.plan.id) ? planAccess(actor, c.plan) : 'none';
            if (access === 'none') c.close(CLOSE.revoked, 'access revoked');
            else c.writable = access === 'write';
          }
        }),
      );
    } catch (e) {
      this.#logger.error('collab access recheck failed', { error: (e as Error).message });
    } finally {
      this.#checking = false;
    }
  }

  /** Closes every connection and waits until every accepted update is stored. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    for (const c of [...this.#connections]) c.close(1001, 'hub shutting down');
    await this.store.flush();
  }
}
