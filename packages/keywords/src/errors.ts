export const KEYWORDS_ERROR_CODES = [
  /** A library file is malformed, breaks the schema or is inconsistent (versions, duplicates). */
  'invalid-library',
  /** The library directory or one of its files cannot be read. */
  'unreadable-library',
  /** `changesSince` was asked about a version the library never had. */
  'unknown-version',
] as const;
export type KeywordsErrorCode = (typeof KEYWORDS_ERROR_CODES)[number];

export class KeywordsError extends Error {
  override readonly name = 'KeywordsError';
  constructor(
    readonly code: KeywordsErrorCode,
    message: string,
    /** For `invalid-library`: one `file:line:col: message` per problem. */
    readonly issues: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
