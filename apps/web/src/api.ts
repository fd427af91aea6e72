/**
 * The one way pages talk to the hub: the documented REST API under /api/v1, with the session
 * cookie (sent by the browser, never readable here) and the session's CSRF token on writes.
 * Errors become {@link ApiProblem}s whose message a person can act on.
 */

export interface FieldError {
  pointer?: string;
  message: string;
  line?: number;
  col?: number;
}

export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}

let csrfToken = '';
let onSignedOut: (() => void) | undefined;

/** The session's CSRF token (from GET /api/v1/auth/session), sent as X-CSRF-Token on writes. */
export function setCsrfToken(token: string) {
  csrfToken = token;
}

/** Called when the hub answers 401: the session ended. */
export function onUnauthenticated(fn: () => void) {
  onSignedOut = fn;
}

/** What a person reads for an error status when the hub gave no better words. */
function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Sign in again to continue.';
  if (status === 403)
    return 'Your account may not do this. Ask an administrator of your organisation for the role.';
  if (status === 404)
    return 'This was not found. It may have been removed, or you may not have access to it.';
  if (status === 413) return 'This is too large for the hub to accept.';
  if (status >= 500)
    return 'The hub had a problem. Try again in a moment; if it persists, tell the hub operator.';
  return `The hub refused the request (HTTP ${status}).`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON-encoded unless a string (sent as is with `contentType`). */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** Do not treat a 401 as "signed out" (sign-in pages). */
  quiet401?: boolean;
}

export async function request(path: string, opts: RequestOptions = {}): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    if (typeof opts.body === 'string') {
      body = opts.body;
      headers['content-type'] = opts.contentType ?? 'text/plain';
    } else {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiProblem(0, 'unreachable', 'The hub does not answer. Check your connection and try again.');
  }
  if (res.ok) return res;
  let problem: { detail?: string; code?: string; errors?: FieldError[] } = {};
  try {
    problem = await res.json();
  } catch {
    // not problem+json: fall back to words for the status
  }
  if (res.status === 401 && !opts.quiet401) onSignedOut?.();
  throw new ApiProblem(
    res.status,
    problem.code ?? 'error',
    problem.detail ? sentence(problem.detail) : fallbackMessage(res.status),
    problem.errors ?? [],
  );
}

/** A JSON answer of the API. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await request(path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

const sentence = (s: string) => {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?)]$/.test(t) ? t : `${t}.`;
};

/** Starts a file download of a response body. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const res = await request(path);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  saveBlob(await res.blob(), name);
}

export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const enc = encodeURIComponent;
