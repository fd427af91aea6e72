/** Codes of {@link AuditError}; the hub maps them to statuses, the CLI to exit codes. */
export const AUDIT_ERROR_CODES = [
  /** A hash is not 32 bytes / 64 lower-case hex digits. */
  'invalid-hash',
  /** A leaf index or tree size is out of range for the tree it is used with. */
  'invalid-range',
  /** A value cannot be canonicalised as RFC 8785 JSON (non-finite number, lone surrogate, …). */
  'invalid-json',
  /** An audit entry does not match schemas/audit-entry.schema.json. */
  'invalid-entry',
  /** A compact range (Merkle frontier) state is malformed. */
  'invalid-state',
  /** A checkpoint body is malformed. */
  'invalid-checkpoint',
  /** A pseudonymisation salt is too short. */
  'invalid-salt',
] as const;
export type AuditErrorCode = (typeof AUDIT_ERROR_CODES)[number];

/**
 * The one error class of `@ewto/audit`: thrown for bad input, never for a failed verification
 * (verifiers answer `false` or a report instead).
 * @example
 * try { hashFromHex('zz') } catch (e) { if (e instanceof AuditError && e.code === 'invalid-hash') … }
 */
export class AuditError extends Error {
  override readonly name = 'AuditError';
  constructor(
    readonly code: AuditErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
  }
}
