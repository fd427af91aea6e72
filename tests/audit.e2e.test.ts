import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKPOINT_JWS_TYPE, checkpointPayload } from '@ewto/audit';
import { runCaptured } from '@ewto/cli/testing';
import { TEST_KEY_ENCRYPTION_KEY } from '@ewto/hub/testing';
import { formatKeyEncryptionKey } from '@ewto/identity';
import { decodeProtectedHeader } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from './support/world.ts';

let w: World | undefined;
const dir = mkdtempSync(join(tmpdir(), 'ewto-audit-'));
afterEach(async () => {
  await w?.close();
  w = undefined;
});

async function busyWorld(opts: Parameters<typeof createWorld>[0] = {}) {
  w = await createWorld(opts);
  // Some activity: reads, denials, a member added.
  const auth = (p: keyof World['tokens']) => ({ authorization: `Bearer ${w!.tokens[p]}` });
  await fetch(`${w.hub.url}/api/v1/orgs/${w.orgs.otherCompany.id}`, { headers: auth('company-admin') });
  await fetch(`${w.hub.url}/api/v1/orgs/${w.orgs.company.id}/members`, {
    method: 'POST',
    headers: { ...auth('company-admin'), 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'new.person@alpha.example', role: 'viewer' }),
  });
  await fetch(`${w.hub.url}/api/v1/me`, { headers: { authorization: 'Bearer not-a-token' } });
  return w;
}

const verify = (world: World, ...args: string[]) =>
  runCaptured(['audit', 'verify', '--hub', world.hub.url, ...args], {
    cwd: dir,
    env: { EWTO_TOKEN: world.pats['convener-admin']! },
  });

async function saveCheckpoint(world: World) {
  const res = await fetch(`${world.hub.url}/api/v1/audit/checkpoint`, {
    headers: { authorization: `Bearer ${world.tokens['convener-viewer']}` },
  });
  const file = join(dir, `saved-${Date.now()}.json`);
  writeFileSync(file, await res.text());
  return file;
}

const sql = (world: World, stmt: string) => world.hub.deps.dbHandle.client.execute(stmt);

