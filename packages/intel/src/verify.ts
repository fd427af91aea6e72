/**
 * Verifying what the hub signs — packages, retractions, the revocation list, the key-status list —
 * following RFC 8725: EdDSA only, an explicit `typ` per kind of token, the `kid` looked up only in the
 * hub's own JWKS and refused when the key-status list names it compromised, `iss`/`aud`/`nbf`/`exp`
 * checked, and a nested JWE accepted only as ECDH-ES+A256KW/A256GCM around a signed JWS.
 */
import type { PackageClaims, RetractionClaims, RevocationListClaims } from '@ewto/schemas/generated/intel';
import { type SchemaPath, validate } from '@ewto/schemas/validate';
import { type CryptoKey, compactDecrypt, compactVerify, decodeProtectedHeader, type JWK } from 'jose';
import { IntelError } from './errors.ts';
import {
  CLOCK_TOLERANCE,
  CONTENT_ENCRYPTION,
  KEY_MANAGEMENT_ALG,
  KEY_STATUS_TYP,
  needsEncryption,
  PACKAGE_TYP,
  RETRACTION_TYP,
  REVOCATIONS_TYP,
  SIGNATURE_ALG,
} from './formats.ts';
import { importVerifyKey } from './keys.ts';

/** What a verifier trusts: the hub's published keys, and the keys it named compromised. */
export interface HubTrust {
  /** The hub's JWKS (`/.well-known/jwks.json`): active and retired keys. */
  jwks: { keys: JWK[] };
  /** Key ids the hub's signed key-status list names compromised. */
  compromised?: ReadonlySet<string> | undefined;
  /** The hub's HUB_URL: the `iss` of everything it signs. */
  issuer: string;
}

export interface VerifyPackageOptions extends HubTrust {
  /** The recipient agency's org id: `aud` must be exactly this. */
  audience: string;
  /** The agency's X25519 private key, for an encrypted package. */
  decryptionKey?: CryptoKey | undefined;
  /** Publication ids of the signed revocation list. */
  revokedPublications?: ReadonlySet<string> | undefined;
  /** Milliseconds since the epoch (default: now). */
  now?: number | undefined;
}

export interface VerifiedPackage {
  claims: PackageClaims;
  /** Whether it came as a JWE. */
  encrypted: boolean;
  /** The signed JWS (the JWE's plaintext, or the package itself). */
  jws: string;
  /** The hub key that signed it. */
  kid: string;
}

const fail = (message: string, cause?: unknown): never => {
  throw new IntelError('verification-failed', message, cause === undefined ? {} : { cause });
};
const decoder = new TextDecoder();

function header(token: string, what: string): Record<string, unknown> {
  try {
    return decodeProtectedHeader(token) as Record<string, unknown>;
  } catch (e) {
    return fail(`${what}: the protected header is not valid base64url JSON`, e);
  }
}

/**
 * Verifies a compact JWS signed by the hub with `typ`, and returns its JSON payload and `kid`.
 * Nothing but EdDSA, a kid of the hub's JWKS and a key not named compromised passes.
 */
