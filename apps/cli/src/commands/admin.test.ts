import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'ewto-admin-'));
const KEK = 'q0Xb3ZkKjz8lY9Yx6t6oK3c0b8v4pQ2uHn7m1sW5eRg';
let env: Record<string, string> = {
  DATABASE_URL: `file:${join(dir, 'hub.db')}`,
  HUB_KEY_ENCRYPTION_KEY: KEK,
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ewto admin', () => {
  it('bootstraps an organisation, a user and a token', async () => {
    const org = await runCaptured(
      ['admin', 'org', 'create', '--slug', 'wwf', '--name', 'WWF', '--kind', 'convener'],
      { env },
    );
    expect(org.stderr).toBe('');
    expect(org.stdout).toMatch(/^created convener wwf \([0-9a-f-]{36}\)\n$/);
    const user = await runCaptured(
      ['admin', 'user', 'create', '--email', 'Ana@WWF.example', '--org', 'wwf', '--role', 'admin'],
      { env },
    );
    expect(user.stdout).toContain('ana@wwf.example');
    const token = await runCaptured(['admin', 'token', '--email', 'ana@wwf.example', '--days', '7'], { env });
    expect(token.code).toBe(0);
    expect(token.stdout).toMatch(/^ewto_pat_[A-Za-z0-9_-]{43}\n$/);
    expect(token.stderr).toContain('unscoped');
  });

  it('scopes a token to one organisation of its user with --org', async () => {
    const scoped = await runCaptured(['admin', 'token', '--email', 'ana@wwf.example', '--org', 'wwf'], {
      env,
    });
    expect(scoped.code).toBe(0);
    expect(scoped.stderr).toMatch(/scoped to organisation [0-9a-f-]{36}/);
    const foreign = await runCaptured(['admin', 'token', '--email', 'ana@wwf.example', '--org', 'nope'], {
      env,
    });
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('no organisation "nope"');
  });

  it("refuses a slug in the id format, which would shadow another organisation's id", async () => {
    const wwf = await runCaptured(
      ['admin', 'org', 'create', '--slug', 'x-probe', '--name', 'P', '--kind', 'company', '--format', 'json'],
      { env },
    );
    const id = (JSON.parse(wwf.stdout) as { id: string }).id;
    const clash = await runCaptured(
      ['admin', 'org', 'create', '--slug', id, '--name', 'Shadow', '--kind', 'company'],
      {
        env,
      },
    );
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('looks like an organisation id');
  });

  it('refuses duplicates, unknown organisations and bad values with a message and exit 2', async () => {
    const dup = await runCaptured(
      ['admin', 'org', 'create', '--slug', 'wwf', '--name', 'WWF', '--kind', 'convener'],
      { env },
    );
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already exists');
    const kind = await runCaptured(
      ['admin', 'org', 'create', '--slug', 'x', '--name', 'X', '--kind', 'bank'],
      { env },
    );
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('--kind must be one of convener, company, agency, taskforce');
    const org = await runCaptured(
      ['admin', 'user', 'create', '--email', 'b@x.example', '--org', 'nope', '--role', 'viewer'],
      { env },
    );
    expect(org.code).toBe(2);
    expect(org.stderr).toContain('no organisation "nope"');
    const missing = await runCaptured(['admin', 'token'], { env });
    expect(missing.code).toBe(2);
  });

  it('creates a taskforce from agencies', async () => {
    await runCaptured(
      ['admin', 'org', 'create', '--slug', 'unit-a', '--name', 'Unit A', '--kind', 'agency'],
      { env },
    );
    const tf = await runCaptured(
      [
        'admin',
        'org',
        'create',
        '--slug',
        'netshield',
        '--name',
        'Netshield',
        '--kind',
        'taskforce',
        '--agency',
        'unit-a',
        '--format',
        'json',
      ],
      { env },
    );
    expect(JSON.parse(tf.stdout)).toMatchObject({ slug: 'netshield', kind: 'taskforce' });
    const bad = await runCaptured(
      ['admin', 'org', 'create', '--slug', 'tf2', '--name', 'TF', '--kind', 'taskforce', '--agency', 'wwf'],
      { env },
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"wwf" is not an agency');
  });

  it('rotates the hub key, retiring the old one', async () => {
    const r = await runCaptured(['admin', 'keys', 'rotate'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/new active key \S{43}; retired \S{43}/);
  });

  it('needs the key-encryption key the hub runs with', async () => {
    const other = await runCaptured(['admin', 'keys', 'rotate'], {
      env: { ...env, HUB_KEY_ENCRYPTION_KEY: 'A'.repeat(43) },
    });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(
      /encrypted under key-encryption key [0-9a-f]{16}, but the configured key is/,
    );
  });

  it('rewraps the hub keys under a new key-encryption key, after which only the new key opens them', async () => {
    const r = await runCaptured(['admin', 'keys', 'rewrap', '--new-key-file', 'new.kek'], { env, cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /re-encrypted 2 hub keys, 0 intelligence publications and 0 stored packages from key-encryption key [0-9a-f]{16} to [0-9a-f]{16} \(new key written to new\.kek\)/,
    );
    expect(statSync(join(dir, 'new.kek')).mode & 0o777).toBe(0o600);
    const old = await runCaptured(['admin', 'keys', 'rotate'], { env });
    expect(old.code).toBe(2);
    const { HUB_KEY_ENCRYPTION_KEY: _, ...rest } = env;
    env = { ...rest, HUB_KEY_ENCRYPTION_KEY_FILE: join(dir, 'new.kek') };
    const again = await runCaptured(['admin', 'keys', 'rotate'], { env });
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const same = await runCaptured(['admin', 'keys', 'rewrap', '--new-key-file', 'new.kek'], {
      env,
      cwd: dir,
    });
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('holds the key-encryption key in use already');
  });
});

describe('ewto keys generate', () => {
  it('writes Ed25519 and X25519 key pairs, private halves readable only by the owner', async () => {
    const r = await runCaptured(['keys', 'generate', '--out', 'agency-keys'], { cwd: dir });
    expect(r.code).toBe(0);
    const priv = JSON.parse(readFileSync(join(dir, 'agency-keys', 'signing.private.jwk.json'), 'utf8'));
    const pub = JSON.parse(readFileSync(join(dir, 'agency-keys', 'signing.public.jwk.json'), 'utf8'));
    expect(priv).toMatchObject({ kty: 'OKP', crv: 'Ed25519', d: expect.any(String), kid: pub.kid });
    expect(pub.d).toBeUndefined();
    expect(
      JSON.parse(readFileSync(join(dir, 'agency-keys', 'encryption.public.jwk.json'), 'utf8')),
    ).toMatchObject({ crv: 'X25519' });
    expect(statSync(join(dir, 'agency-keys', 'signing.private.jwk.json')).mode & 0o777).toBe(0o600);
    const again = await runCaptured(['keys', 'generate', '--out', 'agency-keys'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('refusing to overwrite');
  });

  it('refuses an --org that is not an organisation id (a slug in the key files fails every later check)', async () => {
    const r = await runCaptured(
      ['keys', 'generate', '--out', 'slug-keys', '--org', 'demo-wildlife-crime-unit'],
      {
        cwd: dir,
      },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--org must be the agency id');
    expect(existsSync(join(dir, 'slug-keys'))).toBe(false);
    const id = '01a232c6-e5ec-75e1-880f-baf258ecbf24';
    expect(
      (await runCaptured(['keys', 'generate', '--out', 'id-keys', '--org', id], { cwd: dir })).code,
    ).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'id-keys', 'signing.public.jwk.json'), 'utf8')).org).toBe(id);
  });
});
