/** `ewto policy validate <file>...`: framework editions and company policies, told apart by `kind:`. */
import { type LocatedIssue, parseDocument } from '@ewto/framework';
import { decodeUtf8, type Utf8Result } from '@ewto/schemas';
import { CliError, type Command, EXIT } from '../../cli.ts';
import { choice, readInputBytes } from '../../io.ts';
import { displayPath, issueLine, loadLibrary, today, todayOption } from './shared.ts';

interface FileResult {
  file: string;
  kind?: string;
  valid: boolean;
  readable: boolean;
  issues: LocatedIssue[];
  summary?: string;
}

export const validateCommand: Command = {
  kind: 'command',
  name: 'validate',
  summary: 'Check framework editions and company policies; errors as file:line:col: message',
  usage: '<file>...',
  description: [
    'Each file is YAML or JSON with `kind: framework-edition` or `kind: company-policy`. Errors name the',
    'line, column and field, and what was expected; warnings (an expired waiver, a reference to a',
    'withdrawn provision) do not fail the check. Provision references are checked against the editions',
    'in policies/framework/. Exit 0 all valid; 1 a file is invalid or malformed; 2 a file cannot be read.',
  ].join('\n'),
  options: [
    { name: 'format', type: 'string', value: 'text|json', default: 'text', description: 'output format' },
    todayOption,
  ],
  positionals: [1, Number.POSITIVE_INFINITY],
  async run({ values, positionals, io }) {
    const format = choice(values.format, ['text', 'json'] as const, 'format');
    const day = today(values.today);
    const editions = await loadLibrary();
    const results: FileResult[] = [];
    for (const arg of positionals) {
      const file = displayPath(io, arg);
      let bytes: Uint8Array;
      try {
        bytes = await readInputBytes(io, arg);
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        io.stderr.write(`ewto policy validate: ${e.message}\n`);
        results.push({ file, valid: false, readable: false, issues: [] });
        continue;
      }
      const decoded = decodeUtf8(bytes);
      if (!decoded.ok) {
        results.push({ file, valid: false, readable: true, issues: [utf8Issue(bytes, decoded)] });
        continue;
      }
      const r = parseDocument(decoded.text, {
        editions,
        today: day,
        format: arg.toLowerCase().endsWith('.json') ? 'json' : 'yaml',
      });
      const issues = r.ok ? r.warnings : r.issues;
      let summary: string | undefined;
      if (r.ok && r.kind === 'company-policy') {
        const d = r.document as { company: string; rules?: unknown[]; measures?: unknown[] };
        summary = `company policy "${d.company}", ${d.rules?.length ?? 0} rules, ${d.measures?.length ?? 0} measures`;
      } else if (r.ok) {
        const d = r.document as { version: string; provisions: unknown[] };
        summary = `framework edition ${d.version}, ${d.provisions.length} provisions`;
      }
      results.push({
        file,
        ...(r.kind ? { kind: r.kind } : {}),
        valid: r.ok,
        readable: true,
        issues,
        ...(summary ? { summary } : {}),
      });
    }
    if (format === 'json')
      io.stdout.write(
        `${JSON.stringify(
          {
            files: results.map(({ file, kind, valid, readable, issues }) => ({
              file,
              kind,
              valid,
              readable,
              issues,
            })),
          },
          null,
          2,
        )}\n`,
      );
    else
      for (const r of results) {
        if (!r.readable) continue;
        for (const i of r.issues) io.stdout.write(`${issueLine(r.file, i)}\n`);
        const errors = r.issues.filter((i) => i.severity === 'error').length;
        io.stdout.write(
          r.valid
            ? `${r.file}: ok (${r.summary})\n`
            : `${r.file}: ${errors} error${errors === 1 ? '' : 's'}${r.kind ? ` in this ${r.kind}` : ''}\n`,
        );
      }
    if (results.some((r) => !r.readable)) return EXIT.usage;
    return results.every((r) => r.valid) ? EXIT.ok : EXIT.checkFailed;
  },
};

/** Invalid UTF-8, at the line of the bad byte (the column counts bytes). */
export function utf8Issue(bytes: Uint8Array, bad: Extract<Utf8Result, { ok: false }>): LocatedIssue {
  let line = 1;
  let start = 0;
  for (let i = 0; i < bad.offset; i++)
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  return { pointer: '', severity: 'error', message: bad.message, line, col: bad.offset - start + 1 };
}
