/** `ewto policy diff <company-policy>`: the policy against a framework edition, provision by provision. */
import { pathToFileURL } from 'node:url';
import {
  type CompanyPolicy,
  createCatalog,
  diffPolicy,
  type FrameworkEdition,
  FrameworkError,
  formatJson,
  formatReportJunit,
  formatReportMarkdown,
  formatReportSarif,
  formatReportText,
  formatScore,
  type PolicySource,
  parseCompanyPolicy,
  parseEdition,
} from '@ewto/framework';
import pkg from '../../../package.json' with { type: 'json' };
import { CliError, type Command, EXIT, type Io } from '../../cli.ts';
import { choice, numberOption, readInput, useColour } from '../../io.ts';
import { displayPath, issueLine, loadLibrary, today, todayOption } from './shared.ts';

const FORMATS = ['text', 'json', 'markdown', 'sarif', 'junit'] as const;

export const diffCommand: Command = {
  kind: 'command',
  name: 'diff',
  summary: 'Compare a company policy with a framework edition: covers, exceeds, partial, missing, …',
  usage: '<company-policy>',
  description: [
    "Computes a verdict per provision by comparing the scopes of the policy's rules and measures with",
    "the provision's, and a score 0-100 (must weighs 3, should 1; docs/company-policy-format.md).",
    'Exit 0 ok; 1 the policy is invalid or the score is under --fail-under; 2 usage error or unreadable file.',
  ].join('\n'),
  options: [
    {
      name: 'framework',
      type: 'string',
      value: '<id|latest|file>',
      default: 'latest',
      description: 'edition to compare with: an id (2020), latest, or an edition file',
    },
    {
      name: 'format',
      type: 'string',
      value: FORMATS.join('|'),
      default: 'text',
      description: 'output format',
    },
    {
      name: 'fail-under',
      type: 'string',
      value: '<N>',
      description: 'exit 1 when the score is below N (0-100)',
    },
    todayOption,
  ],
  positionals: [1, 1],
  async run({ values, positionals, io }) {
    const format = choice(values.format, FORMATS, 'format');
    const failUnder =
      values['fail-under'] === undefined
        ? undefined
        : numberOption(values['fail-under'], 'fail-under', { min: 0, max: 100 });
    const day = today(values.today);
    const arg = positionals[0]!;
    const text = await readInput(io, arg);
    const file = displayPath(io, arg);
    const editions = await loadLibrary();
    const edition = await resolveEdition(io, String(values.framework ?? 'latest'), editions);
    const policy = readPolicy(io, file, text, editions, day, edition);
    const report = diffPolicy(edition, policy.document, { today: day, file });
    io.stdout.write(
      render(format, report, { io, file, arg, source: policy.source, policy: policy.document, edition }),
    );
    if (failUnder !== undefined && report.summary.score < failUnder) {
      io.stderr.write(
        `ewto policy diff: score ${formatScore(report.summary.score)} is under --fail-under ${failUnder}\n`,
      );
      return EXIT.checkFailed;
    }
    return EXIT.ok;
  },
};

/**
 * Parses and validates the policy against the edition it is compared with; prints warnings; an
 * invalid policy fails the check (exit 1).
 */
export function readPolicy(
  io: Io,
  file: string,
  text: string,
  editions: FrameworkEdition[],
  day: string,
  edition?: FrameworkEdition,
): { document: CompanyPolicy; source: PolicySource } {
  const r = parseCompanyPolicy(text, { editions, today: day, ...(edition ? { edition } : {}) });
  const issues = r.ok ? r.warnings : r.issues;
  for (const i of issues) io.stderr.write(`${issueLine(file, i)}\n`);
  if (!r.ok) {
    const n = r.issues.filter((i) => i.severity === 'error').length;
    throw new CliError(
      'check-failed',
      `${file} is not a valid company policy (${n} error${n === 1 ? '' : 's'})`,
    );
  }
  return { document: r.document, source: r.source };
}

async function resolveEdition(io: Io, id: string, editions: FrameworkEdition[]): Promise<FrameworkEdition> {
  if (/\.(ya?ml|json)$/i.test(id)) {
    const text = await readInput(io, id);
    const r = parseEdition(text, { editions });
    if (!r.ok) {
      for (const i of r.issues) io.stderr.write(`${issueLine(displayPath(io, id), i)}\n`);
      throw new CliError('check-failed', `${displayPath(io, id)} is not a valid framework edition`);
    }
    return r.document;
  }
  try {
    return createCatalog(editions).resolve(id);
  } catch (e) {
    if (e instanceof FrameworkError) throw new CliError('usage', `--framework: ${e.message}`, { cause: e });
    throw e;
  }
}

function render(
  format: (typeof FORMATS)[number],
  report: ReturnType<typeof diffPolicy>,
  ctx: {
    io: Io;
    file: string;
    arg: string;
    source: PolicySource;
    policy: CompanyPolicy;
    edition: FrameworkEdition;
  },
): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'markdown':
      return formatReportMarkdown(report);
    case 'junit':
      return formatReportJunit(report);
    case 'sarif': {
      const absolute = ctx.file.startsWith('/');
      const uri = ctx.arg === '-' ? 'stdin' : absolute ? pathToFileURL(ctx.file).href : ctx.file;
      return formatJson(
        formatReportSarif(report, {
          uri,
          ...(absolute || ctx.arg === '-'
            ? {}
            : { baseUri: `${pathToFileURL(ctx.io.cwd).href.replace(/\/?$/, '/')}` }),
          source: ctx.source,
          policy: ctx.policy,
          edition: ctx.edition,
          toolVersion: pkg.version,
        }),
      );
    }
    default:
      return formatReportText(report, { colour: useColour(ctx.io) });
  }
}
