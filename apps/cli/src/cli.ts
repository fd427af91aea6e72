/**
 * The command tree of `ewto`: groups of commands, each with its options, `--help` on every level,
 * and the exit codes of design.md (0 ok; 1 the check failed; 2 usage error or unreadable file).
 */
import { parseArgs } from 'node:util';

export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** The directory the user ran the command from (pnpm passes it as INIT_CWD). */
  cwd: string;
  env: Record<string, string | undefined>;
}

export interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  short?: string;
  description: string;
  /** Shown in help, e.g. `<file>` or `text|json`. */
  value?: string;
  multiple?: boolean;
  default?: string;
}

export interface Command {
  kind: 'command';
  name: string;
  summary: string;
  /** Usage line after `ewto <group> <name>`, e.g. `<file>...`. */
  usage: string;
  description?: string;
  options: OptionSpec[];
  /** Minimum and maximum number of positional arguments. */
  positionals: [min: number, max: number];
  run(ctx: {
    values: Record<string, string | boolean | string[] | undefined>;
    positionals: string[];
    io: Io;
  }): Promise<number>;
}

export interface Group {
  kind: 'group';
  name: string;
  summary: string;
  children: Array<Command | Group>;
}

export const EXIT = { ok: 0, checkFailed: 1, usage: 2 } as const;

export const CLI_ERROR_CODES = ['usage', 'unreadable-file', 'check-failed', 'hub-error'] as const;
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: (typeof CLI_ERROR_CODES)[number],
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  get exitCode(): number {
    return this.code === 'check-failed' || this.code === 'hub-error' ? EXIT.checkFailed : EXIT.usage;
  }
}

const HELP: OptionSpec = { name: 'help', short: 'h', type: 'boolean', description: 'show this help' };

function optionLines(options: OptionSpec[]): string {
  const rows = [...options, HELP].map((o) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.type === 'string' ? ` ${o.value ?? '<value>'}` : ''}`;
    return [flag, `${o.description}${o.default !== undefined ? ` (default: ${o.default})` : ''}`] as const;
  });
  const width = Math.max(...rows.map(([f]) => f.length)) + 2;
  return rows.map(([f, d]) => `  ${f.padEnd(width)}${d}`).join('\n');
}

export function commandHelp(path: string[], cmd: Command): string {
  return [
    `Usage: ewto ${[...path, cmd.name].join(' ')} ${cmd.usage}`.trimEnd(),
    '',
    cmd.summary,
    ...(cmd.description ? ['', cmd.description] : []),
    '',
    'Options:',
    optionLines(cmd.options),
    '',
  ].join('\n');
}

export function groupHelp(path: string[], group: Group): string {
  const width = Math.max(...group.children.map((c) => c.name.length)) + 2;
  return [
    `Usage: ewto ${[...path].join(' ')}${path.length ? ' ' : ''}<command> [options]`,
    '',
    group.summary,
    '',
    'Commands:',
    ...group.children.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `Run \`ewto ${[...path, '<command>'].join(' ')} --help\` for a command's options.`,
    '',
  ].join('\n');
}

/** Finds the command for argv, prints help or usage errors, runs it and returns the exit code. */
export async function dispatch(root: Group, argv: string[], io: Io, version: string): Promise<number> {
  let node: Group | Command = root;
  const path: string[] = [];
  let rest = argv;
  while (node.kind === 'group') {
    const [head, ...tail] = rest;
    if (head === undefined || head === '--help' || head === '-h' || head === 'help') {
      io.stdout.write(groupHelp(path, node));
      return head === undefined && path.length > 0 ? EXIT.usage : EXIT.ok;
    }
    if (path.length === 0 && (head === '--version' || head === '-V')) {
      io.stdout.write(`${version}\n`);
      return EXIT.ok;
    }
    const next: Group | Command | undefined = node.children.find((c) => c.name === head);
    if (!next) {
      io.stderr.write(`ewto: unknown command "${[...path, head].join(' ')}"\n\n${groupHelp(path, node)}`);
      return EXIT.usage;
    }
    path.push(node === root ? head : head);
    node = next;
    rest = tail;
  }
  const cmd: Command = node;
  const parentPath = path.slice(0, -1);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(commandHelp(parentPath, cmd));
    return EXIT.ok;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        cmd.options.map((o) => [
          o.name,
          {
            type: o.type,
            ...(o.short ? { short: o.short } : {}),
            ...(o.multiple ? { multiple: true } : {}),
            ...(o.default !== undefined ? { default: o.default } : {}),
          },
        ]),
      ),
    });
  } catch (e) {
    return usageError(io, parentPath, cmd, (e as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
  const [min, max] = cmd.positionals;
  if (parsed.positionals.length < min) return usageError(io, parentPath, cmd, 'missing argument');
  if (parsed.positionals.length > max)
    return usageError(io, parentPath, cmd, `unexpected argument "${parsed.positionals[max]}"`);
  try {
    return await cmd.run({ values: parsed.values as never, positionals: parsed.positionals, io });
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr.write(`ewto ${path.join(' ')}: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

function usageError(io: Io, path: string[], cmd: Command, msg: string): number {
  io.stderr.write(`ewto ${[...path, cmd.name].join(' ')}: ${msg}\n\n${commandHelp(path, cmd)}`);
  return EXIT.usage;
}
