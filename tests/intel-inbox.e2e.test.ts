/**
 * The inbox cursor never skips or repeats an item: 10,000 packages delivered in the same
 * millisecond (identical timestamps, UUIDv7 ids with one time prefix), stored in batches while the
 * agency pages through its inbox, are each seen exactly once; the cursor still works after the hub
 * restarts on the same database, and the last page always carries a cursor to poll with.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertDeliveries, insertPublication, type NewDelivery } from '@ewto/hub/services/intel/store';
import { type RunningHub, startTestHub } from '@ewto/hub/testing';
import { addMember, createOrg, createPat, createUser, newId } from '@ewto/identity';
import { afterAll, describe, expect, it } from 'vitest';
import { exchange } from './support/world.ts';

const dir = mkdtempSync(join(tmpdir(), 'ewto-intel-inbox-'));
const databaseUrl = `file:${join(dir, 'hub.db')}`;
let hub: RunningHub | undefined;
afterAll(async () => {
  await hub?.close();
  rmSync(dir, { recursive: true, force: true });
});

const SAME_MS = Date.parse('2026-12-01T12:00:00.123Z');
const AT = '2026-12-01T12:00:00Z';

function batch(publicationId: string, agencyId: string, n: number): NewDelivery[] {
  return Array.from({ length: n }, () => {
    const id = newId(SAME_MS);
    return {
      id,
      kind: 'package',
      publicationId,
      packageId: id,
      recipientOrgId: agencyId,
      via: null,
      encrypted: true,
      token: 'eyJhbGciOiJFQ0RILUVTK0EyNTZLVyJ9.a.b.c.d',
      createdAt: AT,
    };
  });
}

async function page(h: RunningHub, token: string, cursor: string | undefined, limit = 200) {
  const res = await fetch(`${h.url}/api/v1/intel/inbox?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { items: Array<{ id: string }>; nextCursor: string };
}

describe('inbox paging', () => {
  it('returns each of 10,000 same-millisecond packages exactly once while they arrive, and across a restart', async () => {
    hub = await startTestHub({ databaseUrl });
    const db = hub.deps.db;
    const agency = await createOrg(db, { slug: 'unit-a', name: 'Unit A', kind: 'agency' });
    const convener = await createOrg(db, { slug: 'wwf', name: 'WWF', kind: 'convener' });
    const user = await createUser(db, { email: 'analyst@unit-a.example', name: 'a' });
    await addMember(db, agency.id, user.id, 'viewer');
    const pat = (await createPat(db, { userId: user.id, name: 't', createdBy: 't' })).token;
    let token = await exchange(hub.url, pat);
    const publicationId = newId();
    await db.transaction(async (tx) =>
      insertPublication(
        tx,
        {
          id: publicationId,
          kind: 'trend-alert',
          authorOrgId: convener.id,
          createdBy: 't',
          createdAt: AT,
          expiresAt: '2027-12-01T12:00:00Z',
          tlp: 'AMBER',
          handling: 'H1',
          handlingNote: null,
          grades: { source: 'B', information: 2 },
          recipients: [agency.id],
          expansions: [],
          content: await hub!.deps.intelAtRest.seal('{}', `intel-publication:${publicationId}`),
          idempotencyKey: null,
          requestHash: null,
          retractedAt: null,
          retractionReason: null,
        },
        [],
      ),
    );

    const delivered: string[] = [];
    const seen: string[] = [];
    let cursor: string | undefined;
    // 20 batches of 500, each followed by a few pages read while the next batch is being stored.
    for (let b = 0; b < 20; b++) {
      const rows = batch(publicationId, agency.id, 500);
      delivered.push(...rows.map((r) => r.id));
      const storing = db.transaction(async (tx) => insertDeliveries(tx, rows));
      for (let p = 0; p < 2; p++) {
        const got = await page(hub, token, cursor, 137);
        seen.push(...got.items.map((i) => i.id));
        expect(got.nextCursor).toEqual(expect.any(String));
        cursor = got.nextCursor;
      }
      await storing;
    }
    for (;;) {
      const got = await page(hub, token, cursor);
      seen.push(...got.items.map((i) => i.id));
      cursor = got.nextCursor;
      if (got.items.length === 0) break;
    }
    expect(new Set(delivered.map((id) => id.slice(0, 13))).size).toBe(1); // one millisecond
    expect(seen).toHaveLength(10_000);
    expect(new Set(seen).size).toBe(10_000);
    expect(seen).toEqual(delivered);

    // Restart on the same database: the saved cursor goes on from where it was.
    await hub.close();
    hub = await startTestHub({ databaseUrl });
    token = await exchange(hub.url, pat);
    const empty = await page(hub, token, cursor);
    expect(empty).toEqual({ items: [], nextCursor: cursor });
    const later = batch(publicationId, agency.id, 3);
    await hub.deps.db.transaction(async (tx) => insertDeliveries(tx, later));
    const next = await page(hub, token, cursor);
    expect(next.items.map((i) => i.id)).toEqual(later.map((r) => r.id));
  }, 180_000);
});
