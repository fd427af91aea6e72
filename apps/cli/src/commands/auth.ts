/** `ewto auth client-token`: an agency machine client gets an access token with its private key (RFC 7523). */
import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { CliError, type Command, type Group } from '../cli.ts';
import { hubUrl, requestClientToken, signClientAssertion } from '../hub-client.ts';
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

export const authGroup: Group = {
  kind: 'group',
  name: 'auth',
  summary: 'Getting access tokens',
  children: [clientToken],
};
