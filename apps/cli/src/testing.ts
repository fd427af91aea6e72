/** For tests: runs the CLI in-process with captured output. */
import { Readable } from 'node:stream';
import type { Io } from './cli.ts';
import { runCli } from './main.ts';

export async function runCaptured(
  argv: string[],
  {
    cwd = process.cwd(),
    env = {},
    stdin = '',
  }: { cwd?: string; env?: Record<string, string>; stdin?: string } = {},
) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from([stdin]) as unknown as Io['stdin'],
    cwd,
    env,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
