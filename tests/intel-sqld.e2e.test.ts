/**
 * Two hub processes on one libsql server (sqld) publish to the same agency at the same time while
 * the agency pages through its inbox on one of them: every package appears exactly once, in the
 * order the database stored them.
 */
import type { RunningHub } from '@ewto/hub/testing';
import { createOrg } from '@ewto/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alert } from './support/intel.ts';
import {
  jsonCaller,
  type SqldHubs,
  signInMembers,
  startSqldHubs,
  stopSqldHubs,
} from './support/sqld-hubs.ts';

const hubs: SqldHubs = {};
let a: RunningHub;
let b: RunningHub;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  ({ a, b } = await startSqldHubs(hubs));
  const db = a.deps.db;
  const wwf = await createOrg(db, { slug: 'wwf', name: 'WWF', kind: 'convener' });
  const unit = await createOrg(db, { slug: 'unit-a', name: 'Unit A', kind: 'agency' });
  await signInMembers(
    a,
    [
      ['editor', wwf.id, 'editor'],
      ['analyst', unit.id, 'viewer'],
    ],
    tokens,
  );
}, 60_000);
afterAll(() => stopSqldHubs(hubs));

const call = jsonCaller(tokens);

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
