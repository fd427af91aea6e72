/** Importing the keys the exchange uses, refusing anything but the curves design.md names. */
import { type CryptoKey, importJWK, type JWK } from 'jose';
import { IntelError } from './errors.ts';
import { KEY_MANAGEMENT_ALG, SIGNATURE_ALG } from './formats.ts';

/** A signing key with the `kid` that goes into the protected header. */
export interface SigningKey {
  kid: string;
  key: CryptoKey;
}

/** A recipient's encryption key (public, to encrypt; private, to decrypt) with its `kid`. */
export interface EncryptionKey {
  kid: string;
  key: CryptoKey;
}

function okp(jwk: unknown, crv: 'Ed25519' | 'X25519', what: string, wantPrivate: boolean): JWK {
  const k = jwk as JWK | undefined;
  if (!k || typeof k !== 'object' || k.kty !== 'OKP' || k.crv !== crv || typeof k.x !== 'string')
    throw new IntelError('invalid-key', `${what} must be an OKP ${crv} JWK`);
  if (wantPrivate && typeof k.d !== 'string')
    throw new IntelError('invalid-key', `${what} is a public key; the private key (with "d") is needed`);
  return wantPrivate ? k : { kty: 'OKP', crv, x: k.x };
}

async function load(jwk: JWK, alg: string, what: string): Promise<CryptoKey> {
  try {
    return (await importJWK(jwk, alg)) as CryptoKey;
  } catch (e) {
    throw new IntelError('invalid-key', `${what} cannot be used: ${(e as Error).message}`, { cause: e });
  }
}

/** An Ed25519 public key, to verify. */
export const importVerifyKey = (jwk: unknown, what = 'the signing key') =>
  load(okp(jwk, 'Ed25519', what, false), SIGNATURE_ALG, what);
/** An Ed25519 private key, to sign. */
export const importSignKey = (jwk: unknown, what = 'the signing key') =>
  load(okp(jwk, 'Ed25519', what, true), SIGNATURE_ALG, what);
/** An X25519 public key, to encrypt to. */
export const importEncryptKey = (jwk: unknown, what = 'the encryption key') =>
  load(okp(jwk, 'X25519', what, false), KEY_MANAGEMENT_ALG, what);
/** An X25519 private key, to decrypt. */
export const importDecryptKey = (jwk: unknown, what = 'the decryption key') =>
  load(okp(jwk, 'X25519', what, true), KEY_MANAGEMENT_ALG, what);
