/**
 * Loaded plans ("rooms"): the in-memory Y.Doc of each plan with open connections, rebuilt from the
 * database whenever in doubt. An accepted update is applied, checked for shape, written through
 * the update log (group commit), and only then sent to anyone: to the other connections, and in
 * the sync reply to a connection that asks. A rejected update (malformed, shape-breaking) closes
 * its connection with 4400 and the room is rebuilt from the database plus the accepted updates
 * not yet stored, so nothing of it survives anywhere.
 */
import { captureSkeleton, checkShape, PlanError, type Skeleton } from '@ewto/plans';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import {
  CLOSE,
  encodeAwareness,
  encodeAwarenessStates,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  hasNews,
  type Incoming,
} from './protocol.ts';
import type { UpdateLog } from './update-log.ts';

export interface PlanRecord {
  id: string;
  orgId: string;
  period: string;
  archived: boolean;
}

/** A connection, as a room sees it. */
export interface Peer {
  /** Who edits through it (user id), for the update log. */
  readonly actorId: string;
  canWrite(): boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Updates of this peer accepted but not yet stored (bounds memory: the peer is paused above a limit). */
  inflight: number;
  pause(): void;
  resume(): void;
  /** Awareness client ids this peer announced (removed when it leaves). */
  awarenessIds: Set<number>;
}

const MAX_INFLIGHT = 256;

/** Writes one update durably; resolves once committed. */
export type Persist = (update: Uint8Array) => Promise<void>;

export class Room {
  doc!: Y.Doc;
  skeleton!: Skeleton;
  readonly awareness = new awarenessProtocol.Awareness(new Y.Doc());
  readonly peers = new Set<Peer>();
  /** Accepted updates not yet stored, in order. */
  readonly pending: Uint8Array[] = [];
  /** Resolves when every update accepted so far is stored. */
  lastStored: Promise<void> = Promise.resolve();
  /** Loading or rebuilding: incoming work waits in `queue`. */
  busy = true;
  readonly queue: Array<() => void> = [];
  /** REST edits in progress (they keep the room loaded). */
  refs = 0;
  sinceCompaction = 0;
  compacting = false;
  /** Settles when loaded (or rebuilt); never rejects — a failure is kept in `failed`. */
  ready: Promise<void>;
  failed: Error | undefined;

  constructor(public plan: PlanRecord) {
    this.awareness.setLocalState(null);
    this.ready = Promise.resolve();
  }

  /** Runs `fn` now, or after the room is loaded / rebuilt. */
  run(fn: () => void) {
    if (this.busy) this.queue.push(fn);
    else fn();
  }
}

export interface DocStoreOptions {
  log: UpdateLog;
  logger: Logger;
  compactAfter?: number;
}

export class DocStore {
  readonly #rooms = new Map<string, Room>();
  readonly #log: UpdateLog;
  readonly #logger: Logger;
  readonly #compactAfter: number;

  constructor({ log, logger, compactAfter = 500 }: DocStoreOptions) {
    this.#log = log;
    this.#logger = logger;
    this.#compactAfter = compactAfter;
  }

  /** Plans loaded in this process. */
  get loaded(): number {
    return this.#rooms.size;
  }

  rooms(): IterableIterator<Room> {
    return this.#rooms.values();
  }

  /**
   * Adds the peer (loading the plan if needed); once loaded it gets the hub's state vector and the
   * awareness states. Its messages wait in the room's queue meanwhile.
   */
  join(plan: PlanRecord, peer: Peer): Room {
    const room = this.#room(plan);
    room.peers.add(peer);
    room.run(() => {
      peer.send(encodeSyncStep1(room.doc));
      const states = [...room.awareness.getStates().keys()];
      if (states.length) peer.send(encodeAwarenessStates(room.awareness, states));
    });
    return room;
  }

  /** Removes the peer (and its awareness states); unloads the room when it was the last. */
  leave(room: Room, peer: Peer) {
    if (!room.peers.delete(peer)) return;
    if (peer.awarenessIds.size) {
      const ids = [...peer.awarenessIds];
      awarenessProtocol.removeAwarenessStates(room.awareness, ids, peer);
      // Tell the others at once (state null), rather than after their 30 s awareness timeout.
      const known = ids.filter((id) => room.awareness.meta.has(id));
      if (known.length && room.peers.size) {
        const out = encodeAwarenessStates(room.awareness, known);
        for (const p of room.peers) p.send(out);
      }
    }
    this.#maybeUnload(room);
  }

