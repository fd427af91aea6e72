/**
 * Validating the public keys agencies register. An Ed25519 key must decode (RFC 8032, canonical) to a
 * point of the curve that is not of small order; an X25519 key must not be one of the small-order
 * u-coordinates (the blocklist libsodium uses), whose shared secrets an attacker can predict.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import type { JWK } from 'jose';
import { IdentityError } from './errors.ts';
import { base64url } from './ids.ts';

const KEY_BYTES = 32;

/** The u-coordinates of small order on Curve25519 and their non-canonical twins (libsodium's list). */
const X25519_SMALL_ORDER = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];

const invalid = (message: string) => new IdentityError('invalid', message);

/** Strict base64url (RFC 7515 §2: no padding, no `+` or `/`) to bytes. */
function decodeX(x: string, crv: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(x))
    throw invalid(`publicJwk.x must be base64url without padding (${crv} public key)`);
  const b64 = x.replaceAll('-', '+').replaceAll('_', '/');
  const bin = atob(b64.padEnd(Math.ceil(b64.length / 4) * 4, '='));
  const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
  if (bytes.length !== KEY_BYTES)
    throw invalid(`publicJwk.x must be ${KEY_BYTES} bytes for ${crv}, got ${bytes.length}`);
  // One spelling per key, so that one key has one thumbprint.
  if (base64url(bytes) !== x) throw invalid(`publicJwk.x is not canonical base64url (${crv} public key)`);
  return bytes;
}

function checkEd25519(bytes: Uint8Array): void {
  let point: ReturnType<typeof ed25519.Point.fromBytes>;
  try {
    point = ed25519.Point.fromBytes(bytes, false);
  } catch {
    throw invalid('publicJwk.x is not a point of the Ed25519 curve: it is not an Ed25519 public key');
  }
  if (point.isSmallOrder())
    throw invalid('publicJwk.x is an Ed25519 point of small order: it would accept forged signatures');
}

function checkX25519(bytes: Uint8Array): void {
  const hex = Array.from(bytes, (b, i) => (i === 31 ? b & 0x7f : b).toString(16).padStart(2, '0')).join('');
  if (X25519_SMALL_ORDER.includes(hex))
    throw invalid(
      'publicJwk.x is an X25519 value of small order: what is encrypted to it would not be secret',
    );
}

/**
 * Checks that a JWK is a public Ed25519 (sig) or X25519 (enc) key, and returns its clean public form.
 * Throws `IdentityError('invalid')` with a message saying what is wrong.
 * @example publicKeyFromJwk({ kty: 'OKP', crv: 'Ed25519', x }) // { use: 'sig', jwk: { kty, crv, x } }
 */
export function publicKeyFromJwk(jwk: unknown): { use: 'sig' | 'enc'; jwk: JWK } {
  const k = jwk as Record<string, unknown>;
  if (!k || typeof k !== 'object' || k.kty !== 'OKP' || typeof k.x !== 'string')
    throw invalid('publicJwk must be an OKP JWK (Ed25519 or X25519) with "x"');
  if ('d' in k) throw invalid('publicJwk contains a private key ("d"): send only the public half');
  if (k.crv === 'Ed25519') {
    checkEd25519(decodeX(k.x, k.crv));
    return { use: 'sig', jwk: { kty: 'OKP', crv: 'Ed25519', x: k.x } };
  }
  if (k.crv === 'X25519') {
    checkX25519(decodeX(k.x, k.crv));
    return { use: 'enc', jwk: { kty: 'OKP', crv: 'X25519', x: k.x } };
  }
  throw invalid(`publicJwk.crv must be Ed25519 or X25519, got ${String(k.crv)}`);
}
