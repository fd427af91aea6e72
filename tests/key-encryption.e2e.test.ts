/**
 * The hub's private signing keys at rest: sealed under the key-encryption key, which the database
 * never holds. A copy of the database alone (a backup) yields no key that can sign as the hub.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCaptured } from '@ewto/cli/testing';
import { openDatabase, openMigratedDatabase } from '@ewto/db';
import { startTestHub, TEST_KEY_ENCRYPTION_KEY } from '@ewto/hub/testing';
import {
  formatKeyEncryptionKey,
  generateKeyEncryptionKey,
  KeyEncryptionKey,
  openEnvelope,
  parseKeyEncryptionKey,
} from '@ewto/identity';
import {
  calculateJwkThumbprint,
  compactVerify,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { alert, call } from './support/intel.ts';
import { createWorld, exchange } from './support/world.ts';

const dir = mkdtempSync(join(tmpdir(), 'ewto-kek-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rawRows(path: string) {
  const handle = await openDatabase({ url: `file:${path}` });
  try {
    const rs = await handle.client.execute('select kid, status, private_jwk from hub_keys');
    return rs.rows.map((r) => ({
      kid: String(r.kid),
      status: String(r.status),
      stored: String(r.private_jwk),
    }));
  } finally {
    handle.close();
  }
}

describe('hub signing keys at rest', () => {
  it('a database backup alone holds no usable private key', async () => {
    const path = join(dir, 'backup.db');
    const kekBytes = generateKeyEncryptionKey();
    const hub = await startTestHub({ databaseUrl: `file:${path}`, keyEncryptionKey: kekBytes });
    await hub.deps.keys.rotate(); // an active and a retired key
    const jws = await hub.deps.keys.signBytes(new TextEncoder().encode('hello'), 'test');
    await hub.close();

    const rows = await rawRows(path);
    expect(rows.map((r) => r.status).sort()).toEqual(['active', 'retired']);
    const kek = await KeyEncryptionKey.fromBytes(kekBytes);
    const fileBytes = [path, `${path}-wal`].map((f) => {
      try {
        return readFileSync(f).toString('latin1');
      } catch {
        return '';
      }
    });
    for (const row of rows) {
      // What the backup holds is not a JWK and does not import as a key.
      expect(row.stored).not.toContain('"d"');
      expect(() => JSON.parse(row.stored)).toThrow();
      await expect(importJWK(row.stored as unknown as JWK, 'EdDSA')).rejects.toThrow();
      // With the key-encryption key (not in the backup) it opens to the private JWK; its secret
      // part appears nowhere in the database files.
      const jwk = JSON.parse(
        new TextDecoder().decode(await openEnvelope(kek, row.stored, `hub-key:${row.kid}`)),
      );
      expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', d: expect.any(String) });
      for (const bytes of fileBytes) expect(bytes).not.toContain(jwk.d);
      // ... and another key-encryption key does not open it.
      await expect(
        openEnvelope(await KeyEncryptionKey.generate(), row.stored, `hub-key:${row.kid}`),
      ).rejects.toThrow(/encrypted under key-encryption key/);
    }
    // The signature made before the backup verifies against the published key: the hub did sign.
    const active = rows.find((r) => r.status === 'active')!;
    const jwks = { keys: [{ ...(await publicOf(active.stored, kek, active.kid)), kid: active.kid }] };
    await expect(compactVerify(jws, createLocalJWKSet(jwks))).resolves.toBeTruthy();
  }, 60_000);

  it('seals private keys found in clear at the next start, keeping the same key', async () => {
    const path = join(dir, 'legacy.db');
    const handle = await openMigratedDatabase({ url: `file:${path}` });
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const pub = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(pub, 'sha256');
    await handle.client.execute({
      sql: "insert into hub_keys (kid, status, public_jwk, private_jwk, created_at) values (?, 'active', ?, ?, ?)",
      args: [kid, JSON.stringify(pub), JSON.stringify(await exportJWK(privateKey)), '2026-01-01T00:00:00Z'],
    });
    handle.close();
    expect((await rawRows(path))[0]!.stored).toContain('"d"');

    const hub = await startTestHub({
      databaseUrl: `file:${path}`,
      keyEncryptionKey: generateKeyEncryptionKey(),
    });
    const rows = await rawRows(path);
    expect(rows).toEqual([{ kid, status: 'active', stored: expect.stringMatching(/^ewto-kek1\./) }]);
    // The hub still signs with that key.
    const jws = await hub.deps.keys.signBytes(new TextEncoder().encode('x'), 'test');
    await expect(compactVerify(jws, await importJWK(pub, 'EdDSA'))).resolves.toBeTruthy();
    await hub.close();
  }, 60_000);

  it('refuses to start with another key-encryption key, saying which', async () => {
    const path = join(dir, 'backup.db');
    await expect(
      startTestHub({ databaseUrl: `file:${path}`, keyEncryptionKey: generateKeyEncryptionKey() }),
    ).rejects.toThrow(
      /encrypted under key-encryption key [0-9a-f]{16}, but the configured key is [0-9a-f]{16}.*HUB_KEY_ENCRYPTION_KEY/,
    );
  }, 60_000);
});

describe('rotating the key-encryption key', () => {
  it('re-encrypts the hub keys and the stored intelligence, which the new key then opens', async () => {
    const path = join(dir, 'rewrap.db');
    const w = await createWorld({ databaseUrl: `file:${path}` });
    const published = await call(w, 'convener-editor', 'POST', '/api/v1/intel/alerts', alert());
    expect(published.status).toBe(201);
    const { id } = (await published.json()) as { id: string };
    await w.close();

    const r = await runCaptured(['admin', 'keys', 'rewrap', '--new-key-file', 'rotated.kek'], {
      cwd: dir,
      env: {
        DATABASE_URL: `file:${path}`,
        HUB_KEY_ENCRYPTION_KEY: formatKeyEncryptionKey(TEST_KEY_ENCRYPTION_KEY),
      },
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/re-encrypted 1 hub keys, 1 intelligence publications and 1 stored packages/);
    const rotated = parseKeyEncryptionKey(readFileSync(join(dir, 'rotated.kek'), 'utf8'), 'rotated.kek');
    await expect(startTestHub({ databaseUrl: `file:${path}` })).rejects.toThrow(
      /encrypted under key-encryption key/,
    );
    const hub = await startTestHub({ databaseUrl: `file:${path}`, keyEncryptionKey: rotated });
    try {
      const token = await exchange(hub.url, w.pats['convener-editor']!);
      const res = await fetch(`${hub.url}/api/v1/intel/publications/${id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(JSON.stringify(await res.json())).toContain('New code word for ivory bangles');
    } finally {
      await hub.close();
    }
  }, 60_000);
});

async function publicOf(stored: string, kek: KeyEncryptionKey, kid: string): Promise<JWK> {
  const { d: _, ...pub } = JSON.parse(
    new TextDecoder().decode(await openEnvelope(kek, stored, `hub-key:${kid}`)),
  );
  return pub;
}
