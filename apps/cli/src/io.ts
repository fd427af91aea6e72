/** Helpers every command uses: paths relative to the caller, file reading, choices, output. */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { CliError, type Io } from './cli.ts';

/** Resolves a path argument against the directory the user ran `pnpm ewto` from. */
export function resolvePath(io: Io, p: string): string {
  return isAbsolute(p) ? p : resolve(io.cwd, p);
}

/** Reads a file argument (or `-` for stdin); a missing or unreadable file is a usage error (exit 2). */
export async function readInput(io: Io, p: string): Promise<string> {
  return (await readInputBytes(io, p)).toString('utf8');
}

/** A file's (or stdin's, for `-`) bytes, undecoded; an unreadable file is a usage error. */
export async function readInputBytes(io: Io, p: string): Promise<Buffer> {
  if (p === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(resolvePath(io, p));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new CliError('unreadable-file', `cannot read ${p}: ${why}`, { cause: e });
  }
}

/** Checks an option against its allowed values. */
export function choice<T extends string>(value: unknown, allowed: readonly T[], option: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError('usage', `--${option} must be one of ${allowed.join(', ')} (got "${String(value)}")`);
}

/** Parses a numeric option. */
export function numberOption(
  value: unknown,
  option: string,
  { min = -Infinity, max = Infinity } = {},
): number {
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new CliError(
      'usage',
      `--${option} must be a number from ${min} to ${max} (got "${String(value)}")`,
    );
  return n;
}

/** Whether to colour output: a TTY, and NO_COLOR unset. */
export function useColour(io: Io): boolean {
  return Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
}
