/**
 * The y-protocols wire format the stock y-websocket provider speaks: one varuint message type,
 * then its body. Sync bodies: a varuint sub-type (step 1: a state vector; step 2 and update: a
 * Yjs update). Auth: a varuint 0 (permission denied) and a reason string.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

export const syncStep1 = 0;
export const syncStep2 = 1;
export const syncUpdate = 2;

const permissionDenied = 0;

/** Close codes of design.md. */
export const CLOSE = {
  expired: 4401,
  revoked: 4403,
  rejected: 4400,
  tooLarge: 4413,
} as const;

export type Incoming =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth' };

/** Parses one client message; throws on malformed bytes. */
export function parseMessage(data: Uint8Array): Incoming {
  const d = decoding.createDecoder(data);
  const type = decoding.readVarUint(d);
  let out: Incoming;
  switch (type) {
    case messageSync: {
      const sub = decoding.readVarUint(d);
      const body = decoding.readVarUint8Array(d);
      if (sub === syncStep1) out = { type: 'sync-step1', stateVector: body };
      else if (sub === syncStep2 || sub === syncUpdate) out = { type: 'update', update: body };
      else throw new Error(`unknown sync message type ${sub}`);
      break;
    }
    case messageAwareness:
      out = { type: 'awareness', update: decoding.readVarUint8Array(d) };
      break;
    case messageQueryAwareness:
      return { type: 'query-awareness' };
    case messageAuth:
      return { type: 'auth' };
    default:
      throw new Error(`unknown message type ${type}`);
  }
  if (decoding.hasContent(d)) throw new Error('trailing bytes after the message');
  return out;
}

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

export const encodeSyncStep1 = (doc: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, messageSync);
    encoding.writeVarUint(e, syncStep1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });

export const encodeSyncStep2 = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, messageSync);
    encoding.writeVarUint(e, syncStep2);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeUpdate = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, messageSync);
    encoding.writeVarUint(e, syncUpdate);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeAwareness = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, messageAwareness);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeAwarenessStates = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
  encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));

export const encodePermissionDenied = (reason: string) =>
  frame((e) => {
    encoding.writeVarUint(e, messageAuth);
    encoding.writeVarUint(e, permissionDenied);
    encoding.writeVarString(e, reason);
  });

/**
 * Whether an update holds anything the doc does not have yet: a struct past the doc's state
 * vector, or a deletion of something not yet deleted. (A viewer's empty sync reply holds nothing.)
 */
export function hasNews(doc: Y.Doc, update: Uint8Array): boolean {
  const sv = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
  const ours = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of sv) if (clock > (ours.get(client) ?? 0)) return true;
  const { ds } = Y.decodeUpdate(update);
  if (ds.clients.size === 0) return false;
  const deleted = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, items] of ds.clients)
    for (const item of items) {
      if (item.clock + item.len > (ours.get(client) ?? 0) || item.len > 10_000) return true;
      for (let c = item.clock; c < item.clock + item.len; c++)
        if (!Y.isDeleted(deleted, Y.createID(client, c))) return true;
    }
  return false;
}
