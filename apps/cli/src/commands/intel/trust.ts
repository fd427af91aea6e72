/** Reading what offline verification trusts: the hub's JWKS, its key-status list, the revocation list, an agency key. */
import {
  type HubTrust,
  IntelError,
  importDecryptKey,
  verifyKeyStatus,
  verifyRevocationList,
} from '@ewto/intel';
import type { CryptoKey, JWK } from 'jose';
import { CliError, type Io } from '../../cli.ts';
import { readInput } from '../../io.ts';

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** A file (or `-`) or an http(s) URL, as text; unreadable → usage error (exit 2). */
export async function readSource(io: Io, source: string, option: string): Promise<string> {
  if (!isUrl(source)) return readInput(io, source);
  let res: Response;
  try {
    res = await fetch(source);
  } catch (e) {
    throw new CliError('unreadable-file', `--${option}: cannot fetch ${source}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new CliError('unreadable-file', `--${option}: ${source} answered ${res.status}`);
  return res.text();
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError('unreadable-file', `${what} is not JSON: ${(e as Error).message}`);
  }
}

/** A private JWK file, as `ewto keys generate` writes it (with `org` when made with --org). */
export async function readKeyFile(io: Io, file: string): Promise<JWK & { kid?: string; org?: string }> {
  const jwk = parseJson(await readInput(io, file), file) as JWK & { org?: string };
  if (!jwk || typeof jwk !== 'object' || typeof jwk.kty !== 'string')
    throw new CliError('unreadable-file', `${file} is not a JWK`);
  return jwk;
}

export interface Trust extends HubTrust {
  revoked?: Set<string> | undefined;
  decryptionKey?: CryptoKey | undefined;
  audience: string;
}

/** Everything `intel verify` / `intel stix` check a package against, from their options. */
export async function loadTrust(io: Io, values: Record<string, unknown>): Promise<Trust> {
  if (typeof values.jwks !== 'string') throw new CliError('usage', '--jwks <file|url> is required');
  const jwks = parseJson(
    await readSource(io, values.jwks, 'jwks'),
    `--jwks ${values.jwks}`,
  ) as HubTrust['jwks'];
  if (!jwks || !Array.isArray(jwks.keys))
    throw new CliError('unreadable-file', `--jwks ${values.jwks} is not a JWKS (an object with "keys")`);
  const checked = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof IntelError) throw new CliError('check-failed', e.message);
      throw e;
    }
  };
  let issuer = typeof values.issuer === 'string' ? values.issuer.replace(/\/+$/, '') : undefined;
  let compromised: Set<string> | undefined;
  if (typeof values['key-status'] === 'string') {
    const text = await readSource(io, values['key-status'], 'key-status');
    const status = await checked(() => verifyKeyStatus(text, jwks));
    compromised = status.compromised;
    issuer ??= status.issuer;
  }
  if (!issuer && isUrl(values.jwks)) issuer = new URL(values.jwks).origin;
  if (!issuer)
    throw new CliError(
      'usage',
      "give --issuer <hub url> (or --key-status, or --jwks as the hub's URL): the package's iss is checked against it",
    );
  let decryptionKey: CryptoKey | undefined;
  let org: string | undefined;
  if (typeof values.key === 'string') {
    const jwk = await readKeyFile(io, values.key);
    org = jwk.org;
    try {
      decryptionKey = await importDecryptKey(jwk, values.key);
    } catch (e) {
      throw new CliError('usage', (e as Error).message);
    }
  }
  const audience = typeof values.audience === 'string' ? values.audience : org;
  if (!audience)
    throw new CliError(
      'usage',
      '--audience <org-id> is required (the agency the package must be addressed to), unless the --key file carries "org" (ewto keys generate --org)',
    );
  const trust: Trust = { jwks, issuer, audience, compromised, decryptionKey };
  if (typeof values.revocations === 'string') {
    const text = await readSource(io, values.revocations, 'revocations');
    trust.revoked = await checked(() => verifyRevocationList(text, { jwks, issuer: issuer!, compromised }));
  }
  return trust;
}

export const TRUST_OPTIONS = [
  {
    name: 'jwks',
    type: 'string',
    value: '<file|url>',
    description: "the hub's JWKS (/.well-known/jwks.json)",
  },
  {
    name: 'key',
    type: 'string',
    value: '<private-jwk>',
    description: "the agency's encryption.private.jwk.json (for encrypted packages)",
  },
  {
    name: 'audience',
    type: 'string',
    value: '<org-id>',
    description: 'the agency id the package must name in aud (default: "org" of the --key file)',
  },
  {
    name: 'revocations',
    type: 'string',
    value: '<file|url>',
    description: 'the signed revocation list (GET /api/v1/intel/revocations)',
  },
  {
    name: 'key-status',
    type: 'string',
    value: '<file|url>',
    description: "the hub's signed key-status list (GET /api/v1/keys/status): compromised keys fail",
  },
  {
    name: 'issuer',
    type: 'string',
    value: '<url>',
    description: "the hub's URL, the expected iss (default: from --key-status, or the --jwks URL's origin)",
  },
] as const;
