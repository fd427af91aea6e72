/**
 * RFC 9457 problem details. Every error the hub answers goes through `toProblem` in `onError`
 * (app.ts): package error codes are mapped to HTTP statuses here, in one table.
 */
import type { SchemaIssue } from '@ewto/schemas';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  instance?: string;
  requestId: string;
  errors?: SchemaIssue[];
  [extra: string]: unknown;
}

/** An error raised by the hub itself (routing, parsing, authorisation) with its HTTP status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { errors?: SchemaIssue[]; headers?: Record<string, string>; [k: string]: unknown } = {},
  ) {
    super(message);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  426: 'Upgrade Required',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Status for each error `code` a domain package may raise. Codes not listed are 500s.
 * Packages never speak HTTP; this table is where their codes meet it.
 */
const STATUS_BY_CODE: Record<string, number> = {
  'bad-request': 400,
  'malformed-json': 400,
  invalid: 422,
  'invalid-document': 422,
  'validation-failed': 422,
  unauthenticated: 401,
  'invalid-token': 401,
  forbidden: 403,
  'not-found': 404,
  'unknown-edition': 404,
  'unknown-provision': 404,
  conflict: 409,
  'already-exists': 409,
  'precondition-failed': 412,
  'precondition-required': 428,
  'body-too-large': 413,
  'unsupported-media-type': 415,
  'shape-violation': 422,
  'plan-archived': 409,
  'too-many-requests': 429,
  unreachable: 503,
  unsendable: 422,
  'verification-failed': 422,
};

export function statusForCode(code: string | undefined): number {
  return (code && STATUS_BY_CODE[code]) || 500;
}

export function problemTypeFor(code: string): string {
  return `https://schemas.ewto.invalid/problems/${code}`;
}

export function makeProblem(
  status: number,
  code: string,
  detail: string | undefined,
  requestId: string,
  extra: Record<string, unknown> = {},
): Problem {
  return {
    type: problemTypeFor(code),
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    code,
    requestId,
    ...extra,
  };
}
