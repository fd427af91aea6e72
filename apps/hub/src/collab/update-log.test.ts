import { categoryArray } from '@ewto/plans';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPlan } from '../services/plans.ts';
import { createTestApp } from '../testing.ts';

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

describe('update log', () => {
  it('attributes every change even when a compaction commits in the middle of reading the activity', async () => {
    const plan = await createPlan(app.deps.db, { orgId, period: '2027', title: 'T', createdBy: 'u1' });
    const log = app.deps.collab.log;
    const { doc: stored } = await log.loadDoc(plan.id);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(stored));
    client.on('update', (u: Uint8Array) => void log.append(plan.id, u, 'u2'));
    for (const id of ['a1', 'a2'])
      client.transact(() => {
        const a = new Y.Map<unknown>();
        categoryArray(client, 'policy')!.push([a]);
        a.set('id', id);
        a.set('title', id);
      });
    await log.drained();
    // A first compaction keeps a1's event; a2's update stays in the log.
    expect(await log.compact(plan.id)).toBeGreaterThan(0);
    client.transact(() => categoryArray(client, 'policy')!.delete(0, 1));
    await log.drained();

    // Another process compacts while this one reads the activity (between its two reads).
    const load = log.load.bind(log);
    let injected = false;
    log.load = async (id: string) => {
      if (!injected) {
        injected = true;
        log.load = load;
        await log.compact(id);
      }
      return load(id);
    };
    try {
      const events = (await log.activity(plan.id)).map((e) => [e.change, e.activityId]);
      expect(injected).toBe(true);
      expect(events).toEqual(
        expect.arrayContaining([
          ['added', 'a1'],
          ['added', 'a2'],
          ['removed', 'a1'],
        ]),
      );
      // Nothing counted twice either.
      expect(events.length).toBe(new Set(events.map((e) => e.join())).size);
    } finally {
      log.load = load;
    }
  }, 30_000);
});
