export const IDENTITY_ERROR_CODES = [
  'bad-request',
  'invalid',
  'invalid-token',
  'unauthenticated',
  'forbidden',
  'not-found',
  'already-exists',
  'conflict',
  'precondition-failed',
  'precondition-required',
  /** A value encrypted at rest does not open with the configured key-encryption key. */
  'key-encryption',
] as const;
export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[number];

/** OAuth 2.0 token-endpoint error names (RFC 6749 §5.2), carried beside the code. */
export type OAuthError =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_target';

export class IdentityError extends Error {
  override readonly name = 'IdentityError';
  constructor(
    readonly code: IdentityErrorCode,
    message: string,
    readonly extra: { oauthError?: OAuthError; cause?: unknown } = {},
  ) {
    super(message, extra.cause ? { cause: extra.cause } : undefined);
  }
}
