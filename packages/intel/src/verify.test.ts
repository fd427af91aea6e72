import { CompactEncrypt, CompactSign, decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { IntelError } from './errors.ts';
import { encryptJws, preparePublication } from './package.ts';
import { signRevocationList } from './retraction.ts';
import { agencyKeys, b64, flipPart, hubKey, ISSUER, publication, REPORT } from './testing/fixtures.ts';
import { verifyPackage, verifyRevocationList } from './verify.ts';

let hub: Awaited<ReturnType<typeof hubKey>>;
let a: Awaited<ReturnType<typeof agencyKeys>>;
let b: Awaited<ReturnType<typeof agencyKeys>>;
const A = '019a0000-0000-7000-8000-00000000000a';
const B = '019a0000-0000-7000-8000-00000000000b';
const trust = () => ({ jwks: { keys: [hub.publicJwk] }, issuer: ISSUER });

beforeAll(async () => {
  hub = await hubKey();
  a = await agencyKeys();
  b = await agencyKeys();
});

async function amberPackage(over = {}) {
  const pack = preparePublication(publication({ tlp: 'AMBER', ...over }));
  return pack.build(
    {
      agencyId: A,
      packageId: '019a0000-0000-7000-8000-0000000000p1'.replace('p', '0'),
      encryptionKey: a.encryption,
    },
    hub,
  );
}
async function greenPackage(over = {}) {
  const pack = preparePublication(publication(over));
  return pack.build({ agencyId: A, packageId: '019a0000-0000-7000-8000-000000000002' }, hub);
}

async function rejects(token: string, opts: Partial<Parameters<typeof verifyPackage>[1]>, reason: RegExp) {
  const err = await verifyPackage(token, {
    ...trust(),
    audience: A,
    decryptionKey: a.decryption,
    ...opts,
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IntelError);
  expect((err as IntelError).code).toBe('verification-failed');
  expect((err as Error).message).toMatch(reason);
}

describe('packages', () => {
  it('a TLP:GREEN alert is a JWS naming only its recipient; it verifies', async () => {
    const pkg = await greenPackage();
    expect(pkg.encrypted).toBe(false);
    expect(pkg.token.split('.')).toHaveLength(3);
    const claims = decodeJwt(pkg.token);
    expect(claims.aud).toBe(A);
    const v = await verifyPackage(pkg.token, { ...trust(), audience: A });
    expect(v.claims.body).toEqual(publication().body);
    expect(v.claims.jti).toBe(pkg.packageId);
    expect(v.encrypted).toBe(false);
  });

  it('TLP:AMBER and network reports are JWEs to the agency key around the signed JWS', async () => {
    const pkg = await amberPackage();
    expect(pkg.token.split('.')).toHaveLength(5);
    const header = JSON.parse(atob(pkg.token.split('.')[0]!.replaceAll('-', '+').replaceAll('_', '/')));
    expect(header).toEqual({
      alg: 'ECDH-ES+A256KW',
      enc: 'A256GCM',
      cty: 'JWT',
      kid: a.encryption.kid,
      epk: header.epk,
    });
    const v = await verifyPackage(pkg.token, { ...trust(), audience: A, decryptionKey: a.decryption });
    expect(v.encrypted).toBe(true);
    expect(v.claims.tlp).toBe('AMBER');
    const network = await preparePublication(publication({ kind: 'network-report', body: REPORT })).build(
      { agencyId: A, packageId: '019a0000-0000-7000-8000-000000000003', encryptionKey: a.encryption },
      hub,
    );
    expect(network.encrypted).toBe(true);
  });

  it('refuses to build an encrypted package without the agency key', async () => {
    await expect(
      preparePublication(publication({ tlp: 'RED' })).build({ agencyId: A, packageId: 'x' }, hub),
    ).rejects.toMatchObject({ code: 'unsendable' });
  });
});

describe('RFC 8725 pitfalls are rejected', () => {
  it('alg none', async () => {
    const pkg = await greenPackage();
    const [, payload] = pkg.token.split('.');
    const none = `${b64(JSON.stringify({ alg: 'none', typ: 'ewto-intel+jwt', kid: hub.kid }))}.${payload}.`;
    await rejects(none, {}, /alg "none"/);
  });

  it('algorithm substitution (HS256 keyed with the public key)', async () => {
    const pkg = await greenPackage();
    const payload = pkg.token.split('.')[1]!;
    const secret = new TextEncoder().encode(JSON.stringify(hub.publicJwk));
    const { importJWK } = await import('jose');
    const hmac = await importJWK({ kty: 'oct', k: b64(secret) }, 'HS256');
    const forged = await new CompactSign(
      new TextEncoder().encode(atob(payload.replaceAll('-', '+').replaceAll('_', '/'))),
    )
      .setProtectedHeader({ alg: 'HS256', typ: 'ewto-intel+jwt', kid: hub.kid })
      .sign(hmac);
    await rejects(forged, {}, /alg "HS256"/);
  });

  it('unknown kid', async () => {
    const other = await hubKey();
    const pkg = await preparePublication(publication()).build({ agencyId: A, packageId: 'p' }, other);
    await rejects(pkg.token, {}, /unknown kid/);
  });

  it('a key named compromised', async () => {
    const pkg = await greenPackage();
    await rejects(pkg.token, { compromised: new Set([hub.kid]) }, /compromised/);
  });

  it('wrong aud', async () => {
    const pkg = await greenPackage();
    await rejects(pkg.token, { audience: B }, /wrong aud/);
  });

  it('wrong iss', async () => {
    const pkg = await greenPackage();
    await rejects(pkg.token, { issuer: 'https://evil.example' }, /not by https:\/\/evil/);
  });

  it('expired, and not yet valid', async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    const pkg = await greenPackage({ issuedAt: past, expiresAt: past + 60 });
    await rejects(pkg.token, {}, /expired/);
    const future = Math.floor(Date.now() / 1000) + 7200;
    const early = await greenPackage({ issuedAt: future, expiresAt: future + 60 });
    await rejects(early.token, {}, /not valid before/);
  });

  it('a flipped byte in any part of a JWS', async () => {
    const pkg = await greenPackage();
    for (const part of [0, 1, 2]) await rejects(flipPart(pkg.token, part), {}, /./);
  });

  it('a flipped byte in any part of a JWE', async () => {
    const pkg = await amberPackage();
    for (const part of [0, 1, 2, 3, 4]) await rejects(flipPart(pkg.token, part), {}, /./);
  });

  it('an encrypted but unsigned payload', async () => {
    const claims = decodeJwt((await greenPackage()).token);
    const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(claims)))
      .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', cty: 'JWT' })
      .encrypt(a.encryption.key);
    await rejects(jwe, {}, /unsigned/);
  });

  it('a signed package re-encrypted to another agency', async () => {
    const pkg = await amberPackage();
    const { jws } = await verifyPackage(pkg.token, { ...trust(), audience: A, decryptionKey: a.decryption });
    const forwarded = await encryptJws(jws, b.encryption);
    await rejects(forwarded, { audience: B, decryptionKey: b.decryption }, /wrong aud/);
  });

  it('an AMBER package stripped of its encryption', async () => {
    const pkg = await amberPackage();
    const { jws } = await verifyPackage(pkg.token, { ...trust(), audience: A, decryptionKey: a.decryption });
    await rejects(jws, {}, /must be encrypted/);
  });

  it('the wrong decryption key, and no key', async () => {
    const pkg = await amberPackage();
    await rejects(pkg.token, { decryptionKey: b.decryption }, /cannot be decrypted/);
    await rejects(pkg.token, { decryptionKey: undefined }, /--key/);
  });

  it('a retracted publication (signed revocation list)', async () => {
    const pkg = await greenPackage();
    const list = await signRevocationList(
      {
        iss: ISSUER,
        iat: 1,
        publications: [{ id: publication().publication, retractedAt: '2026-12-01T00:00:00Z' }],
      },
      hub,
    );
    const revoked = await verifyRevocationList(list, trust());
    await rejects(pkg.token, { revokedPublications: revoked }, /retracted/);
  });

  it('a typ other than ewto-intel+jwt', async () => {
    const pkg = await greenPackage();
    const payload = pkg.token.split('.')[1]!;
    const other = await new CompactSign(
      new TextEncoder().encode(atob(payload.replaceAll('-', '+').replaceAll('_', '/'))),
    )
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: hub.kid })
      .sign(hub.key);
    await rejects(other, {}, /typ "JWT"/);
  });
});
