import { AuditError } from './errors.ts';

/** Size in bytes of every hash of the log (SHA-256). */
export const HASH_SIZE = 32;

const HEX_HASH = /^[0-9a-f]{64}$/;

/**
 * Lower-case hex of bytes: the one text encoding of hashes in the audit log (entries, checkpoints,
 * proofs, the database).
 * @example toHex(new Uint8Array([0, 255])) // '00ff'
 */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * Whether `s` is a hash as the log writes it: exactly 64 lower-case hex digits.
 * @example isHexHash('E3B0…') // false: upper case
 */
export function isHexHash(s: unknown): s is string {
  return typeof s === 'string' && HEX_HASH.test(s);
}

/**
 * The 32 bytes of a hex hash; throws `AuditError('invalid-hash')` for anything but 64 lower-case
 * hex digits (upper case is refused so that one hash has one spelling).
 * @example hashFromHex('e3b0c442…b855').length // 32
 */
export function hashFromHex(hex: string, what = 'hash'): Uint8Array {
  if (!isHexHash(hex)) {
    throw new AuditError('invalid-hash', `${what} must be 64 lower-case hex digits, got ${describe(hex)}`);
  }
  const out = new Uint8Array(HASH_SIZE);
  for (let i = 0; i < HASH_SIZE; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Byte-wise equality of two hashes.
 * @example equalBytes(rootHash(leaves), hashFromHex(checkpoint.rootHash))
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function describe(v: unknown): string {
  if (typeof v !== 'string') return typeof v;
  return v.length > 80 ? `"${v.slice(0, 77)}…" (${v.length} characters)` : `"${v}"`;
}
