/**
 * One /collab websocket: size and rate limits, the credential's expiry (4401), the access it has
 * now (read-only or writable, rechecked by the collaboration server), and the bridge from frames
 * to the room.
 */
import type { Actor } from '@ewto/identity';
import type { WebSocket } from 'ws';
import type { DocStore, Peer, PlanRecord, Room } from './doc-store.ts';
import { CLOSE, parseMessage } from './protocol.ts';

/**
 * What the upgrade authenticated with. Bearer access tokens give one; a browser session (cookie +
 * Origin check) can give another: the collaboration server only needs these four things.
 */
export interface CollabCredential {
  actor: Actor;
  /** Connections with the same key share one recheck per interval. */
  key: string;
  /** When it expires (ms since the epoch): the connection closes with 4401 then. */
  expiresAt?: number | undefined;
  /** Who the credential stands for now; throws when it stands for no one any more (revoked). */
  recheck(): Promise<Actor>;
}

export interface ConnectionLimits {
  /** Largest message (bytes): larger closes with 4413. */
  maxMessageBytes: number;
  /** Sustained messages per second; a faster sender is paused (its socket is not read). */
  messagesPerSecond?: number;
  /** Sustained bytes per second, likewise. */
  bytesPerSecond?: number;
  /** Outgoing bytes buffered for a client that does not read: closed (1013) above this. */
  maxBufferedBytes?: number;
}

/** WebSocket close reasons are at most 123 bytes. */
const clipReason = (s: string) => {
  let out = s;
  while (Buffer.byteLength(out) > 123) out = `${out.slice(0, out.length - 2)}…`;
  return out;
};

export class Connection implements Peer {
  readonly actorId: string;
  inflight = 0;
  readonly awarenessIds = new Set<number>();
  readonly room: Room;
  writable: boolean;
  #closed = false;
  readonly #pauses = new Set<string>();
  readonly #expiry: ReturnType<typeof setTimeout> | undefined;
  #msgTokens: number;
  #byteTokens: number;
  #last = performance.now();
  readonly #mps: number;
  readonly #bps: number;
  readonly #maxBuffered: number;

  constructor(
    readonly ws: WebSocket,
    readonly plan: PlanRecord,
    public credential: CollabCredential,
    writable: boolean,
    readonly store: DocStore,
    readonly limits: ConnectionLimits,
    readonly onClosed: (c: Connection) => void,
  ) {
    this.actorId = actorName(credential.actor);
    this.writable = writable;
    this.#mps = limits.messagesPerSecond ?? 500;
    this.#bps = limits.bytesPerSecond ?? 8 * 1024 * 1024;
    this.#maxBuffered = limits.maxBufferedBytes ?? 32 * 1024 * 1024;
    this.#msgTokens = this.#mps * 2;
    this.#byteTokens = this.#bps * 2;
    if (credential.expiresAt !== undefined) {
      const ms = Math.max(0, Math.min(credential.expiresAt - Date.now(), 2 ** 31 - 1));
      this.#expiry = setTimeout(
        () => this.close(CLOSE.expired, 'access token expired; reconnect with a fresh one'),
        ms,
      );
    }
    this.room = store.join(plan, this);
  }

  canWrite(): boolean {
    return this.writable && !this.room.plan.archived;
  }

  /** One frame from the client. */
  handle(data: ArrayBuffer | Uint8Array | string) {
    if (this.#closed) return;
    if (typeof data === 'string') return this.close(CLOSE.rejected, 'expected binary y-protocols messages');
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    if (bytes.byteLength > this.limits.maxMessageBytes)
      return this.close(
        CLOSE.tooLarge,
        `message of ${bytes.byteLength} bytes; the limit is ${this.limits.maxMessageBytes}`,
      );
    this.#throttle(bytes.byteLength);
    let msg: ReturnType<typeof parseMessage>;
    try {
      msg = parseMessage(bytes);
    } catch (e) {
      return this.close(CLOSE.rejected, `malformed message: ${(e as Error).message}`);
    }
    this.store.receive(this.room, this, msg);
  }

  /** Token buckets: past the sustained rate the socket is paused until the budget refills. */
  #throttle(bytes: number) {
    const now = performance.now();
    const dt = (now - this.#last) / 1000;
    this.#last = now;
    this.#msgTokens = Math.min(this.#mps * 2, this.#msgTokens + dt * this.#mps) - 1;
    this.#byteTokens = Math.min(this.#bps * 2, this.#byteTokens + dt * this.#bps) - bytes;
    const wait = Math.max(-this.#msgTokens / this.#mps, -this.#byteTokens / this.#bps);
    if (wait > 0 && !this.#pauses.has('rate')) {
      this.#pause('rate');
      setTimeout(() => this.#resume('rate'), Math.ceil(wait * 1000)).unref();
    }
  }

  send(message: Uint8Array) {
    if (this.#closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.#maxBuffered) {
      this.close(1013, 'not reading fast enough; reconnect');
      return;
    }
    this.ws.send(message);
  }

  pause() {
    this.#pause('inflight');
  }

  resume() {
    this.#resume('inflight');
  }

  #pause(reason: string) {
    this.#pauses.add(reason);
    if (this.#pauses.size === 1 && !this.#closed) this.ws.pause();
  }

  #resume(reason: string) {
    if (!this.#pauses.delete(reason)) return;
    if (this.#pauses.size === 0 && !this.#closed) this.ws.resume();
  }

  close(code: number, reason: string) {
    if (this.#closed) return;
    this.ws.close(code, clipReason(reason));
    this.closed();
  }

  /** The socket closed (either side). */
  closed() {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#expiry) clearTimeout(this.#expiry);
    this.store.leave(this.room, this);
    this.onClosed(this);
  }
}

/** The id the update log attributes a connection's edits to. */
export function actorName(actor: Actor): string {
  return actor.kind === 'user' ? actor.userId : actor.kind === 'client' ? actor.clientId : 'anonymous';
}
