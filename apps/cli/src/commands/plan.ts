/** `ewto plan …`: action plans on a hub (token in EWTO_TOKEN). */
import { CliError, type Command, EXIT, type Group } from '../cli.ts';
import { allPages, connect } from '../hub-client.ts';
import { choice } from '../io.ts';

const hubOption = { name: 'hub', type: 'string', value: '<url>', description: 'the hub' } as const;

function planIdOf(positionals: string[]): string {
  const id = positionals[0];
  if (!id) throw new CliError('usage', 'give the plan id');
  return encodeURIComponent(id);
}

export const exportCommand: Command = {
  kind: 'command',
  name: 'export',
  summary: 'Print a plan as Markdown or JSON (as stored: what every editor has seen)',
  usage: '<plan-id> --hub <url> [--format markdown|json]',
  description: [
    'GET /api/v1/plans/<plan-id> (json: schemas/action-plan.schema.json) or ?format=markdown.',
    'Exit 0; 1 a hub error (unknown plan, no access); 2 usage error or unreachable hub.',
  ].join('\n'),
  options: [
    hubOption,
    {
      name: 'format',
      type: 'string',
      value: 'markdown|json',
      default: 'markdown',
      description: 'output format',
    },
  ],
  positionals: [1, 1],
  async run({ values, positionals, io }) {
    const format = choice(values.format, ['markdown', 'json'] as const, 'format');
    const id = planIdOf(positionals);
    const client = await connect(io, values.hub);
    if (format === 'json')
      io.stdout.write(`${JSON.stringify(await client.get(`/api/v1/plans/${id}`), null, 2)}\n`);
    else io.stdout.write(await client.getText(`/api/v1/plans/${id}?format=markdown`));
    return EXIT.ok;
  },
};

interface VersionItem {
  id: string;
  label: string;
  createdAt: string;
  createdBy: string;
}

export const versionsCommand: Command = {
  kind: 'command',
  name: 'versions',
  summary: "A plan's named versions, newest first: who, when, label",
  usage: '<plan-id> --hub <url> [--format text|json]',
  description: [
    'Reads every page of GET /api/v1/plans/<plan-id>/versions. json: { versions: [...] }.',
    'Exit 0; 1 a hub error (unknown plan, no access); 2 usage error or unreachable hub.',
  ].join('\n'),
  options: [
    hubOption,
    { name: 'format', type: 'string', value: 'text|json', default: 'text', description: 'output format' },
  ],
  positionals: [1, 1],
  async run({ values, positionals, io }) {
    const format = choice(values.format, ['text', 'json'] as const, 'format');
    const id = planIdOf(positionals);
    const client = await connect(io, values.hub);
    const versions: VersionItem[] = [];
    for await (const v of allPages<VersionItem>(client, `/api/v1/plans/${id}/versions`)) versions.push(v);
    if (format === 'json') {
      io.stdout.write(`${JSON.stringify({ versions }, null, 2)}\n`);
      return EXIT.ok;
    }
    if (versions.length === 0) {
      io.stdout.write('no named versions yet\n');
      return EXIT.ok;
    }
    const rows = versions.map((v) => [
      v.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      v.createdBy,
      v.id,
      v.label,
    ]);
    const head = ['created (UTC)', 'by', 'version', 'label'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd();
    io.stdout.write(`${[line(head), ...rows.map(line)].join('\n')}\n`);
    return EXIT.ok;
  },
};

export const planGroup: Group = {
  kind: 'group',
  name: 'plan',
  summary: 'Action plans on a hub: export one, list its named versions',
  children: [exportCommand, versionsCommand],
};
