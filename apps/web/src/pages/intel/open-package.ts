/**
 * Opening a package in the browser, as `ewto intel verify` does offline: a JWE is decrypted with the
 * agency's private key loaded from a local file (it never leaves the page); the JWS inside must be
 * EdDSA, typ ewto-intel+jwt, signed by a key in the hub's JWKS not named compromised in the signed
 * key-status list, addressed to the agency, within nbf/exp, and not revoked.
 */
import {
  compactDecrypt,
  compactVerify,
  createLocalJWKSet,
  decodeJwt,
  importJWK,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { api } from '../../api.ts';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}
export interface Opened {
  claims: Record<string, unknown> | undefined;
  checks: Check[];
}

const TOLERANCE = 30;

export async function openPackage(
  compact: string,
  opts: { privateJwk?: JWK; audiences: string[]; hubUrl: string },
): Promise<Opened> {
  const checks: Check[] = [];
  let jws = compact;
  const encrypted = compact.split('.').length === 5;
  if (encrypted) {
    if (!opts.privateJwk)
      throw new Error(
        "This package is encrypted: load your agency's encryption key file (…private.jwk.json) to open it.",
      );
    try {
      const key = await importJWK(opts.privateJwk, 'ECDH-ES+A256KW');
      const { plaintext, protectedHeader } = await compactDecrypt(compact, key, {
        keyManagementAlgorithms: ['ECDH-ES+A256KW'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      if (protectedHeader.cty !== 'JWT') throw new Error(`cty is ${protectedHeader.cty}, expected JWT`);
      jws = new TextDecoder().decode(plaintext);
      checks.push({
        name: 'Decrypted',
        ok: true,
        detail: 'with the key file you loaded (ECDH-ES+A256KW, A256GCM); it was not sent anywhere',
      });
    } catch (e) {
      throw new Error(
        `The package could not be decrypted with this key file: ${(e as Error).message}. Load the encryption private key of your agency.`,
      );
    }
  }
  const jwks = await api<JSONWebKeySet>('/.well-known/jwks.json');
  const keys = createLocalJWKSet(jwks);
  const statusText = await (await fetch('/api/v1/keys/status', { credentials: 'same-origin' })).text();
  let compromised = new Set<string>();
  try {
    await compactVerify(statusText, keys, { algorithms: ['EdDSA'] });
    const c = decodeJwt(statusText) as { keys?: Array<{ kid: string; status: string }> };
    compromised = new Set((c.keys ?? []).filter((k) => k.status === 'compromised').map((k) => k.kid));
  } catch (e) {
    checks.push({
      name: 'Key status',
      ok: false,
      detail: `the signed key-status list does not verify: ${(e as Error).message}`,
    });
  }
  let claims: Record<string, unknown> | undefined;
  try {
    const { payload, protectedHeader } = await compactVerify(jws, keys, { algorithms: ['EdDSA'] });
    if (protectedHeader.typ !== 'ewto-intel+jwt') throw new Error(`typ is ${protectedHeader.typ}`);
    claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    checks.push({ name: 'Signature', ok: true, detail: `EdDSA by hub key ${protectedHeader.kid}` });
    const bad = protectedHeader.kid !== undefined && compromised.has(protectedHeader.kid);
    checks.push({
      name: 'Key status',
      ok: !bad,
      detail: bad ? `key ${protectedHeader.kid} is named compromised` : 'the signing key is not compromised',
    });
  } catch (e) {
    checks.push({
      name: 'Signature',
      ok: false,
      detail: `does not verify against the hub's keys: ${(e as Error).message}`,
    });
    return { claims: undefined, checks };
  }
  const now = Math.floor(Date.now() / 1000);
  const exp = Number(claims.exp);
  const nbf = Number(claims.nbf);
  checks.push({
    name: 'Validity',
    ok: nbf - TOLERANCE <= now && now <= exp + TOLERANCE,
    detail: `valid from ${new Date(nbf * 1000).toISOString()} until ${new Date(exp * 1000).toISOString()}`,
  });
  checks.push({ name: 'Issuer', ok: claims.iss === opts.hubUrl, detail: `issued by ${String(claims.iss)}` });
  checks.push({
    name: 'Audience',
    ok: opts.audiences.includes(String(claims.aud)),
    detail: opts.audiences.includes(String(claims.aud))
      ? 'addressed to your agency'
      : `addressed to ${String(claims.aud)}, not your agency`,
  });
  const mustEncrypt =
    claims.kind === 'network-report' || ['AMBER', 'AMBER+STRICT', 'RED'].includes(String(claims.tlp));
  if (mustEncrypt && !encrypted)
    checks.push({ name: 'Encryption', ok: false, detail: 'should have come encrypted but is a bare JWS' });
  try {
    const rev = await (await fetch('/api/v1/intel/revocations', { credentials: 'same-origin' })).text();
    await compactVerify(rev, keys, { algorithms: ['EdDSA'] });
    const list = decodeJwt(rev) as { publications?: Array<{ id: string; retractedAt: string }> };
    const hit = (list.publications ?? []).find((p) => p.id === claims.publication);
    checks.push({
      name: 'Revocation',
      ok: !hit,
      detail: hit ? `retracted on ${hit.retractedAt}` : 'not retracted',
    });
  } catch (e) {
    checks.push({
      name: 'Revocation',
      ok: false,
      detail: `the revocation list could not be checked: ${(e as Error).message}`,
    });
  }
  return { claims, checks };
}
