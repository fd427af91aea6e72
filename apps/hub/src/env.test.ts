import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvError, loadConfig } from './env.ts';

const KEK = 'q0Xb3ZkKjz8lY9Yx6t6oK3c0b8v4pQ2uHn7m1sW5eRg';
const dir = mkdtempSync(join(tmpdir(), 'ewto-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problems(src: Record<string, string>, options = {}): string {
  try {
    loadConfig(src, options);
  } catch (e) {
    expect(e).toBeInstanceOf(EnvError);
    return (e as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({ HUB_KEY_ENCRYPTION_KEY: KEK });
    expect(c).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      databaseUrl: 'file:./data/hub.db',
      hubUrl: 'http://127.0.0.1:8787',
      maxBodyBytes: 1048576,
      demo: false,
      keyEncryptionKeySource: 'HUB_KEY_ENCRYPTION_KEY',
    });
    expect(c.keyEncryptionKey).toHaveLength(32);
  });
  it('names every wrong variable', () => {
    const msg = problems({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      HUB_URL: 'ftp://x',
      HUB_DEMO: 'maybe',
    });
    for (const v of ['PORT', 'DATABASE_URL', 'HUB_URL', 'HUB_DEMO']) expect(msg).toContain(`${v}:`);
  });
});

describe('the key-encryption key', () => {
  it('is required for any database but :memory:, which gets a random one', () => {
    expect(problems({})).toContain(
      'HUB_KEY_ENCRYPTION_KEY or HUB_KEY_ENCRYPTION_KEY_FILE: required with DATABASE_URL=file:./data/hub.db',
    );
    expect(problems({ DATABASE_URL: 'http://127.0.0.1:8080' })).toContain('required with DATABASE_URL=http');
    const a = loadConfig({ DATABASE_URL: ':memory:' });
    const b = loadConfig({ DATABASE_URL: ':memory:' });
    expect(a.keyEncryptionKeySource).toBe('generated');
    expect(a.keyEncryptionKey).not.toEqual(b.keyEncryptionKey);
  });

  it('is read from HUB_KEY_ENCRYPTION_KEY or from a file, never both, and must be 32 bytes', () => {
    const file = join(dir, 'given.kek');
    writeFileSync(file, `${KEK}\n`, { mode: 0o600 });
    const c = loadConfig({ HUB_KEY_ENCRYPTION_KEY_FILE: file });
    expect(c.keyEncryptionKey).toEqual(loadConfig({ HUB_KEY_ENCRYPTION_KEY: KEK }).keyEncryptionKey);
    expect(c.keyEncryptionKeySource).toBe(file);
    expect(problems({ HUB_KEY_ENCRYPTION_KEY: KEK, HUB_KEY_ENCRYPTION_KEY_FILE: file })).toContain(
      'not both',
    );
    expect(problems({ HUB_KEY_ENCRYPTION_KEY: 'secret' })).toContain(
      'HUB_KEY_ENCRYPTION_KEY: expected a 32-byte key',
    );
    expect(problems({ HUB_KEY_ENCRYPTION_KEY_FILE: join(dir, 'missing.kek') })).toMatch(
      /HUB_KEY_ENCRYPTION_KEY_FILE: cannot read .*missing\.kek/,
    );
  });

  it('with a default file (pnpm start), creates it once with mode 0600 and then reuses it', () => {
    const file = join(dir, 'data', 'hub.kek');
    const first = loadConfig({}, { defaultKekFile: file });
    expect(first.keyEncryptionKeySource).toBe(`${file} (created)`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    const second = loadConfig({}, { defaultKekFile: file });
    expect(second.keyEncryptionKeySource).toBe(file);
    expect(second.keyEncryptionKey).toEqual(first.keyEncryptionKey);
    expect(readFileSync(file, 'utf8')).toBe(text);
    // A configured key wins over the default file.
    expect(loadConfig({ HUB_KEY_ENCRYPTION_KEY: KEK }, { defaultKekFile: file }).keyEncryptionKeySource).toBe(
      'HUB_KEY_ENCRYPTION_KEY',
    );
  });
});
