import { sha256 } from '@noble/hashes/sha2.js';
import { AuditError } from './errors.ts';
import { toHex } from './hex.ts';

/** The shortest salt accepted: shorter ones make a dictionary of emails or IPs cheap to try. */
export const MIN_SALT_BYTES = 16;

/**
 * A pseudonym for personal data in the audit log: lower-case hex SHA-256(salt ‖ UTF-8(value)).
 * The hub calls it for every email address and IP address it logs (`actor.subjectHash`,
 * `actor.ipHash`, and anything personal in `details`), so the log never holds them in clear while
 * the same person still maps to the same pseudonym. The salt is the hub's own secret (at least
 * {@link MIN_SALT_BYTES} bytes, e.g. 32 random bytes kept with its keys); without it, nobody can test
 * guesses against the log. Normalise first (trim, lower-case an email) when spellings of one value
 * should map to one pseudonym.
 * @example pseudonymise('ana@example.org', salt) // '3f1c…' (64 hex digits)
 */
export function pseudonymise(value: string, salt: string | Uint8Array): string {
  const saltBytes = typeof salt === 'string' ? new TextEncoder().encode(salt) : salt;
  if (saltBytes.length < MIN_SALT_BYTES) {
    throw new AuditError(
      'invalid-salt',
      `the pseudonymisation salt must be at least ${MIN_SALT_BYTES} bytes, got ${saltBytes.length}`,
    );
  }
  const valueBytes = new TextEncoder().encode(value);
  const buf = new Uint8Array(saltBytes.length + valueBytes.length);
  buf.set(saltBytes, 0);
  buf.set(valueBytes, saltBytes.length);
  return toHex(sha256(buf));
}
