/** The hub run as its own process (as `pnpm start` runs it), for tests that stop or kill it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, tsxBin } from './paths.ts';

export interface HubProcess {
  child: ChildProcess;
  /** The URL the hub printed ("listening on …"). */
  url: string;
  /** Everything the hub has written to stderr so far. */
  stderr: () => string;
  /** Settles when the process exits, with its exit code and the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface HubProcessOptions {
  /** Extra environment (PORT=0 and LOG_LEVEL=warn are set unless given here). */
  env?: Record<string, string>;
  cwd?: string;
  /**
   * The command and its arguments; by default the tsx wrapper on apps/hub/src/main.ts. Give
   * `[process.execPath, '--import', 'tsx', …]` when a SIGKILL must reach the hub itself.
   */
  command?: [string, ...string[]];
  /** How long to wait for the URL. */
  timeoutMs?: number;
}

export const hubMain = join(repoRoot, 'apps/hub/src/main.ts');

/** Starts the hub and waits for the URL it prints; rejects with its stderr if it exits first. */
export async function startHubProcess({
  env = {},
  cwd = repoRoot,
  command = [tsxBin, hubMain],
  timeoutMs = 30_000,
}: HubProcessOptions = {}): Promise<HubProcess> {
  const [cmd, ...args] = command;
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('exit', (code, signal) => r({ code, signal })),
  );
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${stderr}`)), timeoutMs);
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
  return { child, url, stderr: () => stderr, exited };
}
