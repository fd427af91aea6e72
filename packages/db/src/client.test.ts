import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDatabaseUrl, type DbHandle, openMigratedDatabase } from './client.ts';
import { hubMeta } from './schema/index.ts';
import { type SqldServer, startSqld } from './testing/sqld.ts';

async function roundTrip(handle: DbHandle) {
  await handle.db.insert(hubMeta).values({ key: 'probe', value: 'élan 象牙' });
  const rows = await handle.db.select().from(hubMeta).where(eq(hubMeta.key, 'probe'));
  expect(rows).toEqual([{ key: 'probe', value: 'élan 象牙' }]);
}

describe('DATABASE_URL', () => {
  it('accepts the documented schemes and names what it expected otherwise', () => {
    for (const ok of [':memory:', 'file:./data/hub.db', 'http://127.0.0.1:8080', 'libsql://db.example?tls=0'])
      expect(checkDatabaseUrl(ok)).toBeUndefined();
    expect(checkDatabaseUrl('postgres://x')).toMatch(/expected :memory:, file:/);
  });
});

describe('embedded libsql', () => {
  it('migrates and round-trips in memory', async () => {
    const h = await openMigratedDatabase({ url: ':memory:' });
    await roundTrip(h);
    h.close();
  });
  it('uses WAL for files and keeps data across reopen; migrating twice is harmless', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ewto-db-'));
    const url = `file:${join(dir, 'nested', 'hub.db')}`;
    const a = await openMigratedDatabase({ url });
    const mode = await a.client.execute('PRAGMA journal_mode');
    expect(String(mode.rows[0]?.[0])).toBe('wal');
    await roundTrip(a);
    a.close();
    const b = await openMigratedDatabase({ url });
    expect(await b.db.select().from(hubMeta)).toHaveLength(1);
    b.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('libsql server (real sqld)', () => {
  let server: SqldServer;
  beforeAll(async () => {
    server = await startSqld();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });
  it('runs the same migrations and round-trips over http://', async () => {
    const h = await openMigratedDatabase({ url: server.url });
    expect(h.kind).toBe('server');
    await roundTrip(h);
    h.close();
  });
  it('and over ws://', async () => {
    const h = await openMigratedDatabase({ url: server.url.replace('http:', 'ws:') });
    const rows = await h.db.select().from(hubMeta);
    expect(rows.map((r) => r.key)).toContain('probe');
    h.close();
  });
});
