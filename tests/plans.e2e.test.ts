/**
 * Action plans end to end: REST, and stock y-websocket clients on /collab against a real hub.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeMember, setRole } from '@ewto/identity';
import { categoryArray, planMap } from '@ewto/plans';
import { validate } from '@ewto/schemas';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type Client, connect, synced, until, upgradeStatus } from './support/collab.ts';
import { repoRoot } from './support/paths.ts';
import { runCli } from './support/proc.ts';
import { createWorld, exchange, type Persona, type World } from './support/world.ts';

// biome-ignore lint/suspicious/noExplicitAny: the hub's JSON answers are read loosely here
type Json = Record<string, any>;

let w: World;
const open: Client[] = [];

async function api(persona: Persona, method: string, path: string, body?: unknown) {
  const res = await fetch(`${w.hub.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${w.tokens[persona]}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json: json as Json, text };
}

async function newPlan(title = 'Plan 2027', org = w.orgs.company.id) {
  const res = await api('convener-editor', 'POST', `/api/v1/orgs/${org}/plans`, { period: '2027', title });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

/** Polls the stored plan (GET) until `cond` holds. */
/** The audit entries about a plan's changes (plan.written), as their `details.change`. */
async function planWrites(id: string): Promise<string[]> {
  const rs = await w.hub.deps.dbHandle.client.execute(
    "select entry from audit_entries where action = 'plan.written'",
  );
  return rs.rows
    .map((r) => JSON.parse(String(r[0])) as { resource?: { id: string }; details: { change: string } })
    .filter((e) => e.resource?.id === id)
    .map((e) => e.details.change);
}

