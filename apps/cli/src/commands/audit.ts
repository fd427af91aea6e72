/** `ewto audit verify`: recompute the hub's audit log and check it against its signed checkpoints. */
import {
  type AuditCheckpoint,
  type AuditEntry,
  type AuditLogReport,
  CHECKPOINT_JWS_TYPE,
  canonicalJson,
  verifyAuditLog,
  verifyCheckpointConsistency,
  verifyEntryInclusion,
} from '@ewto/audit';
import { validate } from '@ewto/schemas';
import { compactVerify, createLocalJWKSet, decodeJwt, type JSONWebKeySet } from 'jose';
import { CliError, type Command, EXIT, type Group, type Io } from '../cli.ts';
import { allPages, connect, type HubClient } from '../hub-client.ts';
import { choice, readInput } from '../io.ts';

interface Served {
  checkpoint: AuditCheckpoint;
  jws: string;
}

/** Checks a served checkpoint's JWS against the hub's keys; its payload must be the canonical body. */
async function checkSignature(
  s: Served,
  keys: ReturnType<typeof createLocalJWKSet>,
  compromised: Set<string>,
): Promise<string | undefined> {
  try {
    const { payload, protectedHeader } = await compactVerify(s.jws, keys, { algorithms: ['EdDSA'] });
    if (protectedHeader.typ !== CHECKPOINT_JWS_TYPE)
      return `typ is ${protectedHeader.typ}, expected ${CHECKPOINT_JWS_TYPE}`;
    if (protectedHeader.kid && compromised.has(protectedHeader.kid))
      return `signed by compromised key ${protectedHeader.kid}`;
    if (new TextDecoder().decode(payload) !== canonicalJson(s.checkpoint))
      return 'the signed payload is not this checkpoint';
    return undefined;
  } catch (e) {
    return `signature invalid: ${(e as Error).message}`;
  }
}

async function hubKeys(client: HubClient) {
  const jwks = await client.get<JSONWebKeySet>('/.well-known/jwks.json');
  const keys = createLocalJWKSet(jwks);
  const status = await client.getText('/api/v1/keys/status');
  await compactVerify(status, keys, { algorithms: ['EdDSA'] }).catch((e) => {
    throw new CliError('check-failed', `the hub's key-status list does not verify: ${(e as Error).message}`);
  });
  const claims = decodeJwt(status) as { keys?: Array<{ kid: string; status: string }> };
  return {
    keys,
    compromised: new Set((claims.keys ?? []).filter((k) => k.status === 'compromised').map((k) => k.kid)),
  };
}

function printReport(io: Io, report: AuditLogReport, extra: string[], format: string) {
  if (format === 'json') {
    io.stdout.write(
      `${JSON.stringify({ ...report, ok: report.ok && extra.length === 0, signatureProblems: extra })}\n`,
    );
    return;
  }
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
    "Needs a convener admin's token in EWTO_TOKEN to read the whole log. With --org, an organisation's\nadmin verifies the entries about that organisation by inclusion proofs against the latest checkpoint.\nExit 1 names the first entry that was edited, deleted or reordered, or a checkpoint that does not verify.",
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
    const { keys, compromised } = await hubKeys(client);
    const latest = await client.get<Served>('/api/v1/audit/checkpoint');
    const served = [...(await collect(allPages<Served>(client, '/api/v1/audit/checkpoints')))];
    if (!served.some((s) => s.checkpoint.treeSize === latest.checkpoint.treeSize)) served.push(latest);
    const signatureProblems: string[] = [];
    for (const s of saved ? [...served, saved] : served) {
      const why = await checkSignature(s, keys, compromised);
      if (why)
        signatureProblems.push(`checkpoint of size ${s.checkpoint.treeSize} (${s.checkpoint.time}): ${why}`);
    }
    if (saved) {
      const proof = await client
        .get<{ fromSize: number; toSize: number; proof: string[] }>(
          `/api/v1/audit/proofs/consistency?from=${saved.checkpoint.treeSize}&to=${latest.checkpoint.treeSize}`,
        )
        .catch((e: Error) => ({ error: e.message }) as never);
      if ('error' in (proof as object))
        signatureProblems.push(
          `no consistency proof from the saved checkpoint: ${(proof as unknown as { error: string }).error}`,
        );
      else {
        const check = verifyCheckpointConsistency({ from: saved.checkpoint, to: latest.checkpoint, proof });
        if (!check.ok) signatureProblems.push(check.message);
      }
    }
    if (typeof values.org === 'string') {
      let checked = 0;
      for await (const item of allPages<{ seq: number; entry: AuditEntry }>(
        client,
        `/api/v1/audit/entries?org=${encodeURIComponent(values.org)}`,
      )) {
        if (item.seq >= latest.checkpoint.treeSize) continue;
        const proof = await client.get<never>(
          `/api/v1/audit/proofs/inclusion?seq=${item.seq}&treeSize=${latest.checkpoint.treeSize}`,
        );
        const check = verifyEntryInclusion({ entry: item.entry, proof, checkpoint: latest.checkpoint });
        if (!check.ok) signatureProblems.push(check.message);
        checked++;
      }
      const ok = signatureProblems.length === 0;
      if (format === 'json')
        io.stdout.write(`${JSON.stringify({ ok, entriesChecked: checked, problems: signatureProblems })}\n`);
      else {
        for (const p of signatureProblems) io.stdout.write(`✗ ${p}\n`);
        if (ok)
          io.stdout.write(
            `✓ ${checked} entries about ${values.org} are in the log of checkpoint size ${latest.checkpoint.treeSize}\n`,
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
      checkpoints: served.map((s) => s.checkpoint),
      ...(saved ? { savedCheckpoint: saved.checkpoint } : {}),
      origin: latest.checkpoint.origin,
    });
    printReport(io, report, signatureProblems, format);
    return report.ok && signatureProblems.length === 0 ? EXIT.ok : EXIT.checkFailed;
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
