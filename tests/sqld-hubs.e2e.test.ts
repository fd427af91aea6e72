/**
 * Two hub processes on one real libsql server (sqld): they share signing keys (sealed under the
 * key-encryption key both are given) and one audit log, whose appends from both stay in order and verify.
 */
import { runCaptured } from '@ewto/cli/testing';
import { type SqldServer, startSqld } from '@ewto/db/testing';
import { type RunningHub, startTestHub } from '@ewto/hub/testing';
import { addMember, createOrg, createPat, createUser, generateKeyEncryptionKey } from '@ewto/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange } from './support/world.ts';

let sqld: SqldServer;
let a: RunningHub;
let b: RunningHub;
/** The key-encryption key every hub on this database is configured with. */
const keyEncryptionKey = generateKeyEncryptionKey();
beforeAll(async () => {
  sqld = await startSqld();
  a = await startTestHub({ databaseUrl: sqld.url, hubUrl: 'http://hub.test', keyEncryptionKey });
  b = await startTestHub({
    databaseUrl: sqld.url.replace('http:', 'ws:'),
    hubUrl: 'http://hub.test',
    keyEncryptionKey,
  });
}, 60_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await sqld?.stop();
});

describe('several hubs on one sqld', () => {
  it('share keys and one audit log that verifies', async () => {
    const db = a.deps.db;
    const wwf = await createOrg(db, { slug: 'wwf', name: 'WWF', kind: 'convener' });
    const user = await createUser(db, { email: 'ana@wwf.example', name: 'Ana' });
    await addMember(db, wwf.id, user.id, 'admin');
    const { token: pat } = await createPat(db, { userId: user.id, name: 't', createdBy: 't' });
    // A token minted by hub A is accepted by hub B (same keys, same issuer).
    const access = await exchange(a.url, pat);
    const me = await fetch(`${b.url}/api/v1/me`, { headers: { authorization: `Bearer ${access}` } });
    expect(me.status).toBe(200);
    // Interleaved audited requests on both hubs (token.issued each; failures would be counted
    // into one entry per source and window).
    await Promise.all(Array.from({ length: 20 }, (_, i) => exchange((i % 2 ? a : b).url, pat)));
    await exchange(b.url, pat);
    const r = await runCaptured(['audit', 'verify', '--hub', b.url], { env: { EWTO_TOKEN: pat } });
    expect(r.stdout).toMatch(/✓ audit log verified: (\d+) entries/);
    expect(Number(/verified: (\d+)/.exec(r.stdout)?.[1])).toBeGreaterThanOrEqual(22);
    expect(r.code).toBe(0);
  }, 60_000);

  it('share the key-encryption key: the keys are sealed, and a hub given another key does not start', async () => {
    const rows = await a.deps.dbHandle.client.execute('select private_jwk from hub_keys');
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const row of rows.rows) expect(String(row.private_jwk)).toMatch(/^ewto-kek1\./);
    await expect(
      startTestHub({ databaseUrl: sqld.url, keyEncryptionKey: generateKeyEncryptionKey() }),
    ).rejects.toThrow(/encrypted under key-encryption key .* but the configured key is/);
  }, 60_000);
});
