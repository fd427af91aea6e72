/** `ewto intel verify` and `ewto intel stix`: a package checked (and decrypted) without the hub. */
import { IntelError, toStixBundle, type VerifiedPackage, verifyPackage } from '@ewto/intel';
import { CliError, type Command, type OptionSpec } from '../../cli.ts';
import { choice, readInput } from '../../io.ts';
import { loadTrust, TRUST_OPTIONS } from './trust.ts';

async function check(io: Parameters<Command['run']>[0]['io'], file: string, values: Record<string, unknown>) {
  const trust = await loadTrust(io, values);
  const token = await readInput(io, file);
  try {
    return await verifyPackage(token, { ...trust, revokedPublications: trust.revoked });
  } catch (e) {
    if (e instanceof IntelError) throw new CliError('check-failed', `${file}: ${e.message}`);
    throw e;
  }
}

function summary(v: VerifiedPackage): string {
  const c = v.claims;
  const body = c.body as { title?: string };
  return [
    `✓ package ${c.jti} verified${v.encrypted ? ' (decrypted)' : ''}`,
    `  ${c.kind} "${body.title ?? ''}"`,
    `  from ${c.iss} (publication ${c.publication}, key ${v.kid}) to ${c.aud}`,
    `  TLP:${c.tlp}  handling ${c.handling}${c.handlingNote ? ` (${c.handlingNote})` : ''}  grades ${c.grades.source}${c.grades.information}`,
    `  valid ${new Date(c.nbf * 1000).toISOString()} to ${new Date(c.exp * 1000).toISOString()}`,
    '',
  ].join('\n');
}

export const verify: Command = {
  kind: 'command',
  name: 'verify',
  summary: 'Verify (and decrypt) an intelligence package offline',
  usage:
    '<package-file> --jwks <file|url> [--key <private-jwk>] [--audience <org-id>] [--revocations <file|url>] [--key-status <file|url>]',
  description:
    "Checks the package as RFC 8725 asks: EdDSA only, typ ewto-intel+jwt, a kid of the hub's JWKS not named\ncompromised, aud (the agency), iss (the hub), nbf/exp; an encrypted package only as ECDH-ES+A256KW/A256GCM\naround a signed JWS; a package that should be encrypted but is not fails; so does a retracted publication.\nExit 0 prints the claims (--format json: as JSON); exit 1 names the reason; exit 2 for usage errors and\nunreadable files. See docs/intelligence.md.",
  options: [
    ...(TRUST_OPTIONS as unknown as OptionSpec[]),
    { name: 'format', type: 'string', value: 'text|json', description: 'output format', default: 'text' },
  ],
  positionals: [1, 1],
  async run({ values, positionals, io }) {
    const format = choice(values.format, ['text', 'json'] as const, 'format');
    const v = await check(io, positionals[0]!, values);
    if (format === 'json')
      io.stdout.write(
        `${JSON.stringify({ ok: true, encrypted: v.encrypted, kid: v.kid, claims: v.claims }, null, 2)}\n`,
      );
    else io.stdout.write(`${summary(v)}${JSON.stringify(v.claims.body, null, 2)}\n`);
    return 0;
  },
};

export const stix: Command = {
  kind: 'command',
  name: 'stix',
  summary: 'Verify a package offline and print it as a STIX 2.1 bundle',
  usage:
    '<package-file> --jwks <file|url> [--key <private-jwk>] [--audience <org-id>] [--revocations <file|url>]',
  description:
    "Verifies as `ewto intel verify` does, then prints the bundle: the hub's identity, the official TLP 2.0\nmarking definition, a report, indicators, user-account and url observables and relationships, with ids\nthat are UUIDv5 over content (a re-export creates no duplicates).",
  options: TRUST_OPTIONS as unknown as OptionSpec[],
  positionals: [1, 1],
  async run({ values, positionals, io }) {
    const v = await check(io, positionals[0]!, values);
    io.stdout.write(`${JSON.stringify(await toStixBundle(v.claims), null, 2)}\n`);
    return 0;
  },
};
