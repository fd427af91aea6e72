/** Runs a repo command as a user would (tsx entry points, or the CLI bundle), capturing output and exit code. */
import { spawn } from 'node:child_process';
import { cliBundle, tsxBin } from './paths.ts';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(
  entry: string,
  args: string[],
  { cwd, env = {}, input }: { cwd: string; env?: Record<string, string>; input?: string },
): Promise<RunResult> {
  return spawnCapture(tsxBin, [entry, ...args], { cwd, env, ...(input !== undefined ? { input } : {}) });
}

/**
 * `ewto …` from `cwd`, as `pnpm ewto` runs it: `node apps/cli/dist/ewto.mjs` (built fresh by the
 * global setup) with the caller's directory in INIT_CWD.
 */
export function runCli(
  args: string[],
  { cwd, env = {}, input }: { cwd: string; env?: Record<string, string | undefined>; input?: string },
): Promise<RunResult> {
  return spawnCapture(process.execPath, [cliBundle, ...args], {
    cwd,
    env: { INIT_CWD: cwd, ...env },
    ...(input !== undefined ? { input } : {}),
  });
}

export function spawnCapture(
  cmd: string,
  args: string[],
  { cwd, env = {}, input }: { cwd: string; env?: Record<string, string | undefined>; input?: string },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}