  /** Handles one parsed message of a peer. */
  receive(room: Room, peer: Peer, msg: Incoming) {
    room.run(() => {
      if (!room.peers.has(peer)) return;
      switch (msg.type) {
        case 'sync-step1': {
          let reply: Uint8Array;
          try {
            reply = encodeSyncStep2(Y.encodeStateAsUpdate(room.doc, msg.stateVector));
          } catch {
            peer.close(CLOSE.rejected, 'malformed sync step 1');
            return;
          }
          // What the reply holds was accepted before now: send it once that is stored.
          void room.lastStored.then(() => peer.send(reply));
          return;
        }
        case 'update':
          this.#update(room, peer, msg.update);
          return;
        case 'awareness': {
          let ids: number[];
          try {
            ids = awarenessClients(msg.update);
            awarenessProtocol.applyAwarenessUpdate(room.awareness, msg.update, peer);
          } catch {
            peer.close(CLOSE.rejected, 'malformed awareness update');
            return;
          }
          for (const id of ids) peer.awarenessIds.add(id);
          const out = encodeAwareness(msg.update);
          for (const p of room.peers) if (p !== peer) p.send(out);
          return;
        }
        case 'query-awareness': {
          const states = [...room.awareness.getStates().keys()];
          if (states.length) peer.send(encodeAwarenessStates(room.awareness, states));
          return;
        }
        case 'auth':
          return;
      }
    });
  }

