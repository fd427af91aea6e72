import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hubMain, startHubProcess } from './support/hub-process.ts';
import { repoRoot, tsxBin } from './support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'ewto-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The arguments `pnpm start` gives the hub (after `main.ts` in the root package.json's start script). */
const startArgs = (
  /apps\/hub\/src\/main\.ts(.*)$/.exec(
    (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: { start: string } })
      .scripts.start,
  )?.[1] ?? ''
)
  .trim()
  .split(/\s+/)
  .filter(Boolean);

/** Starts the hub as `pnpm start` does (in `cwd`), waits for its URL, then stops it with a signal. */
async function startAndStop(env: Record<string, string>, signal: NodeJS.Signals, cwd = repoRoot) {
  const hub = await startHubProcess({
    command: [tsxBin, hubMain, ...startArgs],
    cwd,
    env,
    timeoutMs: 20_000,
  });
  const health = await (await fetch(`${hub.url}/healthz`)).json();
  const exit = new Promise<number | null>((r) => hub.child.on('close', (code) => r(code)));
  hub.child.kill(signal);
  return { url: hub.url, health, code: await exit, stderr: hub.stderr() };
}

describe('starting the hub', () => {
  it('creates and migrates the file database and its key-encryption key, stops cleanly on SIGINT, and reuses both', async () => {
    const first = await startAndStop({}, 'SIGINT', dir);
    expect(first.health).toMatchObject({ status: 'ok' });
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(join(dir, 'data', 'hub.db'))).toBe(true);
    const kek = join(dir, 'data', 'hub.kek');
    expect(statSync(kek).mode & 0o777).toBe(0o600);
    expect(first.stderr).toContain('data/hub.kek (created)');
    const key = readFileSync(kek, 'utf8');
    const second = await startAndStop({}, 'SIGTERM', dir);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toContain('(created)');
    expect(readFileSync(kek, 'utf8')).toBe(key);
  }, 60_000);

  it('refuses a database other than :memory: without a key-encryption key', async () => {
    const child = spawn(tsxBin, ['apps/hub/src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: '0', DATABASE_URL: `file:${join(dir, 'other.db')}` },
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(2);
    expect(stderr).toContain('HUB_KEY_ENCRYPTION_KEY or HUB_KEY_ENCRYPTION_KEY_FILE: required');
  }, 30_000);

  it('refuses to start on a wrong value, naming the variable', async () => {
    const child = spawn(tsxBin, ['apps/hub/src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: 'abc' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(2);
    expect(stderr).toContain('PORT: expected a whole number');
  }, 30_000);
});
