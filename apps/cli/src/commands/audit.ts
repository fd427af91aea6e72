/** `ewto audit verify`: recompute the hub's audit log and check it against its signed checkpoints. */
import { type AuditEntry, type AuditLogReport, verifyAuditLog, verifyEntryInclusion } from '@ewto/audit';
import { validate } from '@ewto/schemas';
import { CliError, type Command, EXIT, type Group, type Io } from '../cli.ts';
import { allPages, connect } from '../hub-client.ts';
import { choice, readInput } from '../io.ts';
import {
  bySize,
  checkChain,
  checkExtends,
  coverageProblem,
  describe,
  hubKeys,
  judge,
  type Served,
} from './audit-trust.ts';

function printReport(io: Io, report: AuditLogReport, extra: string[], warnings: string[], format: string) {
  if (format === 'json') {
    io.stdout.write(
      `${JSON.stringify({ ...report, ok: report.ok && extra.length === 0, signatureProblems: extra, warnings })}\n`,
    );
    return;
  }
  for (const w of warnings) io.stdout.write(`! ${w}\n`);
  for (const p of extra) io.stdout.write(`✗ ${p}\n`);
  for (const p of report.problems)
    io.stdout.write(`✗ ${p.kind}${p.seq !== undefined ? ` (seq ${p.seq})` : ''}: ${p.message}\n`);
  if (report.ok && extra.length === 0)
    io.stdout.write(
      `✓ audit log verified: ${report.treeSize} entries, root ${report.rootHash}, ${report.checkpointsChecked} signed checkpoints match\n`,
    );
  else if (report.firstBadSeq !== undefined) io.stdout.write(`first bad entry: seq ${report.firstBadSeq}\n`);
}

const verify: Command = {
  kind: 'command',
  name: 'verify',
  summary: "Recompute the hub's audit log and check it against its signed checkpoints",
  usage: '--hub <url> [--checkpoint <saved.json>] [--org <org>] [--format text|json]',
  description:
    "Needs a convener admin's token in EWTO_TOKEN to read the whole log. With --org, an organisation's\nadmin verifies the entries about that organisation by inclusion proofs against the latest trusted\ncheckpoint. Either way every fetched checkpoint must extend the one before it (consistency proofs).\nCheckpoints signed by a key the hub's key-status list names compromised are reported as untrusted\n(a warning) and vouch for nothing; the log passes when a trusted checkpoint covers it.\nExit 1 names the first entry that was edited, deleted or reordered, or a checkpoint that does not verify.",
  options: [
    { name: 'hub', type: 'string', value: '<url>', description: 'the hub' },
    {
      name: 'checkpoint',
      type: 'string',
      value: '<file>',
      description: 'a checkpoint saved earlier (GET /api/v1/audit/checkpoint): the log must still extend it',
    },
    {
      name: 'org',
      type: 'string',
      value: '<org>',
      description: "verify only this organisation's entries, by inclusion proofs",
    },
    { name: 'format', type: 'string', value: 'text|json', description: 'output format', default: 'text' },
  ],
  positionals: [0, 0],
  async run({ values, io }) {
    const format = choice(values.format, ['text', 'json'] as const, 'format');
    let saved: Served | undefined;
    if (typeof values.checkpoint === 'string') {
      const text = await readInput(io, values.checkpoint);
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (e) {
        throw new CliError('check-failed', `${values.checkpoint}: not JSON: ${(e as Error).message}`);
      }
      const issues = validate('audit-checkpoint', data);
      if (issues.length)
        throw new CliError(
          'check-failed',
          `${values.checkpoint}: ${issues.map((i) => `${i.pointer}: ${i.message}`).join('; ')}`,
        );
      saved = data as Served;
    }
    const client = await connect(io, values.hub);
    const keys = await hubKeys(client);
    const latest = await client.get<Served>('/api/v1/audit/checkpoint');
    const served = bySize([
      ...(await collect(allPages<Served>(client, '/api/v1/audit/checkpoints'))),
      latest,
    ]);
    // Which checkpoints to trust: a compromised key's vouch for nothing (a warning), a bad signature fails.
    const problems: string[] = [];
    const warnings: string[] = [];
    const trusted: Served[] = [];
    for (const s of served) {
      const v = await judge(s, keys);
      if (v.trusted) trusted.push(s);
      else if ('warning' in v) warnings.push(v.warning);
      else problems.push(v.problem);
    }
    let savedTrusted = false;
    if (saved) {
      const v = await judge(saved, keys, true);
      if (v.trusted) savedTrusted = true;
      else if ('warning' in v) warnings.push(v.warning);
      else problems.push(v.problem);
    }
    const head = trusted.at(-1);
    const uncovered = coverageProblem(trusted, served);
    if (uncovered) problems.push(uncovered);
    // Every trusted checkpoint extends the one before it, and the saved one is extended by the latest.
    problems.push(...(await checkChain(client, trusted)));
    if (saved && savedTrusted && head)
      problems.push(...(await checkExtends(client, saved.checkpoint, head.checkpoint)));

    if (typeof values.org === 'string') {
      let checked = 0;
      if (head)
        for await (const item of allPages<{ seq: number; entry: AuditEntry }>(
          client,
          `/api/v1/audit/entries?org=${encodeURIComponent(values.org)}`,
        )) {
          if (item.seq >= head.checkpoint.treeSize) continue;
          const proof = await client.get<never>(
            `/api/v1/audit/proofs/inclusion?seq=${item.seq}&treeSize=${head.checkpoint.treeSize}`,
          );
          const check = verifyEntryInclusion({ entry: item.entry, proof, checkpoint: head.checkpoint });
          if (!check.ok) problems.push(check.message);
          checked++;
        }
      const ok = problems.length === 0;
      if (format === 'json')
        io.stdout.write(`${JSON.stringify({ ok, entriesChecked: checked, problems, warnings })}\n`);
      else {
        for (const w of warnings) io.stdout.write(`! ${w}\n`);
        for (const p of problems) io.stdout.write(`✗ ${p}\n`);
        if (ok)
          io.stdout.write(
            `✓ ${checked} entries about ${values.org} are in the log of ${describe(head!)}, and the ${trusted.length} trusted checkpoints are consistent\n`,
          );
      }
      return ok ? EXIT.ok : EXIT.checkFailed;
    }
    const items = await collect(
      allPages<{ seq: number; entry: AuditEntry; leafHash: string }>(client, '/api/v1/audit/entries'),
    );
    const report = verifyAuditLog({
      entries: items.map((i) => i.entry),
      storedLeafHashes: items.map((i) => i.leafHash),
      checkpoints: trusted.map((s) => s.checkpoint),
      ...(saved && savedTrusted ? { savedCheckpoint: saved.checkpoint } : {}),
      origin: latest.checkpoint.origin,
    });
    printReport(io, report, problems, warnings, format);
    return report.ok && problems.length === 0 ? EXIT.ok : EXIT.checkFailed;
  },
};

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export const auditGroup: Group = {
  kind: 'group',
  name: 'audit',
  summary: "The hub's tamper-evident audit log",
  children: [verify],
};