  #update(room: Room, peer: Peer, update: Uint8Array) {
    if (!peer.canWrite()) {
      let news: boolean;
      try {
        news = hasNews(room.doc, update);
      } catch {
        peer.close(CLOSE.rejected, 'malformed update');
        return;
      }
      if (news) peer.send(encodePermissionDenied('read-only: your changes are not saved'));
      return;
    }
    const problem = this.#apply(room, update);
    if (problem === 'unchanged') return;
    if (problem) {
      peer.close(CLOSE.rejected, problem);
      this.#rebuild(room);
      return;
    }
    this.#accept(room, update, peer.actorId, peer);
  }

  /** Applies an update; answers a problem, 'unchanged', or undefined when accepted. */
  #apply(room: Room, update: Uint8Array): string | 'unchanged' | undefined {
    const doc = room.doc;
    // Yjs merges new pending structs into the existing pending object (same object, new `update`
    // bytes): compare the bytes' identity, not the object's, or such an update would go unstored.
    const pendingBefore = doc.store.pendingStructs?.update;
    const pendingDsBefore = doc.store.pendingDs;
    let changed = false;
    const onTx = (tr: Y.Transaction) => {
      if (tr.deleteSet.clients.size > 0) changed = true;
      for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) changed = true;
    };
    doc.on('afterTransaction', onTx);
    try {
      Y.applyUpdate(doc, update);
    } catch (e) {
      return `malformed update: ${(e as Error).message}`;
    } finally {
      doc.off('afterTransaction', onTx);
    }
    if (doc.store.pendingStructs?.update !== pendingBefore || doc.store.pendingDs !== pendingDsBefore)
      changed = true;
    if (!changed) return 'unchanged';
    const problem = checkShape(doc, {
      company: room.plan.orgId,
      period: room.plan.period,
      skeleton: room.skeleton,
    });
    return problem ? `update rejected: ${problem}` : undefined;
  }

  /**
   * Stores an accepted update (through the group-commit log, or `persist` when the caller writes it
   * in a transaction of its own), then sends it to every other peer.
   */
  #accept(
    room: Room,
    update: Uint8Array,
    actorId: string,
    from: Peer | undefined,
    persist: Persist = (u) => this.#log.append(room.plan.id, u, actorId),
  ): Promise<void> {
    room.pending.push(update);
    if (from && ++from.inflight === MAX_INFLIGHT) from.pause();
    const stored = persist(update);
    // Everything accepted so far, whichever writer stores it: sync replies wait for all of it.
    room.lastStored = Promise.all([room.lastStored, stored.catch(() => {})]).then(() => {});
    return stored.then(
      () => {
        room.pending.splice(room.pending.indexOf(update), 1);
        if (from && from.inflight-- === MAX_INFLIGHT / 2) from.resume();
        const msg = encodeUpdate(update);
        for (const p of room.peers) if (p !== from) p.send(msg);
        if (++room.sinceCompaction >= this.#compactAfter) this.#compact(room);
      },
      (e) => {
        this.#logger.error('storing a plan update failed; closing the plan', {
          planId: room.plan.id,
          error: (e as Error).message,
        });
        // Nothing unstored may be seen: drop the room, its connections reconnect to the database's state.
        for (const p of room.peers) p.close(1011, 'the hub could not store an update; reconnect');
        room.peers.clear();
        if (this.#rooms.get(room.plan.id) === room) this.#rooms.delete(room.plan.id);
        throw e;
      },
    );
  }

  /**
   * Applies a change the hub makes on someone's behalf (REST), stores it and broadcasts it.
   * `persist` writes the update itself (e.g. in the transaction of its audit entry).
   * @example await store.edit(plan, userId, (doc) => addActivities(doc, 'policy', items))
   */
  async edit<T>(
    plan: PlanRecord,
    actorId: string,
    fn: (doc: Y.Doc) => T,
    { persist }: { persist?: Persist } = {},
  ): Promise<T> {
    const room = this.#room(plan);
    room.refs++;
    try {
      await room.ready;
      if (room.failed) throw room.failed;
      await new Promise<void>((r) => room.run(r));
      // The edit builds on every update accepted so far: store those first, so that it never
      // commits ahead of what it depends on (the log would replay it before its own structs).
      for (let waited: Promise<void> | undefined; room.pending.length; ) {
        // Still unstored after everything accepted so far settled: a write failed (the room is closed).
        if (waited === room.lastStored) throw new Error('an earlier update of this plan could not be stored');
        waited = room.lastStored;
        await waited;
      }
      const updates: Uint8Array[] = [];
      const onUpdate = (u: Uint8Array) => updates.push(u);
      room.doc.on('update', onUpdate);
      let result: T;
      try {
        result = fn(room.doc);
      } finally {
        room.doc.off('update', onUpdate);
      }
      if (updates.length === 0) return result;
      const problem = checkShape(room.doc, {
        company: plan.orgId,
        period: plan.period,
        skeleton: room.skeleton,
      });
      if (problem) {
        this.#rebuild(room);
        throw new PlanError('shape-violation', problem);
      }
      await this.#accept(room, Y.mergeUpdates(updates), actorId, undefined, persist);
      return result;
    } finally {
      room.refs--;
      this.#maybeUnload(room);
    }
  }

  /** The plan's record changed (archived): open connections follow it. */
  updatePlan(plan: PlanRecord) {
    const room = this.#rooms.get(plan.id);
    if (room) room.plan = plan;
  }

  #room(plan: PlanRecord): Room {
    let room = this.#rooms.get(plan.id);
    if (room) return room;
    room = new Room(plan);
    this.#rooms.set(plan.id, room);
    room.ready = this.#load(room);
    return room;
  }

  async #load(room: Room): Promise<void> {
    room.busy = true;
    try {
      const { doc, updateCount } = await this.#log.loadDoc(room.plan.id);
      for (const u of room.pending) Y.applyUpdate(doc, u);
      const problem = checkShape(doc, { company: room.plan.orgId, period: room.plan.period });
      if (problem)
        throw new PlanError('shape-violation', `stored plan ${room.plan.id} is malformed: ${problem}`);
      const old = room.doc;
      room.doc = doc;
      room.skeleton = captureSkeleton(doc);
      room.sinceCompaction = updateCount;
      old?.destroy();
    } catch (e) {
      this.#logger.error('loading a plan failed', { planId: room.plan.id, error: (e as Error).message });
      for (const p of room.peers) p.close(1011, 'the hub could not load the plan');
      room.peers.clear();
      if (this.#rooms.get(room.plan.id) === room) this.#rooms.delete(room.plan.id);
      room.failed = e as Error;
      return;
    }
    room.busy = false;
    while (!room.busy && room.queue.length) room.queue.shift()!();
  }

  /** Throws away the in-memory doc and loads it again (database + accepted, unstored updates). */
  #rebuild(room: Room) {
    if (room.busy) return;
    room.busy = true;
    room.ready = this.#load(room);
  }

  #compact(room: Room) {
    if (room.compacting) return;
    room.compacting = true;
    room.sinceCompaction = 0;
    this.#log
      .compact(room.plan.id)
      .catch((e) => this.#logger.warn('plan compaction failed', { planId: room.plan.id, error: e.message }))
      .finally(() => {
        room.compacting = false;
      });
  }

  #maybeUnload(room: Room) {
    if (room.peers.size || room.refs) return;
    void room.lastStored.then(async () => {
      await room.ready;
      if (room.peers.size || room.refs || room.pending.length || this.#rooms.get(room.plan.id) !== room)
        return;
      this.#rooms.delete(room.plan.id);
      if (room.sinceCompaction > 0) this.#compact(room);
      room.awareness.destroy();
      room.doc?.destroy();
    });
  }

  /** Waits until every accepted update is stored (shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.#rooms.values()].map((r) => r.lastStored));
    await this.#log.drained();
  }
}

function awarenessClients(update: Uint8Array): number[] {
  // An awareness update: varuint count, then (clientID, clock, state JSON) per client.
  const d = decoding.createDecoder(update);
  const ids: number[] = [];
  const n = decoding.readVarUint(d);
  for (let i = 0; i < n; i++) {
    ids.push(decoding.readVarUint(d));
    decoding.readVarUint(d);
    decoding.readVarString(d);
  }
  return ids;
}
