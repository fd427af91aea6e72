/** `ewto intel inbox | fetch | receipt`: an agency's intake against a hub (token in EWTO_TOKEN). */
import { importSignKey, signReceipt } from '@ewto/intel';
import { calculateJwkThumbprint } from 'jose';
import { CliError, type Command } from '../../cli.ts';
import { connect } from '../../hub-client.ts';
import { choice, numberOption, readInput, resolvePath } from '../../io.ts';
import { readKeyFile } from './trust.ts';

const hubOption = { name: 'hub', type: 'string', value: '<url>', description: 'the hub' } as const;

interface InboxItem {
  id: string;
  kind: string;
  intelKind?: string;
  publication: string;
  packageId: string;
  tlp?: string;
  encrypted: boolean;
  deliveredAt: string;
}

export const inbox: Command = {
  kind: 'command',
  name: 'inbox',
  summary: "List your agency's inbox: packages and retractions, in delivery order",
  usage: '--hub <url> [--cursor <c>] [--limit N] [--format text|jsonl]',
  description:
    'Reads every page after --cursor and ends with the cursor to poll with next time (text: a last\nline "next cursor: …"; jsonl: a last record {"nextCursor": …}). The cursor never skips or repeats an item.',
  options: [
    hubOption,
    { name: 'cursor', type: 'string', value: '<c>', description: 'the cursor the previous run ended with' },
    { name: 'limit', type: 'string', value: '<N>', description: 'items per request (1-200)', default: '200' },
    { name: 'format', type: 'string', value: 'text|jsonl', description: 'output format', default: 'text' },
  ],
  positionals: [0, 0],
  async run({ values, io }) {
    const format = choice(values.format, ['text', 'jsonl'] as const, 'format');
    const limit = numberOption(values.limit, 'limit', { min: 1, max: 200 });
    const client = await connect(io, values.hub);
    let cursor = typeof values.cursor === 'string' ? values.cursor : '';
    for (;;) {
      const page = await client.get<{ items: InboxItem[]; nextCursor: string }>(
        `/api/v1/intel/inbox?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      for (const i of page.items)
        io.stdout.write(
          format === 'jsonl'
            ? `${JSON.stringify(i)}\n`
            : `${i.id}  ${i.kind.padEnd(10)} ${(i.intelKind ?? '').padEnd(14)} TLP:${(i.tlp ?? '').padEnd(12)} ${i.encrypted ? 'JWE' : 'JWS'}  ${i.deliveredAt}${i.kind === 'retraction' ? `  retracts ${i.packageId}` : ''}\n`,
        );
      cursor = page.nextCursor;
      if (page.items.length < limit) break;
    }
    io.stdout.write(
      format === 'jsonl' ? `${JSON.stringify({ nextCursor: cursor })}\n` : `next cursor: ${cursor}\n`,
    );
    return 0;
  },
};

export const fetchCommand: Command = {
  kind: 'command',
  name: 'fetch',
  summary: 'Fetch a package (or retraction) as its compact JWS/JWE',
  usage: '<id> --hub <url> [--out <file>]',
  description: 'Writes the compact serialisation to --out (or stdout); check it with `ewto intel verify`.',
  options: [hubOption, { name: 'out', type: 'string', value: '<file>', description: 'file to write it to' }],
  positionals: [1, 1],
  async run({ values, positionals, io }) {
    const client = await connect(io, values.hub);
    const token = await client.getText(`/api/v1/intel/packages/${encodeURIComponent(positionals[0]!)}`);
    if (typeof values.out === 'string') {
      const { writeFile } = await import('node:fs/promises');
      try {
        await writeFile(resolvePath(io, values.out), `${token}\n`);
      } catch (e) {
        throw new CliError('unreadable-file', `cannot write ${values.out}: ${(e as Error).message}`);
      }
    } else io.stdout.write(`${token}\n`);
    return 0;
  },
};

export const receipt: Command = {
  kind: 'command',
  name: 'receipt',
  summary: "Acknowledge a package or retraction with a receipt signed by your agency's key",
  usage: '<id> --key <signing-jwk> --hub <url> [--org <agency-id>] [--package <file>]',
  description:
    'Signs { iss: agency, aud: hub, sub: <id>, iat, exp, jti, digest } (typ ewto-receipt+jwt) with the agency\'s\nEd25519 signing.private.jwk.json, over the package as fetched (or --package, the file you verified),\nand sends it. The agency id comes from --org or the key file\'s "org" (ewto keys generate --org).',
  options: [
    hubOption,
    {
      name: 'key',
      type: 'string',
      value: '<signing-jwk>',
      description: "the agency's signing.private.jwk.json",
    },
    {
      name: 'org',
      type: 'string',
      value: '<agency-id>',
      description: 'the agency id (default: "org" of the key file)',
    },
    { name: 'package', type: 'string', value: '<file>', description: 'the package as you fetched it' },
  ],
  positionals: [1, 1],
  async run({ values, positionals, io }) {
    if (typeof values.key !== 'string') throw new CliError('usage', '--key <signing-jwk> is required');
    const jwk = await readKeyFile(io, values.key);
    const agencyId = typeof values.org === 'string' ? values.org : jwk.org;
    if (!agencyId)
      throw new CliError('usage', '--org <agency-id> is required (the key file carries no "org")');
    let key: CryptoKey;
    try {
      key = (await importSignKey(jwk, values.key)) as CryptoKey;
    } catch (e) {
      throw new CliError('usage', (e as Error).message);
    }
    const kid = jwk.kid ?? (await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'sha256'));
    const id = positionals[0]!;
    const client = await connect(io, values.hub);
    const token =
      typeof values.package === 'string'
        ? (await readInput(io, values.package)).trim()
        : await client.getText(`/api/v1/intel/packages/${encodeURIComponent(id)}`);
    const jws = await signReceipt({ token, subject: id, agencyId, hubUrl: client.base, key: { kid, key } });
    const res = await client.send('POST', `/api/v1/intel/packages/${encodeURIComponent(id)}/receipt`, {
      body: JSON.stringify({ receipt: jws }),
      contentType: 'application/json',
    });
    const text = await res.text();
    if (!res.ok) {
      let detail = text;
      try {
        detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
      } catch {}
      throw new CliError('hub-error', `receipt refused (${res.status}): ${detail}`);
    }
    const out = JSON.parse(text) as { id: string; kind: string; receivedAt: string };
    io.stdout.write(`✓ ${out.kind} ${out.id} acknowledged at ${out.receivedAt}\n`);
    return 0;
  },
};
