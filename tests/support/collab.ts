/** Stock y-websocket clients against a hub, as design.md shows them (Node: ws polyfill, no BroadcastChannel). */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close events seen (code, reason). */
  closes: Array<{ code: number; reason: string; at: number }>;
  /** Permission-denied auth messages received. */
  denied: string[];
  destroy(): void;
}

export function connect(
  hubUrl: string,
  planId: string,
  token: string,
  { doc = new Y.Doc(), reconnect = true }: { doc?: Y.Doc; reconnect?: boolean } = {},
): Client {
  const provider = new WebsocketProvider(`${hubUrl.replace(/^http/, 'ws')}/collab`, planId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    maxBackoffTime: 200,
  });
  const client: Client = {
    doc,
    provider,
    closes: [],
    denied: [],
    destroy: () => {
      provider.destroy();
    },
  };
  provider.on('connection-close', (event) => {
    const e = event as { code: number; reason: string } | null;
    if (e) client.closes.push({ code: e.code, reason: e.reason, at: Date.now() });
    if (!reconnect) provider.shouldConnect = false;
  });
  provider.on('status', ({ status }) => {
    if (status !== 'connected') return;
    (provider.ws as unknown as WebSocket).addEventListener('message', (ev) => {
      const data = new Uint8Array(ev.data as ArrayBuffer);
      // messageAuth (2), permission denied (0), then a varstring reason.
      if (data[0] === 2 && data[1] === 0) client.denied.push(new TextDecoder().decode(data.subarray(3)));
    });
  });
  return client;
}

/** Resolves when `cond()` holds (polling), or rejects after `ms`. */
export async function until(cond: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const synced = (c: Client, ms = 10_000) => until(() => c.provider.synced, ms, 'sync');

/** The status of a websocket upgrade that the hub refuses (or 101 when it accepts). */
export function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (e) => {
      if (!/Unexpected server response/.test(e.message)) reject(e);
    });
  });
}
