/** The framework package's error: a `code` from the list below, a message a person can act on, a cause. */
import type { SchemaIssue } from '@ewto/schemas';

export const FRAMEWORK_ERROR_CODES = [
  /** A framework edition or company policy failed to parse or validate (`issues` say where). */
  'invalid-document',
  /** No edition with that id (or `latest` with no editions at all). */
  'unknown-edition',
  /** Editions that contradict each other (a provision id dropped or reused, `previous` wrong). */
  'edition-sequence',
  /** A file or directory could not be read. */
  'unreadable',
] as const;
export type FrameworkErrorCode = (typeof FRAMEWORK_ERROR_CODES)[number];

export class FrameworkError extends Error {
  override readonly name = 'FrameworkError';
  constructor(
    readonly code: FrameworkErrorCode,
    message: string,
    options: { cause?: unknown; issues?: LocatedIssue[]; file?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.issues = options.issues ?? [];
    this.file = options.file;
  }
  readonly issues: LocatedIssue[];
  readonly file: string | undefined;
}

/** A schema or semantic issue with its position in the source text and how serious it is. */
export interface LocatedIssue extends SchemaIssue {
  severity: 'error' | 'warning';
  line: number;
  col: number;
}
