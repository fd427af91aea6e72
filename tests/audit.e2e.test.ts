import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCaptured } from '@ewto/cli/testing';
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
