/**
 * Receipts: an agency's signed statement that it received a package (or a retraction), verified by
 * the hub with a signing key the agency registered (`typ: ewto-receipt+jwt`, EdDSA only).
 */
import type { ReceiptClaims } from '@ewto/schemas/generated/intel';
import { validate } from '@ewto/schemas/validate';
import { base64url, CompactSign, type CryptoKey, compactVerify, decodeProtectedHeader } from 'jose';
import { IntelError } from './errors.ts';
import { MAX_RECEIPT_LIFETIME, RECEIPT_TYP, SIGNATURE_ALG } from './formats.ts';
import type { SigningKey } from './keys.ts';
import { checkTimes } from './verify.ts';

const encoder = new TextEncoder();
const fail = (message: string, cause?: unknown): never => {
  throw new IntelError('verification-failed', message, cause === undefined ? {} : { cause });
};

/** base64url SHA-256 of a package's (or retraction's) compact serialisation: what a receipt names. */
export async function tokenDigest(token: string): Promise<string> {
  return base64url.encode(
    new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(token.trim()))),
  );
}

/**
 * Signs a receipt for `token` (a package or retraction the agency fetched).
 * @example
 * const receipt = await signReceipt({ token, subject: packageId, agencyId, hubUrl, key });
 */
export async function signReceipt({
  token,
  subject,
  agencyId,
  hubUrl,
  key,
  now = Date.now(),
  lifetime = 300,
}: {
  token: string;
  subject: string;
  agencyId: string;
  hubUrl: string;
  key: SigningKey;
  now?: number;
  lifetime?: number;
}): Promise<string> {
  const iat = Math.floor(now / 1000);
  const claims: ReceiptClaims = {
    iss: agencyId,
    aud: hubUrl,
    sub: subject,
    iat,
    exp: iat + lifetime,
    jti: crypto.randomUUID(),
    digest: await tokenDigest(token),
  };
  return new CompactSign(encoder.encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: SIGNATURE_ALG, typ: RECEIPT_TYP, kid: key.kid })
    .sign(key.key);
}

export interface ReceiptExpectations {
  /** The agency's public signing key for a kid, or undefined when it registered none by that kid (or revoked it). */
  keyFor(kid: string): Promise<CryptoKey | undefined>;
  agencyId: string;
  /** The hub's HUB_URL (or the names it answers to: loopbackAliases). */
  audience: string | readonly string[];
  /** The package or retraction id. */
  subject: string;
  /** tokenDigest() of the package or retraction as the hub delivered it. */
  digest: string;
  now?: number;
}

/** Verifies a receipt; returns its claims, or throws IntelError('verification-failed') saying why. */
export async function verifyReceipt(receipt: string, expect: ReceiptExpectations): Promise<ReceiptClaims> {
  const jws = receipt.trim();
  if (jws.split('.').length !== 3) fail('the receipt is not a compact JWS (three dot-separated parts)');
  let h: Record<string, unknown>;
  try {
    h = decodeProtectedHeader(jws) as Record<string, unknown>;
  } catch (e) {
    return fail('the receipt header is not valid base64url JSON', e);
  }
  if (h.alg !== SIGNATURE_ALG)
    fail(`the receipt is signed with alg ${JSON.stringify(h.alg)}; only ${SIGNATURE_ALG} is accepted`);
  if (h.typ !== RECEIPT_TYP) fail(`the receipt has typ ${JSON.stringify(h.typ)}, expected ${RECEIPT_TYP}`);
  if ('jwk' in h || 'jku' in h || 'x5u' in h || 'x5c' in h)
    fail("the receipt names its own key; only the agency's registered keys are trusted");
  if (typeof h.kid !== 'string' || !h.kid) return fail('the receipt has no kid');
  const key = await expect.keyFor(h.kid);
  if (!key)
    return fail(
      `the receipt is signed by key ${h.kid}, which is not a signing key of this agency (unknown kid)`,
    );
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, key, { algorithms: [SIGNATURE_ALG] }));
  } catch (e) {
    return fail(`the receipt signature is invalid (${(e as Error).message})`, e);
  }
  let claims: ReceiptClaims;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch (e) {
    return fail('the receipt payload is not JSON', e);
  }
  const issues = validate('intel#/$defs/receiptClaims', claims);
  if (issues.length)
    fail(`the receipt claims: ${issues.map((i) => `${i.pointer || '/'} ${i.message}`).join('; ')}`);
  if (claims.iss !== expect.agencyId) fail(`the receipt is issued by ${claims.iss}, not by this agency`);
  const audiences = typeof expect.audience === 'string' ? [expect.audience] : expect.audience;
  if (!audiences.includes(claims.aud))
    fail(`the receipt is addressed to ${claims.aud}, not to ${audiences[0]}`);
  if (claims.sub !== expect.subject) fail(`the receipt is for ${claims.sub}, not for ${expect.subject}`);
  if (claims.exp - claims.iat > MAX_RECEIPT_LIFETIME)
    fail(`a receipt may be valid for at most ${MAX_RECEIPT_LIFETIME} seconds`);
  checkTimes(claims, expect.now ?? Date.now(), 'the receipt');
  if (claims.digest !== expect.digest)
    fail('the receipt names a digest that is not the one of the package as delivered');
  return claims;
}
