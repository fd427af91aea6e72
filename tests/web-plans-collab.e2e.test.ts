/**
 * The /collab upgrade with the browser session cookie: accepted only with the hub's own Origin,
 * refused for another origin (403), without an Origin (403) or with a cookie of no live session
 * (401); a signed-out session's open connection is closed. `?token=` stays for scripts.
 */
import { categoryArray } from '@ewto/plans';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { connect, synced, until } from './support/collab.ts';
import { createWorld, type Persona, type World } from './support/world.ts';

let w: World;
let origin: string;
const cleanup: Array<() => void> = [];

beforeAll(async () => {
  w = await createWorld({ hubUrl: 'http://localhost:0', collabRecheckMs: 200 });
  origin = new URL(w.hub.deps.config.hubUrl).origin;
}, 60_000);
afterAll(async () => {
  for (const f of cleanup) f();
  await w?.close();
}, 60_000);

/** Signs in with the persona's PAT as the web app does; answers the Cookie header and CSRF token. */
async function browserSession(persona: Persona) {
  const res = await fetch(`${w.hub.url}/api/v1/auth/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ token: w.pats[persona] }),
  });
  expect(res.status).toBe(201);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

async function newPlan() {
  const res = await fetch(`${w.hub.url}/api/v1/orgs/${w.orgs.company.id}/plans`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.tokens['convener-editor']}`, 'content-type': 'application/json' },
    body: JSON.stringify({ period: '2027', title: 'Cookie plan' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

function upgrade(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
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

/** A stock y-websocket provider whose websocket sends the cookie and an Origin, as a browser does. */
function cookieProvider(planId: string, headers: Record<string, string>) {
  class BrowserLike extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const doc = new Y.Doc();
  const closes: number[] = [];
  const provider = new WebsocketProvider(`${w.hub.url.replace(/^http/, 'ws')}/collab`, planId, doc, {
    WebSocketPolyfill: BrowserLike as never,
    disableBc: true,
    maxBackoffTime: 200,
  });
  provider.on('connection-close', (e) => {
    if (e) closes.push((e as { code: number }).code);
    provider.shouldConnect = false;
  });
  cleanup.push(() => provider.destroy());
  return { doc, provider, closes };
}

describe('/collab with the browser session cookie', () => {
  it('accepts the cookie from the hub origin and refuses other origins, no origin and dead cookies', async () => {
    const id = await newPlan();
    const url = `${w.hub.url.replace(/^http/, 'ws')}/collab/${id}`;
    const { cookie } = await browserSession('company-viewer');
    expect(await upgrade(url, { cookie, origin })).toBe(101);
    expect(await upgrade(url, { cookie, origin: 'http://127.0.0.1:9' })).toBe(403);
    expect(await upgrade(url, { cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await upgrade(url, { cookie })).toBe(403);
    expect(await upgrade(url, { cookie: 'ewto_session=ewto_s_not-a-session', origin })).toBe(401);
    expect(await upgrade(url, { origin })).toBe(401);
    // A session of someone who may not know the plan exists.
    const agency = await browserSession('agency-admin');
    expect(await upgrade(url, { cookie: agency.cookie, origin })).toBe(404);
    // Scripts keep ?token=.
    expect(await upgrade(`${url}?token=${w.tokens['company-viewer']}`, {})).toBe(101);
  }, 60_000);

  it('edits made over a cookie connection reach a token client; signing out closes it with 4403', async () => {
    const id = await newPlan();
    const { cookie, csrfToken } = await browserSession('company-editor');
    const browser = cookieProvider(id, { cookie, origin });
    const script = connect(w.hub.url, id, w.tokens['convener-viewer']);
    cleanup.push(() => script.destroy());
    await until(() => browser.provider.synced, 15_000, 'cookie client sync');
    await synced(script, 15_000);
    browser.doc.transact(() => {
      const a = new Y.Map<unknown>();
      categoryArray(browser.doc, 'policy')!.push([a]);
      a.set('id', 'cookie-1');
      a.set('title', 'Written with the cookie');
      a.set('status', 'planned');
      a.set('description', new Y.XmlFragment());
      a.set('indicators', new Y.Array());
    });
    await until(
      () => categoryArray(script.doc, 'policy')?.get(0)?.get('title') === 'Written with the cookie',
      15_000,
      'the edit at the token client',
    );
    const out = await fetch(`${w.hub.url}/api/v1/auth/session`, {
      method: 'DELETE',
      headers: { cookie, origin, 'x-csrf-token': csrfToken },
    });
    expect(out.status).toBe(204);
    await until(() => browser.closes.includes(4403), 15_000, 'close 4403 after sign-out');
  }, 60_000);

  it("someone who leaves disappears from the others' presence at once, not after the awareness timeout", async () => {
    const id = await newPlan();
    const a = connect(w.hub.url, id, w.tokens['company-editor']);
    const b = connect(w.hub.url, id, w.tokens['convener-editor']);
    cleanup.push(
      () => a.destroy(),
      () => b.destroy(),
    );
    await Promise.all([synced(a, 15_000), synced(b, 15_000)]);
    a.provider.awareness.setLocalStateField('user', { name: 'A' });
    const aId = a.doc.clientID;
    await until(() => b.provider.awareness.getStates().has(aId), 15_000, "A in B's presence");
    const left = Date.now();
    // The connection drops (tab closed, network gone): no goodbye from A, the hub must tell B.
    a.provider.shouldConnect = false;
    (a.provider.ws as unknown as WebSocket).terminate();
    await until(() => !b.provider.awareness.getStates().has(aId), 15_000, "A gone from B's presence");
    expect(Date.now() - left).toBeLessThan(15_000);
  }, 60_000);
});
