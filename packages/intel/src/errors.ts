/** Codes of {@link IntelError}; the hub maps them to statuses, the CLI to exit codes. */
export const INTEL_ERROR_CODES = [
  /** A package, receipt, retraction or signed list does not verify (signature, header, claims, status). */
  'verification-failed',
  /** A key given to sign, encrypt or decrypt is not usable for it. */
  'invalid-key',
  /** A publication cannot be sent as asked (no agency, missing encryption key, TLP:RED to a taskforce…). */
  'unsendable',
  /** Input that does not fit the formats of schemas/intel.schema.json. */
  'invalid',
] as const;
export type IntelErrorCode = (typeof INTEL_ERROR_CODES)[number];

/**
 * The one error class of `@ewto/intel`. A failed verification carries the reason a person can act on.
 * @example
 * try { await verifyPackage(token, opts) } catch (e) { if (e instanceof IntelError) console.log(e.message) }
 */
export class IntelError extends Error {
  override readonly name = 'IntelError';
  constructor(
    readonly code: IntelErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
  }
}
