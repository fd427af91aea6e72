/** `ewto policy history --org <org> --hub <url>`: a company's submissions and their scores over time. */
import { formatScore } from '@ewto/framework';
import { type Command, EXIT } from '../../cli.ts';
import { allPages, connect } from '../../hub-client.ts';
import { choice } from '../../io.ts';
import { hubOption, orgOf, orgOption } from './submit.ts';

/** One submission as the hub lists it (`GET /api/v1/orgs/{org}/policies`). */
export interface SubmissionItem {
  id: string;
  orgId: string;
  submittedBy: string;
  submittedAt: string;
  frameworkVersion: string;
  mediaType: string;
  score: number;
}

export const historyCommand: Command = {
  kind: 'command',
  name: 'history',
  summary: "A company's policy submissions, oldest first: the score over time",
  usage: '--org <org> --hub <url>',
  description: [
    'Reads every page of GET /api/v1/orgs/<org>/policies (token in EWTO_TOKEN). Text: one line per',
    'submission with its date, edition, score (0-100, one decimal, as in the report) and the change since',
    'the previous submission against the same edition. json: { submissions: [...] }, oldest first.',
    'Exit 0; 1 a hub error (unknown organisation, no access); 2 usage error or unreachable hub.',
  ].join('\n'),
  options: [
    orgOption,
    hubOption,
    { name: 'format', type: 'string', value: 'text|json', default: 'text', description: 'output format' },
  ],
  positionals: [0, 0],
  async run({ values, io }) {
    const format = choice(values.format, ['text', 'json'] as const, 'format');
    const org = orgOf(values.org);
    const client = await connect(io, values.hub);
    const items: SubmissionItem[] = [];
    for await (const item of allPages<SubmissionItem & { summary?: unknown }>(
      client,
      `/api/v1/orgs/${encodeURIComponent(org)}/policies`,
    )) {
      const { summary: _, ...rest } = item;
      items.push(rest);
    }
    items.reverse(); // the hub lists newest first
    if (format === 'json') {
      io.stdout.write(`${JSON.stringify({ submissions: items }, null, 2)}\n`);
      return EXIT.ok;
    }
    if (items.length === 0) {
      io.stdout.write(`${org} has no policy submissions yet\n`);
      return EXIT.ok;
    }
    io.stdout.write(historyText(items));
    return EXIT.ok;
  },
};

/** The table: submitted (UTC), edition, score, change against the previous score on that edition, id. */
export function historyText(items: SubmissionItem[]): string {
  const last = new Map<string, number>();
  const rows = items.map((s) => {
    const before = last.get(s.frameworkVersion);
    last.set(s.frameworkVersion, s.score);
    const change = before === undefined ? '' : signed(s.score - before);
    return [
      s.submittedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, 'Z'),
      s.frameworkVersion,
      formatScore(s.score),
      change,
      s.id,
    ];
  });
  const head = ['submitted (UTC)', 'edition', 'score', 'change', 'submission'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 2 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[line(head), ...rows.map(line)].join('\n')}\n`;
}

/** +1.2, -0.4, ±0.0: one decimal, as scores are. */
function signed(delta: number): string {
  const d = Math.round(delta * 10) / 10;
  return d > 0 ? `+${formatScore(d)}` : d < 0 ? `-${formatScore(-d)}` : '±0.0';
}
