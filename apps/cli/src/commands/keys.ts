/** `ewto keys generate`: an agency's key pairs, made locally; only the public halves go to the hub. */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isId } from '@ewto/identity';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { CliError, type Command, type Group } from '../cli.ts';
import { resolvePath } from '../io.ts';

async function pair(
  alg: 'EdDSA' | 'ECDH-ES+A256KW',
  crv: 'Ed25519' | 'X25519',
  use: 'sig' | 'enc',
  org: string | undefined,
) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { crv, extractable: true });
  const pub = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(pub, 'sha256');
  const meta = { kid, use, alg, ...(org ? { org } : {}) };
  return { kid, pub: { ...pub, ...meta }, priv: { ...(await exportJWK(privateKey)), ...meta } };
}

const generate: Command = {
  kind: 'command',
  name: 'generate',
  summary: "Generate an agency's Ed25519 signing key and X25519 encryption key as JWK files",
  usage: '--out <dir> [--org <org-id>]',
  description:
    'Writes signing.private.jwk.json and encryption.private.jwk.json (mode 0600: keep them, never send them)\nand signing.public.jwk.json and encryption.public.jwk.json (register these with the hub:\nPOST /api/v1/orgs/<agency>/keys {"publicJwk": …}). The signing key\'s kid is the client id of\nthe agency\'s machine client.',
  options: [
    { name: 'out', type: 'string', value: '<dir>', description: 'folder to write the key files to' },
    {
      name: 'org',
      type: 'string',
      value: '<org-id>',
      description:
        'the agency id, written into the key files as "org" (ewto intel verify and receipt then need no --audience/--org)',
    },
  ],
  positionals: [0, 0],
  async run({ values, io }) {
    if (typeof values.out !== 'string') throw new CliError('usage', '--out <dir> is required');
    const dir = resolvePath(io, values.out);
    const org = typeof values.org === 'string' ? values.org : undefined;
    // Written into the key files and checked against packages' aud offline, where a slug cannot be resolved.
    if (org !== undefined && !isId(org))
      throw new CliError(
        'usage',
        `--org must be the agency id (a UUID; GET /api/v1/orgs/${org} shows it), not "${org}": packages name the agency by its id`,
      );
    const sig = await pair('EdDSA', 'Ed25519', 'sig', org);
    const enc = await pair('ECDH-ES+A256KW', 'X25519', 'enc', org);
    try {
      await mkdir(dir, { recursive: true });
      for (const [name, key, secret] of [
        ['signing.private.jwk.json', sig.priv, true],
        ['signing.public.jwk.json', sig.pub, false],
        ['encryption.private.jwk.json', enc.priv, true],
        ['encryption.public.jwk.json', enc.pub, false],
      ] as const) {
        const file = join(dir, name);
        await writeFile(file, `${JSON.stringify(key, null, 2)}\n`, {
          mode: secret ? 0o600 : 0o644,
          flag: 'wx',
        });
        if (secret) await chmod(file, 0o600);
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError(
        'usage',
        code === 'EEXIST'
          ? `key files already exist in ${values.out}; refusing to overwrite`
          : `cannot write to ${values.out}: ${(e as Error).message}`,
      );
    }
    io.stdout.write(`signing key    ${sig.kid}  (client id)\nencryption key ${enc.kid}\nwritten to ${dir}\n`);
    return 0;
  },
};

export const keysGroup: Group = {
  kind: 'group',
  name: 'keys',
  summary: 'Agency key pairs (made locally)',
  children: [generate],
};
