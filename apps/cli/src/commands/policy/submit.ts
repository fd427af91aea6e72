/** `ewto policy submit <file> --org <org> --hub <url>`: store a policy on the hub and print the report it stored. */
import { pathToFileURL } from 'node:url';
import {
  type AlignmentReport,
  type FrameworkEdition,
  formatJson,
  formatReportJunit,
  formatReportMarkdown,
  formatReportSarif,
  formatReportText,
  parseCompanyPolicy,
} from '@ewto/framework';
import { decodeUtf8 } from '@ewto/schemas';
import pkg from '../../../package.json' with { type: 'json' };
import { CliError, type Command, EXIT, type Io } from '../../cli.ts';
import { connect, type HubClient, problemText } from '../../hub-client.ts';
import { choice, readInputBytes, useColour } from '../../io.ts';
import { displayPath, issueLine, loadLibrary, today } from './shared.ts';
import { utf8Issue } from './validate.ts';

const FORMATS = ['text', 'json', 'markdown', 'sarif', 'junit'] as const;

export const orgOption = {
  name: 'org',
  type: 'string',
  value: '<org>',
  description: 'the company: its slug or id',
} as const;
export const hubOption = { name: 'hub', type: 'string', value: '<url>', description: 'the hub' } as const;

/** The organisation option, required. */
export function orgOf(value: unknown): string {
  if (typeof value !== 'string' || !value) throw new CliError('usage', '--org <org> is required');
  return value;
}

export const submitCommand: Command = {
  kind: 'command',
  name: 'submit',
  summary:
    'Submit a company policy to the hub: stored immutably; prints the report it stored and the submission id',
  usage: '<company-policy> --org <org> --hub <url>',
  description: [
    'Sends the file (YAML, or JSON for .json files; `-` reads YAML from stdin) to',
    'POST /api/v1/orgs/<org>/policies with the token in EWTO_TOKEN (an access token, or a personal access',
    'token that is exchanged first). The hub assesses it against --framework and stores the document and',
    'its report; this prints that report and the submission id (text and markdown: a closing line; json:',
    '{ id, url, report }; sarif: runs[0].properties.submission; junit: on stderr).',
    'Exit 0 stored; 1 the hub refused it (an invalid policy: errors as file:line:col: message) or another',
    'hub error; 2 usage error, unreadable file or unreachable hub.',
  ].join('\n'),
  options: [
    orgOption,
    hubOption,
    {
      name: 'framework',
      type: 'string',
      value: '<id|latest>',
      default: 'latest',
      description: 'edition to assess against',
    },
    {
      name: 'format',
      type: 'string',
      value: FORMATS.join('|'),
      default: 'text',
      description: 'output format',
    },
  ],
  positionals: [1, 1],
  async run({ values, positionals, io }) {
    const format = choice(values.format, FORMATS, 'format');
    const org = orgOf(values.org);
    const framework = String(values.framework ?? 'latest');
    const arg = positionals[0]!;
    const bytes = await readInputBytes(io, arg);
    const file = displayPath(io, arg);
    // Sent as read: a file that is not UTF-8 would otherwise be stored with U+FFFD in place of its bytes.
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok) {
      io.stderr.write(`${issueLine(file, utf8Issue(bytes, decoded))}\n`);
      io.stderr.write(`ewto policy submit: ${file} is not UTF-8; nothing was sent\n`);
      return EXIT.checkFailed;
    }
    const text = decoded.text;
    const client = await connect(io, values.hub);
    const res = await client.send(
      'POST',
      `/api/v1/orgs/${encodeURIComponent(org)}/policies?framework=${encodeURIComponent(framework)}`,
      { body: text, contentType: /\.json$/i.test(arg) ? 'application/json' : 'application/yaml' },
    );
    if (res.status === 422) return refused(io, file, res);
    if (res.status !== 201)
      throw new CliError('hub-error', `the hub did not store ${file}: ${await problemText(res)}`);
    const report = (await res.json()) as AlignmentReport;
    const location = res.headers.get('location') ?? '';
    const submission = { id: location.split('/').at(-1) ?? '', url: new URL(location, client.base).href };
    io.stdout.write(await render(format, report, submission, { io, arg, file, text, client }));
    if (format === 'junit') io.stderr.write(`ewto policy submit: stored as submission ${submission.id}\n`);
    return EXIT.ok;
  },
};

/** A 422: the hub's located errors as `file:line:col: message`, exit 1 (the check failed). */
async function refused(io: Io, file: string, res: Response): Promise<number> {
  const problem = (await res.json().catch(() => ({}))) as {
    detail?: string;
    errors?: Array<{ pointer?: string; message: string; line?: number; col?: number }>;
  };
  const errors = problem.errors?.length ? problem.errors : [{ message: problem.detail ?? 'invalid policy' }];
  for (const e of errors)
    io.stderr.write(
      `${issueLine(file, { severity: 'error', pointer: e.pointer ?? '', message: e.message, line: e.line ?? 1, col: e.col ?? 1 })}\n`,
    );
  io.stderr.write(`ewto policy submit: the hub refused ${file}; nothing was stored\n`);
  return EXIT.checkFailed;
}

async function render(
  format: (typeof FORMATS)[number],
  report: AlignmentReport,
  submission: { id: string; url: string },
  ctx: { io: Io; arg: string; file: string; text: string; client: HubClient },
): Promise<string> {
  const closing = `submission ${submission.id} (${submission.url})\n`;
  switch (format) {
    case 'json':
      return formatJson({ ...submission, report });
    case 'markdown':
      return `${formatReportMarkdown(report)}\nStored as ${closing}`;
    case 'junit':
      return formatReportJunit(report);
    case 'sarif': {
      // Results point into the file as diff's do: positions from the local text, the edition the hub used.
      const edition = await ctx.client.get<FrameworkEdition>(
        `/api/v1/frameworks/${encodeURIComponent(report.framework.version)}`,
      );
      const parsed = parseCompanyPolicy(ctx.text, {
        editions: await loadLibrary(),
        today: today(undefined),
        edition,
      });
      const absolute = ctx.file.startsWith('/');
      const sarif = formatReportSarif(report, {
        uri: ctx.arg === '-' ? 'stdin' : absolute ? pathToFileURL(ctx.file).href : ctx.file,
        ...(absolute || ctx.arg === '-'
          ? {}
          : { baseUri: `${pathToFileURL(ctx.io.cwd).href.replace(/\/?$/, '/')}` }),
        source: parsed.source,
        ...(parsed.ok ? { policy: parsed.document } : {}),
        edition,
        toolVersion: pkg.version,
      });
      return formatJson({
        ...sarif,
        runs: sarif.runs.map((run) => ({ ...run, properties: { ...run.properties, submission } })),
      });
    }
    default:
      return `${formatReportText(report, { colour: useColour(ctx.io) })}\nStored as ${closing}`;
  }
}
