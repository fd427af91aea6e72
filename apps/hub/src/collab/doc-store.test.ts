import { categoryArray, planMap, projectPlan } from '@ewto/plans';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPlan } from '../services/plans.ts';
import { createTestApp } from '../testing.ts';
import type { Peer } from './doc-store.ts';

let app: Awaited<ReturnType<typeof createTestApp>>;
let orgId: string;
beforeAll(async () => {
  app = await createTestApp();
  const { createOrg } = await import('@ewto/identity');
  orgId = (await createOrg(app.deps.db, { slug: 'c', name: 'C', kind: 'company' })).id;
});
afterAll(async () => {
  await app?.deps.collab.close();
  app?.close();
});

function peer(): Peer & { closes: string[] } {
  const closes: string[] = [];
  return {
    actorId: 'u1',
    canWrite: () => true,
    send: () => {},
    close: (code, reason) => closes.push(`${code} ${reason}`),
    inflight: 0,
    pause: () => {},
    resume: () => {},
    awarenessIds: new Set(),
    closes,
  };
}

/** A client doc holding the stored plan, and three consecutive updates it makes. */
async function threeEdits(planId: string) {
  const { doc: stored } = await app.deps.collab.log.loadDoc(planId);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(stored));
  const updates: Uint8Array[] = [];
  client.on('update', (u: Uint8Array) => updates.push(u));
  for (const n of [1, 2, 3])
    client.transact(() => {
      const a = new Y.Map<unknown>();
      categoryArray(client, 'policy')!.push([a]);
      a.set('id', `a${n}`);
    });
  return { client, updates };
}

const json = (d: Y.Doc) => projectPlan(d, { id: 'p', archived: false, createdAt: '' });

describe('document store', () => {
  it('stores every update delivered out of order, also those Yjs merges into its pending structs', async () => {
    const plan = await createPlan(app.deps.db, { orgId, period: '2027', title: 'T', createdBy: 'u1' });
    const record = { id: plan.id, orgId, period: '2027', archived: false };
    const { client, updates } = await threeEdits(plan.id);
    const store = app.deps.collab.store;
    const p = peer();
    const room = store.join(record, p);
    await room.ready;
    for (const i of [1, 2, 0]) store.receive(room, p, { type: 'update', update: updates[i]! });
    await room.lastStored;
    await app.deps.collab.log.drained();
    expect(p.closes).toEqual([]);
    const { doc: fresh } = await app.deps.collab.log.loadDoc(plan.id);
    expect(json(fresh)).toEqual(json(client));
    store.leave(room, p);
  });

  it('keeps structs still waiting for a dependency when compacting', async () => {
    const plan = await createPlan(app.deps.db, { orgId, period: '2027', title: 'T', createdBy: 'u1' });
    const { client, updates } = await threeEdits(plan.id);
    const log = app.deps.collab.log;
    await log.append(plan.id, updates[2]!, 'u1');
    await log.append(plan.id, updates[1]!, 'u1');
    expect(await log.compact(plan.id)).toBe(3);
    await log.append(plan.id, updates[0]!, 'u1');
    const { doc: fresh } = await log.loadDoc(plan.id);
    expect(json(fresh)).toEqual(json(client));
  });

  it('rejects an update that replaces the categories container, with a reason, and keeps the stored plan', async () => {
    const plan = await createPlan(app.deps.db, { orgId, period: '2027', title: 'T', createdBy: 'u1' });
    const record = { id: plan.id, orgId, period: '2027', archived: false };
    const { client, updates } = await threeEdits(plan.id);
    const store = app.deps.collab.store;
    const p = peer();
    const room = store.join(record, p);
    await room.ready;
    store.receive(room, p, { type: 'update', update: updates[0]! });
    // Set after the client saw the hub's container, so it always wins: a replacement.
    const sv = Y.encodeStateVector(client);
    planMap(client).set('categories', new Y.Map());
    store.receive(room, p, { type: 'update', update: Y.encodeStateAsUpdate(client, sv) });
    expect(p.closes[0]).toMatch(/^4400 update rejected: plan\.categories (was replaced|is missing)/);
    await room.ready;
    await room.lastStored;
    expect(json(room.doc).categories.policy.map((a) => a.id)).toEqual(['a1']);
    const { doc: fresh } = await app.deps.collab.log.loadDoc(plan.id);
    expect(json(fresh).categories.policy.map((a) => a.id)).toEqual(['a1']);
    store.leave(room, p);
  });
});