async function storedUntil(id: string, cond: (plan: Json) => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    const stored = await api('convener-viewer', 'GET', `/api/v1/plans/${id}`);
    if (cond(stored.json)) return stored.json;
    if (Date.now() > end) throw new Error(`stored plan never matched: ${stored.text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function client(planId: string, persona: Persona | string, opts: Parameters<typeof connect>[3] = {}) {
  const token = persona in w.tokens ? w.tokens[persona as Persona] : persona;
  const c = connect(w.hub.url, planId, token, opts);
  open.push(c);
  return c;
}

function addActivity(doc: Y.Doc, category: 'policy' | 'staffTraining', id: string, title: string) {
  doc.transact(() => {
    const a = new Y.Map<unknown>();
    categoryArray(doc, category)!.push([a]);
    a.set('id', id);
    a.set('title', title);
    a.set('status', 'planned');
    a.set('description', new Y.XmlFragment());
    a.set('indicators', new Y.Array());
  });
}

const titles = (doc: Y.Doc, cat: 'policy' | 'staffTraining' = 'policy') =>
  (categoryArray(doc, cat)?.toArray() ?? []).map((a) => a.get('title'));

beforeAll(async () => {
  w = await createWorld({ collabRecheckMs: 200 });
}, 60_000);
afterAll(async () => {
  for (const c of open) c.destroy();
  await w?.close();
}, 30_000);

describe('plans over REST', { timeout: 30_000 }, () => {
  it('creates a plan with its whole skeleton; members and conveners read it, others get 404', async () => {
    const id = await newPlan();
    const got = await api('company-viewer', 'GET', `/api/v1/plans/${id}`);
    expect(got.status).toBe(200);
    expect(validate('action-plan', got.json)).toEqual([]);
    expect(got.json).toMatchObject({ id, company: w.orgs.company.id, period: '2027', title: 'Plan 2027' });
    expect(Object.values(got.json.categories)).toEqual([[], [], [], [], [], []]);
    expect((await api('convener-viewer', 'GET', `/api/v1/plans/${id}`)).status).toBe(200);
    expect((await api('agency-admin', 'GET', `/api/v1/plans/${id}`)).status).toBe(404);
    const md = await api('company-editor', 'GET', `/api/v1/plans/${id}?format=markdown`);
    expect(md.text).toContain('# Plan 2027');
    expect(md.text).toContain('Company: Alpha Market');
    const mine = await api('company-viewer', 'GET', '/api/v1/plans');
    expect(mine.json.items.map((p: { id: string }) => p.id)).toContain(id);
    const other = await newPlan('Beta plan', w.orgs.otherCompany.id);
    expect((await api('company-viewer', 'GET', `/api/v1/plans/${other}`)).status).toBe(404);
    const list = await api('company-viewer', 'GET', '/api/v1/plans');
    expect(list.json.items.map((p: { id: string }) => p.id)).not.toContain(other);
    const all = await api('convener-viewer', 'GET', '/api/v1/plans');
    expect(all.json.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([id, other]));
  });
});

describe('collaboration', { timeout: 30_000 }, () => {
  it('refuses the upgrade without a valid token (401) and for plans the caller may not know (404)', async () => {
    const id = await newPlan();
    const base = `${w.hub.url.replace('http', 'ws')}/collab/${id}`;
    expect(await upgradeStatus(base)).toBe(401);
    expect(await upgradeStatus(`${base}?token=not-a-jwt`)).toBe(401);
    const other = await newPlan('B', w.orgs.otherCompany.id);
    const otherUrl = `${w.hub.url.replace('http', 'ws')}/collab/${other}`;
    expect(await upgradeStatus(`${otherUrl}?token=${w.tokens['company-admin']}`)).toBe(404);
    expect(await upgradeStatus(`${base}?token=${w.tokens['agency-admin']}`)).toBe(404);
    expect(await upgradeStatus(`${base}?token=${w.tokens['agency-client']}`)).toBe(404);
    expect(
      await upgradeStatus(
        `${w.hub.url.replace('http', 'ws')}/collab/nope?token=${w.tokens['company-admin']}`,
      ),
    ).toBe(404);
    expect(await upgradeStatus(`${base}?token=${w.tokens['company-viewer']}`)).toBe(101);
  });

  it('two stock clients converge, and a fresh load from the database matches them', async () => {
    const id = await newPlan();
    const a = client(id, 'company-editor');
    const b = client(id, 'convener-editor');
    await Promise.all([synced(a), synced(b)]);
    addActivity(a.doc, 'policy', 'a1', 'From A');
    addActivity(b.doc, 'policy', 'b1', 'From B');
    planMap(b.doc).set('title', 'Renamed');
    await until(() => titles(a.doc).length === 2 && titles(b.doc).length === 2, 10_000, 'convergence');
    expect(titles(a.doc)).toEqual(titles(b.doc));
    const stored = await api('company-viewer', 'GET', `/api/v1/plans/${id}`);
    expect(stored.json.title).toBe('Renamed');
    expect(stored.json.categories.policy.map((x: { title: string }) => x.title)).toEqual(titles(a.doc));
    const fresh = client(id, 'company-viewer');
    await synced(fresh);
    expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(a.doc));
    // The hub unloads the plan once its last client has left and everything is stored.
    const loaded = () => [...w.hub.deps.collab.store.rooms()].some((r) => r.plan.id === id);
    expect(loaded()).toBe(true);
    for (const c of [a, b, fresh]) c.destroy();
    await until(() => !loaded(), 10_000, 'the plan to unload');
  });

  it("drops a viewer's edit, answers permission-denied, and stores nothing of it", async () => {
    const id = await newPlan();
    const editor = client(id, 'company-editor');
    const viewer = client(id, 'company-viewer');
    await Promise.all([synced(editor), synced(viewer)]);
    addActivity(viewer.doc, 'policy', 'v1', 'Viewer was here');
    await until(() => viewer.denied.length > 0, 10_000, 'permission denied');
    addActivity(editor.doc, 'policy', 'e1', 'Editor');
    await until(() => titles(viewer.doc).includes('Editor'), 10_000, 'editor update at the viewer');
    expect(titles(editor.doc)).toEqual(['Editor']);
    const stored = await api('company-viewer', 'GET', `/api/v1/plans/${id}`);
    expect(stored.json.categories.policy.map((x: { title: string }) => x.title)).toEqual(['Editor']);
  });

  it('rejects a shape-breaking update with 4400; the stored plan and other clients are unaffected', async () => {
    const id = await newPlan();
    const good = client(id, 'company-editor');
    const bad = client(id, 'convener-editor', { reconnect: false });
    await Promise.all([synced(good), synced(bad)]);
    addActivity(good.doc, 'policy', 'g1', 'Good');
    await until(() => titles(bad.doc).includes('Good'), 10_000, 'good update');
    planMap(bad.doc).set('categories', new Y.Map());
    await until(() => bad.closes.length > 0, 10_000, 'close');
    expect(bad.closes[0]!.code).toBe(4400);
    expect(bad.closes[0]!.reason).toMatch(/categories/);
    addActivity(good.doc, 'policy', 'g2', 'Still good');
    const check = client(id, 'company-viewer');
    await synced(check);
    await until(() => titles(check.doc).length === 2, 10_000, 'both activities');
    expect(titles(check.doc)).toEqual(['Good', 'Still good']);
    const stored = await api('company-viewer', 'GET', `/api/v1/plans/${id}`);
    expect(stored.json.categories.policy.map((x: { title: string }) => x.title)).toEqual([
      'Good',
      'Still good',
    ]);
  });

  it('closes a connection with 4413 for a message over the size limit, and 4400 for garbage', async () => {
    const id = await newPlan();
    const url = `${w.hub.url.replace('http', 'ws')}/collab/${id}?token=${w.tokens['company-editor']}`;
    const closeOf = (payload: Uint8Array) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url);
        ws.on('open', () => ws.send(payload));
        ws.on('close', (code) => resolve(code));
      });
    const limit = w.hub.deps.config.collabMaxMessageBytes;
    expect(await closeOf(new Uint8Array(limit + 1))).toBe(4413);
    expect(await closeOf(new Uint8Array([0, 2, 5, 1, 2]))).toBe(4400);
    expect(await closeOf(new Uint8Array([9, 9, 9]))).toBe(4400);
  });

  it('throttles a flooding connection (rate limit: its socket is no longer read) while other clients are served', async () => {
    const id = await newPlan();
    const a = client(id, 'company-editor');
    const b = client(id, 'convener-editor');
    await Promise.all([synced(a), synced(b)]);
    const flood = new WebSocket(
      `${w.hub.url.replace('http', 'ws')}/collab/${id}?token=${w.tokens['company-admin']}`,
    );
    await new Promise((r) => flood.on('open', r));
    const aw = new awarenessProtocol.Awareness(new Y.Doc());
    let seen = 0;
    b.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
      if ([...added, ...updated].includes(aw.clientID)) seen++;
    });
    const heapBefore = process.memoryUsage().heapUsed;
    const pad = 'x'.repeat(1000);
    const start = Date.now();
    for (let i = 0; i < 20_000; i++) {
      aw.setLocalState({ n: i, pad });
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(aw, [aw.clientID]));
      flood.send(encoding.toUint8Array(e));
    }
    addActivity(a.doc, 'policy', 'during-flood', 'Still served');
    await until(() => titles(b.doc).includes('Still served'), 10_000, 'edits during the flood');
    await new Promise((r) => setTimeout(r, 1_000));
    const seconds = (Date.now() - start) / 1000;
    // 500 messages/s sustained after a burst of 1,000 (connection.ts): far fewer than were sent.
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(1_000 + 500 * seconds + 200);
    expect(seen).toBeLessThan(20_000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    flood.terminate();
    aw.destroy();
  });

  it('a member removed while connected is closed with 4403 within a second; a downgraded editor becomes read-only', async () => {
    const id = await newPlan();
    const db = w.hub.deps.db;
    const { createUser, addMember, createPat } = await import('@ewto/identity');
    const u = await createUser(db, { email: 'leaver@alpha.example', name: 'Leaver' });
    await addMember(db, w.orgs.company.id, u.id, 'editor');
    const pat = (await createPat(db, { userId: u.id, name: 't', createdBy: 't' })).token;
    const leaver = client(id, await exchange(w.hub.url, pat), { reconnect: false });
    const d = await createUser(db, { email: 'demoted@alpha.example', name: 'Demoted' });
    await addMember(db, w.orgs.company.id, d.id, 'editor');
    const dpat = (await createPat(db, { userId: d.id, name: 't', createdBy: 't' })).token;
    const demoted = client(id, await exchange(w.hub.url, dpat));
    await Promise.all([synced(leaver), synced(demoted)]);
    const t0 = Date.now();
    await removeMember(db, w.orgs.company.id, u.id);
    await until(() => leaver.closes.length > 0, 5_000, 'close after removal');
    expect(leaver.closes[0]!.code).toBe(4403);
    expect(leaver.closes[0]!.at - t0).toBeLessThan(1_500);
    await setRole(db, w.orgs.company.id, d.id, 'viewer', 1);
    await new Promise((r) => setTimeout(r, 1_000));
    addActivity(demoted.doc, 'policy', 'd1', 'After demotion');
    await until(() => demoted.denied.length > 0, 10_000, 'permission denied after demotion');
    const stored = await api('company-viewer', 'GET', `/api/v1/plans/${id}`);
    expect(stored.json.categories.policy).toEqual([]);
  });

  it('closes with 4401 when the access token expires; the reconnect with a fresh token resends unsent edits', async () => {
    const id = await newPlan();
    const keys = w.hub.deps.keys;
    const me = await api('company-editor', 'GET', '/api/v1/me');
    const sid = JSON.parse(
      Buffer.from(w.tokens['company-editor'].split('.')[1]!, 'base64url').toString(),
    ).sid;
    const now = Math.floor(Date.now() / 1000);
    const short = await keys.signJwt(
      {
        iss: w.hub.deps.config.hubUrl,
        aud: w.hub.deps.config.hubUrl,
        sub: me.json.userId,
        sid,
        client_id: 'ewto-personal-access-token',
        iat: now,
        nbf: now,
        exp: now + 2,
        jti: crypto.randomUUID(),
      },
      'at+jwt',
    );
    const c = client(id, short);
    await synced(c);
    // The stock provider stops on 44xx close codes and emits 'closed'; the app refreshes and reconnects.
    c.provider.on('closed', (e) => {
      if (e.code !== 4401) return;
      c.provider.params.token = w.tokens['company-editor'];
      setTimeout(() => c.provider.connect(), 300);
    });
    await until(() => c.closes.some((x) => x.code === 4401), 10_000, '4401');
    // Edited while disconnected: the stock provider sends its state on reconnect.
    addActivity(c.doc, 'staffTraining', 's1', 'Offline edit');
    await until(() => c.provider.synced && c.provider.wsconnected, 10_000, 'reconnect');
    await storedUntil(id, (p) => p.categories.staffTraining.length === 1);
  });
});

describe('versions, activity, gaps, progress, archive', { timeout: 30_000 }, () => {
  it('names a version, restores it as a new edit, and attributes changes to people', async () => {
    const id = await newPlan();
    const a = client(id, 'company-editor');
    await synced(a);
    addActivity(a.doc, 'policy', 'x1', 'Keep me');
    await storedUntil(id, (p) => p.categories.policy.length === 1);
    const v = await api('company-editor', 'POST', `/api/v1/plans/${id}/versions`, {
      label: 'Before the workshop',
    });
    expect(v.status).toBe(201);
    expect(v.json).toMatchObject({ label: 'Before the workshop', createdBy: w.userIds['company-editor'] });
    categoryArray(a.doc, 'policy')!.get(0).set('title', 'Changed');
    addActivity(a.doc, 'policy', 'x2', 'Added later');
    await until(() => titles(a.doc).length === 2);
    const restored = await api(
      'convener-editor',
      'POST',
      `/api/v1/plans/${id}/versions/${v.json.id}/restore`,
    );
    expect(restored.status).toBe(200);
    expect(restored.json.categories.policy.map((x: { title: string }) => x.title)).toEqual(['Keep me']);
    await until(() => JSON.stringify(titles(a.doc)) === '["Keep me"]', 10_000, 'restore reaches the client');
    expect(await planWrites(id)).toEqual(['version', 'restore']);
    const versions = await api('company-viewer', 'GET', `/api/v1/plans/${id}/versions`);
    expect(versions.json.items.map((x: { label: string }) => x.label)).toEqual(['Before the workshop']);
    const log = await api('company-viewer', 'GET', `/api/v1/plans/${id}/activity`);
    const events = log.json.items.map((e: { by: string; change: string; activityId: string }) => [
      e.by === w.userIds['company-editor']
        ? 'editor'
        : e.by === w.userIds['convener-editor']
          ? 'convener'
          : e.by,
      e.change,
      e.activityId,
    ]);
    expect(events).toEqual(
      expect.arrayContaining([
        ['editor', 'added', 'x1'],
        ['editor', 'added', 'x2'],
        ['convener', 'edited', 'x1'],
        ['convener', 'removed', 'x2'],
      ]),
    );
    expect(validate('action-plan#/$defs/activityLog', log.json)).toEqual([]);
  });

  it('turns the gaps of a policy submission into Policy activities, once', async () => {
    const id = await newPlan();
    const policy = readFileSync(join(repoRoot, 'policies/companies/examples/tessellate-market.yaml'), 'utf8');
    const res = await fetch(`${w.hub.url}/api/v1/orgs/${w.orgs.company.id}/policies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens['company-editor']}`, 'content-type': 'application/yaml' },
      body: policy,
    });
    const report = (await res.json()) as { provisions: Array<{ id: string; verdict: string }> };
    const submissionId = res.headers.get('location')!.split('/').pop()!;
    const gaps = report.provisions
      .filter((p) => p.verdict === 'missing' || p.verdict === 'partial')
      .map((p) => p.id);
    expect(gaps.length).toBeGreaterThan(0);
    const first = await api('company-editor', 'POST', `/api/v1/plans/${id}/activities/from-submission`, {
      submissionId,
    });
    expect(first.status, first.text).toBe(200);
    expect(first.json.created.map((a: { provision: string }) => a.provision)).toEqual(gaps);
    expect(first.json.created[0].description).toContain(gaps[0]);
    const again = await api('company-editor', 'POST', `/api/v1/plans/${id}/activities/from-submission`, {
      submissionId,
    });
    expect(again.json.created).toEqual([]);
    expect(again.json.skipped).toEqual(gaps);
    expect(await planWrites(id)).toEqual(['from-submission']);
    const stored = await api('company-viewer', 'GET', `/api/v1/plans/${id}`);
    expect(stored.json.categories.policy.map((a: { provision: string }) => a.provision)).toEqual(gaps);
    expect(
      (
        await api('company-viewer', 'POST', `/api/v1/plans/${id}/activities/from-submission`, {
          submissionId,
        })
      ).status,
    ).toBe(403);
  });

  it('sums indicators over companies for conveners; a company sees only its own rows', async () => {
    const mine = await newPlan('Mine');
    const theirs = await newPlan('Theirs', w.orgs.otherCompany.id);
    for (const [planId, persona, target, actual] of [
      [mine, 'company-editor', 100, 40],
      [theirs, 'convener-editor', 50, 10],
    ] as const) {
      const c = client(planId, persona);
      await synced(c);
      c.doc.transact(() => {
        const a = new Y.Map<unknown>();
        categoryArray(c.doc, 'staffTraining')!.push([a]);
        a.set('id', `t-${planId}`);
        const ind = new Y.Array<Y.Map<unknown>>();
        a.set('indicators', ind);
        ind.push([
          new Y.Map<unknown>([
            ['name', 'Staff trained'],
            ['kind', 'staff-trained'],
            ['target', target],
            ['actual', actual],
          ]),
        ]);
        ind.push([
          new Y.Map<unknown>([
            ['name', 'Free-form'],
            ['target', 1],
            ['actual', 1],
          ]),
        ]);
      });
    }
    await storedUntil(mine, (p) => p.categories.staffTraining.length === 1);
    await storedUntil(theirs, (p) => p.categories.staffTraining.length === 1);
    const conv = await api('convener-viewer', 'GET', '/api/v1/progress?period=2027');
    expect(conv.status).toBe(200);
    expect(validate('action-plan#/$defs/progress', conv.json)).toEqual([]);
    const staff = (rows: Array<{ kind: string; target: number; actual: number }>) =>
      rows.find((r) => r.kind === 'staff-trained');
    const own = await api('company-viewer', 'GET', '/api/v1/progress?period=2027');
    expect(own.json.companies.map((r: { company: string }) => r.company)).toEqual([w.orgs.company.id]);
    expect(staff(own.json.indicators)).toEqual({ kind: 'staff-trained', target: 100, actual: 40 });
    expect(staff(conv.json.indicators)!.target - staff(own.json.indicators)!.target).toBeGreaterThanOrEqual(
      50,
    );
    expect((await api('agency-admin', 'GET', '/api/v1/progress?period=2027')).status).toBe(403);
  });

  it('archives a plan: read-only for open connections and REST edits', async () => {
    const id = await newPlan();
    const c = client(id, 'company-editor');
    await synced(c);
    expect((await api('company-admin', 'POST', `/api/v1/plans/${id}/archive`)).status).toBe(403);
    const res = await api('convener-editor', 'POST', `/api/v1/plans/${id}/archive`);
    expect(res.status).toBe(200);
    expect(res.json.archived).toBe(true);
    addActivity(c.doc, 'policy', 'late', 'Too late');
    await until(() => c.denied.length > 0, 10_000, 'permission denied on an archived plan');
    const stored = await api('company-viewer', 'GET', `/api/v1/plans/${id}`);
    expect(stored.json).toMatchObject({ archived: true, categories: { policy: [] } });
  });
});

describe('ewto plan', { timeout: 60_000 }, () => {
  it('exports a plan as Markdown and JSON and lists its versions; an unknown plan exits 1', async () => {
    const id = await newPlan('CLI plan');
    await api('company-editor', 'POST', `/api/v1/plans/${id}/versions`, { label: 'First draft' });
    const env = { EWTO_TOKEN: w.pats['company-viewer']! };
    const md = await runCli(['plan', 'export', id, '--hub', w.hub.url], { cwd: repoRoot, env });
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('# CLI plan');
    const json = await runCli(['plan', 'export', id, '--hub', w.hub.url, '--format', 'json'], {
      cwd: repoRoot,
      env,
    });
    expect(json.code).toBe(0);
    expect(validate('action-plan', JSON.parse(json.stdout))).toEqual([]);
    const versions = await runCli(['plan', 'versions', id, '--hub', w.hub.url], { cwd: repoRoot, env });
    expect(versions.code).toBe(0);
    expect(versions.stdout).toMatch(/First draft/);
    const missing = await runCli(['plan', 'export', 'no-such-plan', '--hub', w.hub.url], {
      cwd: repoRoot,
      env,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/404/);
    const usage = await runCli(['plan', 'export', '--hub', w.hub.url], { cwd: repoRoot, env });
    expect(usage.code).toBe(2);
  });
});
