import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from './client.ts';
import { hubMeta } from './schema/index.ts';
import { Lock, runAsTransactionBody } from './serialise.ts';

const dir = mkdtempSync(join(tmpdir(), 'ewto-serialise-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  [':memory:', ':memory:'],
  ['a file', `file:${join(dir, 'hub.db')}`],
])('an embedded database (%s) with a transaction open', (_name, url) => {
  it('lets reads and writes from elsewhere in the process wait for it instead of failing', async () => {
    const h = await openMigratedDatabase({ url });
    let inside!: () => void;
    const opened = new Promise<void>((r) => {
      inside = r;
    });
    const tx = h.db.transaction(async (t) => {
      await t.insert(hubMeta).values({ key: 'tx', value: '1' });
      inside();
      // Give the other statements time to queue behind the open transaction.
      await new Promise((r) => setTimeout(r, 50));
      await t.insert(hubMeta).values({ key: 'tx2', value: '2' });
    });
    await opened;
    const others = Promise.all([
      h.db.select().from(hubMeta).where(eq(hubMeta.key, 'tx')),
      h.db.insert(hubMeta).values({ key: 'outside', value: '3' }),
    ]);
    await tx;
    const [seen] = await others;
    // The read ran after the commit, in order.
    expect(seen).toEqual([{ key: 'tx', value: '1' }]);
    expect((await h.db.select().from(hubMeta)).map((r) => r.key).sort()).toEqual(['outside', 'tx', 'tx2']);
    h.close();
  });
});

describe('a query sent to the database from inside its own transaction', () => {
  it('fails at once with a message saying to use the transaction', async () => {
    const h = await openMigratedDatabase({ url: ':memory:' });
    const started = Date.now();
    const error = await h.db
      .transaction((tx) =>
        runAsTransactionBody(async () => {
          await tx.insert(hubMeta).values({ key: 'a', value: '1' });
          await h.db.select().from(hubMeta);
        }),
      )
      .catch((e: Error) => e);
    // drizzle wraps it as "Failed query: …" with our error as the cause
    expect(String((error as Error).cause)).toMatch(/run every query on the transaction \(tx\)/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await h.db.select().from(hubMeta)).toEqual([]);
    h.close();
  });
});

describe('Lock', () => {
  it('hands over in order and lets a waiter give up', async () => {
    const lock = new Lock(50);
    const order: number[] = [];
    const first = await lock.acquire();
    const second = lock.acquire().then((release) => {
      order.push(2);
      release();
    });
    order.push(1);
    first();
    await second;
    expect(order).toEqual([1, 2]);
    const held = await lock.acquire();
    await expect(lock.acquire()).rejects.toThrow(/waited 0.05 s/);
    held();
    (await lock.acquire())();
  });
});
