import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, tsxBin } from './support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'ewto-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the hub as `pnpm start` does, waits for its URL, then stops it with a signal. */
async function startAndStop(env: Record<string, string>, signal: NodeJS.Signals) {
  const child = spawn(tsxBin, ['apps/hub/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${stderr}`)), 20_000);
    child.stderr.on('data', (d) => {
      stderr += d;
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  const health = await (await fetch(`${url}/healthz`)).json();
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  child.kill(signal);
  return { url, health, code: await exit, stderr };
}

describe('starting the hub', () => {
  it('creates and migrates the file database, stops cleanly on SIGINT, and reuses the data', async () => {
    const url = `file:${join(dir, 'data', 'hub.db')}`;
    const first = await startAndStop({ DATABASE_URL: url }, 'SIGINT');
    expect(first.health).toMatchObject({ status: 'ok' });
    expect(first.code).toBe(0);
    expect(existsSync(join(dir, 'data', 'hub.db'))).toBe(true);
    const second = await startAndStop({ DATABASE_URL: url }, 'SIGTERM');
    expect(second.code).toBe(0);
  }, 60_000);

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
