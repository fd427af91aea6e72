import {
  consistencyProof,
  consistencyRanges,
  hashFromHex,
  inclusionProof,
  inclusionRanges,
  subtreesOf,
  toHex,
} from '@ewto/audit';
import { openMigratedDatabase } from '@ewto/db';
import { auditEntries, auditNodes } from '@ewto/db/schema';
import { asc, eq, notInArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from './audit-log.ts';
import { KeyEncryptionKey } from './envelope.ts';
import { HubKeyStore } from './keystore.ts';

const N = 100;
let handle: Awaited<ReturnType<typeof openMigratedDatabase>>;
let audit: AuditLog;
let leaves: Uint8Array[];
const hub = { kind: 'hub' } as const;

beforeAll(async () => {
  handle = await openMigratedDatabase({ url: ':memory:' });
  const keys = new HubKeyStore(handle.db, { kek: await KeyEncryptionKey.generate() });
  await keys.init();
  audit = new AuditLog({ db: handle.db, keys, origin: 'http://hub.test' });
  await audit.init();
  // Single appends and transactions of several entries, as the hub makes them.
  for (let i = 0; i < N; ) {
    const n = Math.min(1 + (i % 4), N - i);
    await audit.transaction(async (_tx, record) => {
      for (let j = 0; j < n; j++) record({ action: 'resource.read', outcome: 'success', actor: hub });
    });
    i += n;
  }
  const rows = await handle.db.select().from(auditEntries).orderBy(asc(auditEntries.seq));
  leaves = rows.map((r) => hashFromHex(r.leafHash));
}, 30_000);
afterAll(() => handle?.close());

const expectedInclusion = (seq: number, size: number) => inclusionProof(seq, leaves, size).map(toHex);
const expectedConsistency = (from: number, to: number) => consistencyProof(from, leaves, to).map(toHex);

describe('audit proofs from stored subtree hashes', () => {
  it('stores every perfect subtree as the entries complete it', async () => {
    const rows = await handle.db.select().from(auditNodes);
    let expected = 0;
    for (let l = 1; 2 ** l <= N; l++) expected += Math.floor(N / 2 ** l);
    expect(rows).toHaveLength(expected);
  });

  it('answers the RFC 6962 proofs, for many sizes', async () => {
    for (const size of [1, 2, 3, 7, 8, 33, 64, 99, N])
      for (const seq of [0, Math.floor(size / 3), size - 1]) {
        const p = await audit.inclusion(seq, size);
        expect(p.proof, `inclusion ${seq} of ${size}`).toEqual(expectedInclusion(seq, size));
        expect(p.leafHash).toBe(toHex(leaves[seq]!));
      }
    for (const [from, to] of [
      [1, N],
      [6, 8],
      [33, 64],
      [64, N],
      [99, N],
      [N, N],
    ] as const)
      expect((await audit.consistency(from, to)).proof, `${from} → ${to}`).toEqual(
        expectedConsistency(from, to),
      );
  }, 30_000);

  it('reads only the O(log n) subtrees a proof needs, never every leaf', async () => {
    const seq = 41;
    const wanted = { inclusion: expectedInclusion(seq, N), consistency: expectedConsistency(57, N) };
    // Every leaf hash but the few the proofs use is damaged: a proof that read all leaves would change.
    const used = [...inclusionRanges(seq, N), ...consistencyRanges(57, N)];
    const keep = [
      seq,
      ...subtreesOf(used)
        .filter((id) => id.level === 0)
        .map((id) => id.index),
    ];
    expect(keep.length).toBeLessThan(10);
    await handle.db
      .update(auditEntries)
      .set({ leafHash: '00'.repeat(32) })
      .where(notInArray(auditEntries.seq, keep));
    try {
      expect((await audit.inclusion(seq, N)).proof).toEqual(wanted.inclusion);
      expect((await audit.consistency(57, N)).proof).toEqual(wanted.consistency);
    } finally {
      for (const [i, leaf] of leaves.entries())
        await handle.db
          .update(auditEntries)
          .set({ leafHash: toHex(leaf) })
          .where(eq(auditEntries.seq, i));
    }
  }, 30_000);

  it('computes and stores subtrees missing from a log written before they were stored', async () => {
    await handle.db.delete(auditNodes);
    expect((await audit.inclusion(10, N)).proof).toEqual(expectedInclusion(10, N));
    expect((await audit.consistency(3, 97)).proof).toEqual(expectedConsistency(3, 97));
    expect((await handle.db.select().from(auditNodes)).length).toBeGreaterThan(0);
    // Appending goes on storing the subtrees new entries complete.
    await audit.record({ action: 'resource.read', outcome: 'success', actor: hub });
    const rows = await handle.db.select().from(auditEntries).orderBy(asc(auditEntries.seq));
    leaves = rows.map((r) => hashFromHex(r.leafHash));
    expect((await audit.inclusion(N, N + 1)).proof).toEqual(expectedInclusion(N, N + 1));
  }, 30_000);
});