export async function verifyHubJws(
  jws: string,
  typ: string,
  trust: Pick<HubTrust, 'jwks' | 'compromised'>,
  what = 'the token',
): Promise<{ payload: Record<string, unknown>; kid: string }> {
  if (jws.split('.').length !== 3) fail(`${what} is not a compact JWS (three dot-separated parts)`);
  const h = header(jws, what);
  if (h.alg !== SIGNATURE_ALG)
    fail(`${what} is signed with alg ${JSON.stringify(h.alg)}; only ${SIGNATURE_ALG} is accepted`);
  if (h.typ !== typ) fail(`${what} has typ ${JSON.stringify(h.typ)}, expected ${typ}`);
  if ('jwk' in h || 'jku' in h || 'x5u' in h || 'x5c' in h)
    fail(`${what} names its own key (jwk/jku/x5u/x5c); only keys of the hub's JWKS are trusted`);
  const kid = h.kid;
  if (typeof kid !== 'string' || kid === '') return fail(`${what} has no kid`);
  if (trust.compromised?.has(kid))
    fail(`${what} is signed by hub key ${kid}, which the hub's key-status list names compromised`);
  const jwk = trust.jwks.keys.find((k) => k.kid === kid);
  if (!jwk) return fail(`${what} is signed by key ${kid}, which is not in the hub's JWKS (unknown kid)`);
  const key = await importVerifyKey(jwk, `hub key ${kid}`);
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws, key, { algorithms: [SIGNATURE_ALG] }));
  } catch (e) {
    return fail(`${what}: signature invalid (${(e as Error).message})`, e);
  }
  let claims: unknown;
  try {
    claims = JSON.parse(decoder.decode(payload));
  } catch (e) {
    return fail(`${what}: the payload is not JSON`, e);
  }
  if (!claims || typeof claims !== 'object' || Array.isArray(claims))
    fail(`${what}: the payload is not a JSON object`);
  return { payload: claims as Record<string, unknown>, kid };
}

function checkShape(claims: unknown, schema: SchemaPath, what: string) {
  const issues = validate(schema, claims);
  if (issues.length) fail(`${what}: ${issues.map((i) => `${i.pointer || '/'} ${i.message}`).join('; ')}`);
}

/** `nbf`/`exp`/`iat` against `now` with CLOCK_TOLERANCE seconds of skew. */
export function checkTimes(
  claims: { iat?: number; nbf?: number; exp?: number },
  now: number,
  what: string,
): void {
  const t = Math.floor(now / 1000);
  if (claims.nbf !== undefined && claims.nbf > t + CLOCK_TOLERANCE)
    fail(`${what} is not valid before ${new Date(claims.nbf * 1000).toISOString()}`);
  if (claims.iat !== undefined && claims.iat > t + CLOCK_TOLERANCE)
    fail(`${what} was issued in the future (${new Date(claims.iat * 1000).toISOString()})`);
  if (claims.exp !== undefined && claims.exp <= t - CLOCK_TOLERANCE)
    fail(`${what} expired at ${new Date(claims.exp * 1000).toISOString()}`);
}

/** Decrypts a package JWE (only ECDH-ES+A256KW / A256GCM / cty JWT) and returns the nested JWS. */
async function openJwe(token: string, key: CryptoKey | undefined): Promise<string> {
  const h = header(token, 'the package');
  if (h.alg !== KEY_MANAGEMENT_ALG || h.enc !== CONTENT_ENCRYPTION)
    fail(
      `the package is encrypted with ${JSON.stringify(h.alg)}/${JSON.stringify(h.enc)}; only ${KEY_MANAGEMENT_ALG} with ${CONTENT_ENCRYPTION} is accepted`,
    );
  if (typeof h.cty !== 'string' || h.cty.toUpperCase() !== 'JWT')
    fail('the encrypted package does not declare cty JWT: its content must be a signed package');
  if (!key)
    return fail(
      `the package is encrypted (to agency key ${String(h.kid ?? 'unnamed')}): give the agency's private encryption key (--key)`,
    );
  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await compactDecrypt(token, key, {
      keyManagementAlgorithms: [KEY_MANAGEMENT_ALG],
      contentEncryptionAlgorithms: [CONTENT_ENCRYPTION],
    }));
  } catch (e) {
    return fail(
      `the package cannot be decrypted with this key (${(e as Error).message}): it is encrypted to another key, or altered`,
      e,
    );
  }
  const inner = decoder.decode(plaintext).trim();
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(inner))
    fail('the encrypted package holds no signed JWS: an encrypted but unsigned payload is not accepted');
  return inner;
}

/**
 * Verifies (and decrypts) a package for one recipient agency.
 * @example
 * const { claims } = await verifyPackage(token, { jwks, issuer, audience: agencyId, decryptionKey });
 */
