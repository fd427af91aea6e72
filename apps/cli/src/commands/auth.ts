/**
 * `ewto auth client-token`: an agency machine client gets an access token with its private key (RFC 7523).
 * `ewto auth redeem`: a person exchanges an invitation code for their first personal access token.
 */
import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { CliError, type Command, type Group } from '../cli.ts';
import { hubUrl, redeemInvitation, requestClientToken, signClientAssertion } from '../hub-client.ts';
import { resolvePath } from '../io.ts';

const clientToken: Command = {
  kind: 'command',
  name: 'client-token',
  summary: "Print an access token for an agency's machine client, signed with its private key",
  usage: '--hub <url> --key <signing.private.jwk.json>',
  description:
    'Signs a one-time client assertion (private_key_jwt, 60 seconds) and exchanges it at the token endpoint.\nUse: export EWTO_TOKEN=$(pnpm -s ewto auth client-token --hub … --key …)',
  options: [
    { name: 'hub', type: 'string', value: '<url>', description: 'the hub' },
    {
      name: 'key',
      type: 'string',
      value: '<file>',
      description: 'the Ed25519 private JWK from `ewto keys generate`',
    },
  ],
  positionals: [0, 0],
  async run({ values, io }) {
    const base = hubUrl(values.hub);
    if (typeof values.key !== 'string') throw new CliError('usage', '--key <file> is required');
    let jwk: JWK;
    try {
      jwk = JSON.parse(await readFile(resolvePath(io, values.key), 'utf8')) as JWK;
    } catch (e) {
      throw new CliError('unreadable-file', `cannot read key ${values.key}: ${(e as Error).message}`);
    }
    if (jwk.crv !== 'Ed25519' || !jwk.d || !jwk.kid)
      throw new CliError('usage', `${values.key} is not an Ed25519 private JWK with a kid`);
    const endpoint = `${base}/api/v1/auth/token`;
    const res = await requestClientToken(
      endpoint,
      await signClientAssertion({ ...jwk, kid: jwk.kid }, endpoint),
    );
    const body = (await res.json()) as { access_token?: string; detail?: string };
    if (!res.ok || !body.access_token)
      throw new CliError('hub-error', `token request failed: ${res.status} ${body.detail ?? ''}`);
    io.stdout.write(`${body.access_token}\n`);
    return 0;
  },
};

const redeem: Command = {
  kind: 'command',
  name: 'redeem',
  summary:
    'Exchange an invitation code for a personal access token (printed once) scoped to that organisation',
  usage: '<invitation-code> --hub <url> [--name <name>]',
  description:
    'The code (ewto_inv_…) comes from the organisation admin who added you; it works once, for 7 days.\nThe token is printed on stdout, once: keep it like a password. Use: export EWTO_TOKEN=<token>',
  options: [
    { name: 'hub', type: 'string', value: '<url>', description: 'the hub' },
    {
      name: 'name',
      type: 'string',
      value: '<name>',
      description: 'what the token is for (shown in token lists)',
      default: 'invitation',
    },
  ],
  positionals: [1, 1],
  async run({ positionals, values, io }) {
    const base = hubUrl(values.hub);
    const code = positionals[0]!.trim();
    if (!code.startsWith('ewto_inv_'))
      throw new CliError('usage', 'an invitation code starts with ewto_inv_: copy it whole');
    const res = await redeemInvitation(base, code, typeof values.name === 'string' ? values.name : undefined);
    io.stdout.write(`${res.token}\n`);
    io.stderr.write(
      `personal access token ${res.info.id}, scoped to organisation ${res.info.scopeOrgId}, expires ${res.info.expiresAt}\n`,
    );
    return 0;
  },
};

export const authGroup: Group = {
  kind: 'group',
  name: 'auth',
  summary: 'Getting access tokens',
  children: [clientToken, redeem],
};
