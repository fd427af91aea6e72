import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { IdentityError } from './errors.ts';
import { base64url } from './ids.ts';
import { publicKeyFromJwk } from './public-keys.ts';

const b64 = (bytes: Uint8Array) => base64url(bytes);
const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((x) => Number.parseInt(x, 16)));
const okp = (crv: string, x: string) => ({ kty: 'OKP', crv, x });

function refusal(jwk: unknown): string {
  try {
    publicKeyFromJwk(jwk);
  } catch (e) {
    expect(e).toBeInstanceOf(IdentityError);
    expect((e as IdentityError).code).toBe('invalid');
    return (e as Error).message;
  }
  throw new Error('the key was accepted');
}

describe('agency public keys', () => {
  it('accepts real Ed25519 and X25519 public keys, keeping only kty, crv and x', () => {
    const sig = b64(ed25519.getPublicKey(ed25519.utils.randomSecretKey()));
    const enc = b64(x25519.getPublicKey(x25519.utils.randomSecretKey()));
    expect(publicKeyFromJwk({ ...okp('Ed25519', sig), use: 'sig', alg: 'EdDSA' })).toEqual({
      use: 'sig',
      jwk: okp('Ed25519', sig),
    });
    expect(publicKeyFromJwk(okp('X25519', enc))).toEqual({ use: 'enc', jwk: okp('X25519', enc) });
  });

  it('refuses an x that is not 32 bytes of base64url', () => {
    expect(refusal(okp('Ed25519', 'AAAA'))).toMatch(/x must be 32 bytes.*got 3/);
    expect(refusal(okp('X25519', b64(new Uint8Array(31).fill(9))))).toMatch(/x must be 32 bytes.*got 31/);
    expect(refusal(okp('Ed25519', `${'A'.repeat(42)}=`))).toMatch(/base64url/);
    expect(refusal(okp('Ed25519', `${'A'.repeat(42)}+`))).toMatch(/base64url/);
    // The last character carries 4 bits of the key and 2 that must be zero.
    const sig = b64(ed25519.getPublicKey(ed25519.utils.randomSecretKey()));
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(sig.at(-1)!);
    const twin =
      sig.slice(0, -1) + 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[last | 1];
    expect(refusal(okp('Ed25519', twin))).toMatch(/not canonical base64url/);
  });

  it('refuses Ed25519 values that are not a point of the curve', () => {
    // y = 2 has no x on edwards25519.
    const notOnCurve = new Uint8Array(32);
    notOnCurve[0] = 2;
    expect(refusal(okp('Ed25519', b64(notOnCurve)))).toMatch(/not a point of the Ed25519 curve/);
    // y = p (non-canonical encoding of y = 0).
    const nonCanonical = hex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
    expect(refusal(okp('Ed25519', b64(nonCanonical)))).toMatch(/not a point of the Ed25519 curve/);
  });

  it('refuses Ed25519 points of small order (the identity, and the others of the 8-torsion)', () => {
    const identity = new Uint8Array(32);
    identity[0] = 1;
    const order4 = new Uint8Array(32); // (sqrt(-1), 0): y = 0
    const order8 = hex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
    for (const x of [identity, order4, order8])
      expect(refusal(okp('Ed25519', b64(x)))).toMatch(/small order/);
  });

  it('refuses the X25519 values of small order, with or without the top bit', () => {
    const values = [
      '0000000000000000000000000000000000000000000000000000000000000000',
      '0100000000000000000000000000000000000000000000000000000000000000',
      'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
      '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880',
    ];
    for (const v of values) expect(refusal(okp('X25519', b64(hex(v))))).toMatch(/small order/);
  });

  it('still refuses private halves and other key types', () => {
    const sig = b64(ed25519.getPublicKey(ed25519.utils.randomSecretKey()));
    expect(refusal({ ...okp('Ed25519', sig), d: sig })).toMatch(/private key/);
    expect(refusal(okp('Ed448', sig))).toMatch(/crv must be Ed25519 or X25519/);
    expect(refusal({ kty: 'EC', crv: 'P-256', x: sig, y: sig })).toMatch(/OKP/);
  });
});