export async function verifyPackage(token: string, opts: VerifyPackageOptions): Promise<VerifiedPackage> {
  const text = token.trim();
  const parts = text.split('.').length;
  if (parts !== 3 && parts !== 5) fail('the package is neither a compact JWS nor a compact JWE');
  const encrypted = parts === 5;
  const jws = encrypted ? await openJwe(text, opts.decryptionKey) : text;
  const { payload, kid } = await verifyHubJws(jws, PACKAGE_TYP, opts, 'the package');
  if (Array.isArray(payload.aud))
    fail('the package names several audiences; a package names exactly one recipient agency');
  checkShape(payload, 'intel#/$defs/packageClaims', 'the package claims');
  const claims = payload as unknown as PackageClaims;
  if (claims.iss !== opts.issuer) fail(`the package is issued by ${claims.iss}, not by ${opts.issuer}`);
  if (claims.aud !== opts.audience)
    fail(`the package is addressed to ${claims.aud}, not to ${opts.audience} (wrong aud)`);
  checkTimes(claims, opts.now ?? Date.now(), 'the package');
  if (!encrypted && needsEncryption(claims.kind, claims.tlp))
    fail(
      `this ${claims.kind} at TLP:${claims.tlp} must be encrypted to its recipient, but came as a bare JWS`,
    );
  if (opts.revokedPublications?.has(claims.publication))
    fail(`publication ${claims.publication} has been retracted (it is in the revocation list)`);
  return { claims, encrypted, jws, kid };
}

/** Verifies a retraction the hub sent to `audience`. */
export async function verifyRetraction(
  token: string,
  opts: HubTrust & { audience: string; now?: number | undefined },
): Promise<RetractionClaims> {
  const { payload } = await verifyHubJws(token.trim(), RETRACTION_TYP, opts, 'the retraction');
  checkShape(payload, 'intel#/$defs/retractionClaims', 'the retraction claims');
  const claims = payload as unknown as RetractionClaims;
  if (claims.iss !== opts.issuer) fail(`the retraction is issued by ${claims.iss}, not by ${opts.issuer}`);
  if (claims.aud !== opts.audience)
    fail(`the retraction is addressed to ${claims.aud}, not to ${opts.audience} (wrong aud)`);
  checkTimes(claims, opts.now ?? Date.now(), 'the retraction');
  return claims;
}

/** Verifies the signed revocation list and returns the retracted publication ids. */
export async function verifyRevocationList(token: string, trust: HubTrust): Promise<Set<string>> {
  const { payload } = await verifyHubJws(token.trim(), REVOCATIONS_TYP, trust, 'the revocation list');
  checkShape(payload, 'intel#/$defs/revocationClaims', 'the revocation list');
  const claims = payload as unknown as RevocationListClaims;
  if (claims.iss !== trust.issuer)
    fail(`the revocation list is issued by ${claims.iss}, not by ${trust.issuer}`);
  return new Set(claims.publications.map((p) => p.id));
}

/**
 * Verifies the hub's signed key-status list (`GET /api/v1/keys/status`) against its JWKS and returns
 * its issuer and the kids it names compromised.
 */
export async function verifyKeyStatus(
  token: string,
  jwks: HubTrust['jwks'],
): Promise<{ issuer: string | undefined; compromised: Set<string> }> {
  const { payload, kid } = await verifyHubJws(token.trim(), KEY_STATUS_TYP, { jwks }, 'the key-status list');
  const keys = Array.isArray(payload.keys)
    ? (payload.keys as Array<{ kid?: unknown; status?: unknown }>)
    : [];
  const compromised = new Set(
    keys.filter((k) => k.status === 'compromised' && typeof k.kid === 'string').map((k) => k.kid as string),
  );
  if (compromised.has(kid)) fail(`the key-status list is signed by ${kid}, a key it names compromised`);
  return { issuer: typeof payload.iss === 'string' ? payload.iss : undefined, compromised };
}
