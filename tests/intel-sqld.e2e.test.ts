/**
 * Two hub processes on one libsql server (sqld) publish to the same agency at the same time while
 * the agency pages through its inbox on one of them: every package appears exactly once, in the
 * order the database stored them.
 */
import { type SqldServer, startSqld } from '@ewto/db/testing';
import { type RunningHub, startTestHub } from '@ewto/hub/testing';
import { addMember, createOrg, createPat, createUser } from '@ewto/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alert } from './support/intel.ts';
import { exchange } from './support/world.ts';

let sqld: SqldServer;
let a: RunningHub;
let b: RunningHub;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  sqld = await startSqld();
  a = await startTestHub({ databaseUrl: sqld.url, hubUrl: 'http://hub.test' });
  b = await startTestHub({ databaseUrl: sqld.url.replace('http:', 'ws:'), hubUrl: 'http://hub.test' });
  const db = a.deps.db;
  const wwf = await createOrg(db, { slug: 'wwf', name: 'WWF', kind: 'convener' });
  const unit = await createOrg(db, { slug: 'unit-a', name: 'Unit A', kind: 'agency' });
  for (const [name, org, role] of [
    ['editor', wwf.id, 'editor'],
    ['analyst', unit.id, 'viewer'],
  ] as const) {
    const u = await createUser(db, { email: `${name}@example.org`, name });
    await addMember(db, org, u.id, role);
    tokens[name] = await exchange(
      a.url,
      (await createPat(db, { userId: u.id, name: 't', createdBy: 't' })).token,
    );
  }
}, 60_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await sqld?.stop();
});

const call = (hub: RunningHub, who: string, method: string, path: string, body?: unknown) =>
  fetch(`${hub.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

describe('inbox across hub processes', () => {
  it('pages every package published concurrently by two hubs exactly once', async () => {
    const published: string[] = [];
    const seen: string[] = [];
    let cursor = '';
    let done = false;
    const reader = (async () => {
      while (!done) {
        const res = await call(
          b,
          'analyst',
          'GET',
          `/api/v1/intel/inbox?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
        );
        const page = (await res.json()) as { items: Array<{ packageId: string }>; nextCursor: string };
        seen.push(...page.items.map((i) => i.packageId));
        cursor = page.nextCursor;
      }
    })();
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const res = await call(
          i % 2 ? a : b,
          'editor',
          'POST',
          '/api/v1/intel/alerts',
          alert({ recipients: ['unit-a'] }),
        );
        expect(res.status).toBe(201);
        published.push(
          ((await res.json()) as { packages: Array<{ packageId: string }> }).packages[0]!.packageId,
        );
      }),
    );
    done = true;
    await reader;
    for (;;) {
      const res = await call(a, 'analyst', 'GET', `/api/v1/intel/inbox?limit=50&cursor=${cursor}`);
      const page = (await res.json()) as { items: Array<{ packageId: string }>; nextCursor: string };
      seen.push(...page.items.map((i) => i.packageId));
      cursor = page.nextCursor;
      if (!page.items.length) break;
    }
    expect(seen).toHaveLength(40);
    expect(new Set(seen)).toEqual(new Set(published));
  }, 120_000);
});
