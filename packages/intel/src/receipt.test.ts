import { CompactSign } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { preparePublication } from './package.ts';
import { signReceipt, tokenDigest, verifyReceipt } from './receipt.ts';
import { agencyKeys, b64, flipPart, hubKey, ISSUER, publication } from './testing/fixtures.ts';

const A = '019a0000-0000-7000-8000-00000000000a';
const P = '019a0000-0000-7000-8000-000000000002';
let a: Awaited<ReturnType<typeof agencyKeys>>;
let token: string;

beforeAll(async () => {
  a = await agencyKeys();
  token = (await preparePublication(publication()).build({ agencyId: A, packageId: P }, await hubKey()))
    .token;
});

const expectations = async (over = {}) => ({
  keyFor: async (kid: string) => (kid === a.signing.kid ? a.signingPublic : undefined),
  agencyId: A,
  audience: ISSUER,
  subject: P,
  digest: await tokenDigest(token),
  ...over,
});

describe('receipts', () => {
  it('a receipt signed by the agency key verifies', async () => {
    const r = await signReceipt({ token, subject: P, agencyId: A, hubUrl: ISSUER, key: a.signing });
    const claims = await verifyReceipt(r, await expectations());
    expect(claims).toMatchObject({ iss: A, sub: P, aud: ISSUER });
  });

  it('rejects alg none, another key, a flipped byte, the wrong package, an expired receipt', async () => {
    const r = await signReceipt({ token, subject: P, agencyId: A, hubUrl: ISSUER, key: a.signing });
    const none = `${b64(JSON.stringify({ alg: 'none', typ: 'ewto-receipt+jwt', kid: a.signing.kid }))}.${r.split('.')[1]}.`;
    await expect(verifyReceipt(none, await expectations())).rejects.toThrow(/alg "none"/);
    const other = await agencyKeys();
    const forged = await signReceipt({ token, subject: P, agencyId: A, hubUrl: ISSUER, key: other.signing });
    await expect(verifyReceipt(forged, await expectations())).rejects.toThrow(/unknown kid/);
    const misnamed = await signReceipt({
      token,
      subject: P,
      agencyId: A,
      hubUrl: ISSUER,
      key: { kid: a.signing.kid, key: other.signing.key },
    });
    await expect(verifyReceipt(misnamed, await expectations())).rejects.toThrow(/signature/);
    for (const part of [0, 1, 2])
      await expect(verifyReceipt(flipPart(r, part), await expectations())).rejects.toThrow();
    await expect(verifyReceipt(r, await expectations({ subject: 'other' }))).rejects.toThrow(/not for other/);
    await expect(verifyReceipt(r, await expectations({ digest: 'x'.repeat(43) }))).rejects.toThrow(/digest/);
    const old = await signReceipt({
      token,
      subject: P,
      agencyId: A,
      hubUrl: ISSUER,
      key: a.signing,
      now: Date.now() - 3_600_000,
    });
    await expect(verifyReceipt(old, await expectations())).rejects.toThrow(/expired/);
    const hs = await new CompactSign(new TextEncoder().encode('{}'))
      .setProtectedHeader({ alg: 'HS256', typ: 'ewto-receipt+jwt', kid: a.signing.kid })
      .sign(new Uint8Array(32));
    await expect(verifyReceipt(hs, await expectations())).rejects.toThrow(/alg "HS256"/);
  });
});
