/**
 * Durability of plan edits: the hub runs as its own process on a file database and is killed with
 * SIGKILL at random moments while stock y-websocket clients edit. After each restart every edit
 * that any client had received from another client must be stored (an edit is acknowledged once
 * another client could see it; the hub writes before it sends).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMigratedDatabase } from '@ewto/db';
import {
  addMember,
  createOrg,
  createPat,
  createUser,
  formatKeyEncryptionKey,
  generateKeyEncryptionKey,
} from '@ewto/identity';
import { CATEGORIES, categoryArray } from '@ewto/plans';
import type { PlanCategory } from '@ewto/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Client, connect, synced } from './support/collab.ts';
import { hubMain, startHubProcess } from './support/hub-process.ts';
import { exchange } from './support/world.ts';

const KEK = formatKeyEncryptionKey(generateKeyEncryptionKey());
/** Kill cycles; each edits for a random 150–1,200 ms with three clients before the SIGKILL. */
const SEEDS = [11, 23, 37, 41, 59, 67];

let dir: string;
let dbUrl: string;
let pats: string[];
let companyId: string;
const running = new Set<ChildProcess>();

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ewto-plans-kill-'));
  dbUrl = `file:${join(dir, 'hub.db')}`;
  const h = await openMigratedDatabase({ url: dbUrl });
  const convener = await createOrg(h.db, { slug: 'wwf', name: 'WWF', kind: 'convener' });
  const company = await createOrg(h.db, { slug: 'example-market', name: 'Example', kind: 'company' });
  companyId = company.id;
  pats = [];
  for (const [i, org] of [convener, company, company].entries()) {
    const user = await createUser(h.db, { email: `editor${i}@example.org`, name: `Editor ${i}` });
    await addMember(h.db, org.id, user.id, 'editor');
    pats.push((await createPat(h.db, { userId: user.id, name: 't', createdBy: 't' })).token);
  }
  h.close();
}, 30_000);
afterAll(async () => {
  for (const c of running) c.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/** The hub as its own node process (no tsx wrapper process: the SIGKILL reaches the hub itself). */
async function startHub() {
  const hub = await startHubProcess({
    command: [process.execPath, '--import', 'tsx', hubMain],
    env: { DATABASE_URL: dbUrl, HUB_KEY_ENCRYPTION_KEY: KEK },
    timeoutMs: 60_000,
  });
  running.add(hub.child);
  return {
    url: hub.url,
    kill: async () => {
      hub.child.kill('SIGKILL');
      await hub.exited;
      running.delete(hub.child);
    },
  };
}

/** Ids of activities this client received from the hub (made by other clients). */
function watchReceived(c: Client, into: Set<string>) {
  for (const cat of CATEGORIES)
    categoryArray(c.doc, cat)!.observe((event) => {
      if (event.transaction.origin !== c.provider) return;
      for (const item of event.changes.added)
        for (const m of item.content.getContent())
          if (m instanceof Y.Map && typeof m.get('id') === 'string') into.add(m.get('id') as string);
    });
}

async function storedIds(url: string, token: string, planId: string): Promise<Set<string>> {
  const res = await fetch(`${url}/api/v1/plans/${planId}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const plan = (await res.json()) as { categories: Record<string, Array<{ id: string }>> };
  return new Set(Object.values(plan.categories).flatMap((list) => list.map((a) => a.id)));
}

describe('plans survive SIGKILL', () => {
  it('keeps every edit another client had received, over many random kills', async () => {
    let hub = await startHub();
    let tokens = await Promise.all(pats.map((p) => exchange(hub.url, p)));
    const created = await fetch(`${hub.url}/api/v1/orgs/${companyId}/plans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ period: '2027', title: 'Kill test' }),
    });
    expect(created.status).toBe(201);
    const planId = ((await created.json()) as { id: string }).id;
    const acknowledged = new Set<string>();
    let total = 0;
    for (const seed of SEEDS) {
      const random = rng(seed);
      const clients = tokens.map((t) => connect(hub.url, planId, t, { reconnect: false }));
      await Promise.all(clients.map((c) => synced(c, 30_000)));
      for (const c of clients) watchReceived(c, acknowledged);
      let stop = false;
      const writers = clients.map(async (c, w) => {
        for (let n = 0; !stop; n++) {
          const cat = CATEGORIES[Math.floor(random() * CATEGORIES.length)] as PlanCategory;
          c.doc.transact(() => {
            const a = new Y.Map<unknown>();
            categoryArray(c.doc, cat)!.push([a]);
            a.set('id', `s${seed}-w${w}-${n}`);
            a.set('title', `edit ${n} of writer ${w}`);
          });
          total++;
          await new Promise((r) => setTimeout(r, 2 + Math.floor(random() * 8)));
        }
      });
      await new Promise((r) => setTimeout(r, 150 + Math.floor(random() * 1050)));
      await hub.kill();
      stop = true;
      await Promise.all(writers);
      for (const c of clients) c.destroy();
      hub = await startHub();
      tokens = await Promise.all(pats.map((p) => exchange(hub.url, p)));
      const stored = await storedIds(hub.url, tokens[1]!, planId);
      const lost = [...acknowledged].filter((id) => !stored.has(id));
      expect(lost, `seed ${seed}: acknowledged edits lost after SIGKILL`).toEqual([]);
    }
    // A fresh client loads exactly what is stored.
    const fresh = connect(hub.url, planId, tokens[2]!);
    await synced(fresh, 30_000);
    const inDoc = new Set(
      CATEGORIES.flatMap((c) =>
        categoryArray(fresh.doc, c)!
          .toArray()
          .map((a) => a.get('id') as string),
      ),
    );
    expect(inDoc).toEqual(await storedIds(hub.url, tokens[1]!, planId));
    fresh.destroy();
    await hub.kill();
    expect(acknowledged.size).toBeGreaterThan(SEEDS.length * 10);
    console.log(
      `SIGKILL test: ${SEEDS.length} kills, ${total} edits sent, ${acknowledged.size} acknowledged, none lost`,
    );
  }, 180_000);
});