describe('ewto audit verify', () => {
  it('verifies an untouched log, and that it extends a saved checkpoint', async () => {
    const world = await busyWorld();
    const saved = await saveCheckpoint(world);
    await fetch(`${world.hub.url}/api/v1/me`, { headers: { authorization: 'Bearer again-wrong' } });
    const r = await verify(world, '--checkpoint', saved);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/✓ audit log verified: \d+ entries/);
    expect(r.code).toBe(0);
  }, 60_000);

  it('names an entry edited directly in the database (exit 1)', async () => {
    const world = await busyWorld();
    await saveCheckpoint(world);
    const target = 5;
    await sql(
      world,
      `update audit_entries set entry = replace(entry, '"outcome":"success"', '"outcome":"failure"') where seq = ${target}`,
    );
    const changed = await sql(world, `select entry from audit_entries where seq = ${target}`);
    expect(String(changed.rows[0]?.entry)).toContain('"outcome":"failure"');
    const r = await verify(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`first bad entry: seq ${target}`);
    expect(r.stdout).toMatch(new RegExp(`edited \\(seq ${target}\\)`));
  }, 60_000);

  it('names a deleted entry and reordered entries', async () => {
    const world = await busyWorld();
    await saveCheckpoint(world);
    await sql(world, 'delete from audit_entries where seq = 3');
    const r = await verify(world);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('first bad entry: seq 3');

    const other = await busyWorld();
    await saveCheckpoint(other);
    await sql(other, 'update audit_entries set seq = -1 where seq = 2');
    await sql(other, 'update audit_entries set seq = 2 where seq = 4');
    await sql(other, 'update audit_entries set seq = 4 where seq = -1');
    const s = await verify(other);
    expect(s.code).toBe(1);
    expect(s.stdout).toContain('first bad entry: seq 2');
    await other.close();
  }, 60_000);

  it('catches a truncated tail against a saved checkpoint', async () => {
    const world = await busyWorld();
    const saved = await saveCheckpoint(world);
    const size = Number((await sql(world, 'select count(*) as n from audit_entries')).rows[0]?.n);
    // Remove the tail and every checkpoint that mentions it, as someone hiding their traces would.
    await sql(world, `delete from audit_entries where seq >= ${size - 3}`);
    await sql(world, `delete from audit_checkpoints where tree_size > ${size - 3}`);
    await world.hub.deps.audit.init();
    const r = await verify(world, '--checkpoint', saved);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/truncated|does not extend|covers/);
  }, 60_000);

  it("verifies an organisation admin's own entries by inclusion proofs", async () => {
    const world = await busyWorld();
    const r = await runCaptured(
      ['audit', 'verify', '--hub', world.hub.url, '--org', world.orgs.company.slug],
      {
        cwd: dir,
        env: { EWTO_TOKEN: world.pats['company-admin']! },
      },
    );
    expect(r.stdout).toMatch(/✓ [1-9]\d* entries about alpha-market are in the log/);
    expect(r.code).toBe(0);
  });

  it('after `ewto admin keys compromised`, reports checkpoints of that key as untrusted and passes on a trusted one', async () => {
    const file = join(dir, `compromised-${Date.now()}.db`);
    const world = await busyWorld({ databaseUrl: `file:${file}` });
    const saved = await saveCheckpoint(world); // signed by the key about to be compromised
    const kid = decodeProtectedHeader((await world.hub.deps.audit.latestCheckpoint())!.jws).kid!;
    await fetch(`${world.hub.url}/api/v1/me`, { headers: { authorization: 'Bearer more-noise' } });
    await world.hub.deps.audit.checkpoint(); // a larger one, by the same key
    const admin = await runCaptured(['admin', 'keys', 'compromised', kid], {
      cwd: dir,
      env: {
        DATABASE_URL: `file:${file}`,
        HUB_KEY_ENCRYPTION_KEY: formatKeyEncryptionKey(TEST_KEY_ENCRYPTION_KEY),
        HUB_URL: world.hub.deps.config.hubUrl,
      },
    });
    expect(admin.stderr).toBe('');
    expect(admin.code).toBe(0);
    // key.compromised is in the log, and a checkpoint at the current size signed by the new key.
    const size = Number((await sql(world, 'select count(*) as n from audit_entries')).rows[0]?.n);
    const last = (await sql(world, 'select entry from audit_entries order by seq desc limit 1')).rows[0];
    expect(JSON.parse(String(last?.entry))).toMatchObject({ action: 'key.compromised' });
    const latest = (await world.hub.deps.audit.latestCheckpoint())!;
    expect(latest.treeSize).toBe(size);
    const newKid = decodeProtectedHeader(latest.jws).kid;
    expect(newKid).not.toBe(kid);
    expect(admin.stdout).toContain(`checkpoint of size ${size} signed by key ${newKid}`);
    await new Promise((r) => setTimeout(r, 2500)); // the running hub re-reads key statuses

    const r = await verify(world, '--checkpoint', saved);
    expect(r.stdout).toContain(`signed by key ${kid}, marked compromised`);
    expect(r.stdout).toMatch(/saved checkpoint .* not trusted/);
    expect(r.stdout).toMatch(/✓ audit log verified: \d+ entries/);
    expect(r.code).toBe(0);
    const org = await runCaptured(
      ['audit', 'verify', '--hub', world.hub.url, '--org', world.orgs.company.slug],
      {
        cwd: dir,
        env: { EWTO_TOKEN: world.pats['company-admin']! },
      },
    );
    expect(org.stdout).toContain(`signed by key ${kid}, marked compromised`);
    expect(org.stdout).toMatch(/✓ [1-9]\d* entries about alpha-market are in the log/);
    expect(org.code).toBe(0);
  }, 60_000);

  it('always checks that the checkpoints it fetched extend one another, also with --org', async () => {
    const world = await busyWorld();
    const first = (await world.hub.deps.audit.checkpoint())!;
    await fetch(`${world.hub.url}/api/v1/me`, { headers: { authorization: 'Bearer more-noise' } });
    await world.hub.deps.audit.checkpoint();
    // A validly signed checkpoint of another history at the first size (a fork the hub signed).
    const body = {
      origin: world.hub.deps.config.hubUrl,
      treeSize: first.treeSize,
      rootHash: 'ab'.repeat(32),
      time: first.time,
    };
    const jws = await world.hub.deps.keys.signBytes(checkpointPayload(body), CHECKPOINT_JWS_TYPE);
    await sql(
      world,
      `update audit_checkpoints set root_hash = '${body.rootHash}', jws = '${jws}' where tree_size = ${first.treeSize}`,
    );
    const org = await runCaptured(
      ['audit', 'verify', '--hub', world.hub.url, '--org', world.orgs.company.slug],
      {
        cwd: dir,
        env: { EWTO_TOKEN: world.pats['company-admin']! },
      },
    );
    expect(org.stdout).toContain(`does not extend the checkpoint of ${first.time} (size ${first.treeSize})`);
    expect(org.code).toBe(1);
    const all = await verify(world);
    expect(all.stdout).toContain(`does not extend the checkpoint of ${first.time} (size ${first.treeSize})`);
    expect(all.code).toBe(1);
  }, 60_000);

  it('writes a signed checkpoint on its own while the log grows', async () => {
    const world = await busyWorld({ checkpointInterval: 1 });
    const before = await world.hub.deps.audit.latestCheckpoint();
    await world.hub.deps.audit.record({
      action: 'resource.read',
      outcome: 'success',
      actor: { kind: 'hub' },
      details: {},
    });
    const size = world.hub.deps.audit.size;
    let latest = before;
    for (let i = 0; i < 100 && (latest?.treeSize ?? 0) < size; i++) {
      await new Promise((r) => setTimeout(r, 100));
      latest = await world.hub.deps.audit.latestCheckpoint();
    }
    expect(latest?.treeSize).toBe(size);
  }, 60_000);
});

process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
