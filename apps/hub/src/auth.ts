/**
 * Authentication (bearer access JWTs) and the bridge from routes to the one authorisation module
 * (`authorize` of @ewto/identity). Every failure is audited.
 */

import type { Database } from '@ewto/db';
import {
  type Action,
  ANONYMOUS,
  type AuditEventInput,
  authorize,
  IdentityError,
  type Resource,
} from '@ewto/identity';
import type { Context, MiddlewareHandler } from 'hono';
import { decodeJwt } from 'jose';
import { ApiError } from './problem.ts';
import { authenticateCookie } from './session-cookie.ts';
import type { AppEnv } from './types.ts';

const BEARER = /^Bearer\s+(\S+)$/i;

/** Reads `Authorization: Bearer <jwt>` (or `?token=` on WebSocket upgrades) and sets `c.var.actor`. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  const token = header
    ? BEARER.exec(header)?.[1]
    : c.req.path.startsWith('/collab/')
      ? c.req.query('token')
      : undefined;
  if (header && !token)
    return unauthenticated(c, undefined, 'the Authorization header must be "Bearer <access token>"');
  if (!token) {
    c.set('actor', ANONYMOUS);
    // Browsers: the session cookie (own origin only; writes need X-CSRF-Token).
    if (!header) {
      try {
        await authenticateCookie(c);
      } catch (e) {
        if (e instanceof ApiError)
          await c.var.deps.audit.record({
            action: 'auth.failed',
            outcome: 'failure',
            actor: ANONYMOUS,
            details: { reason: e.code, method: c.req.method, path: clip(c.req.path) },
            requestId: c.var.requestId,
          });
        throw e;
      }
    }
    return next();
  }
  await refuseIfThrottled(c, token);
  try {
    const tokens = c.var.deps.tokens;
    const actor = await tokens.verifyAccessToken(token);
    c.set('actor', actor);
    const exp = decodeJwt(token).exp;
    c.set('credential', {
      actor,
      key: token,
      expiresAt: typeof exp === 'number' ? exp * 1000 : undefined,
      recheck: () => tokens.verifyAccessToken(token),
    });
  } catch (e) {
    if (!(e instanceof IdentityError)) throw e;
    return unauthenticated(c, token, e.message);
  }
  return next();
};

async function unauthenticated(c: Context<AppEnv>, token: string | undefined, why: string): Promise<never> {
  await authFailed(c, token, { reason: clip(why), method: c.req.method, path: clip(c.req.path) });
  throw new ApiError(401, 'invalid-token', why, {
    headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
  });
}

/**
 * The client's network address: the TCP peer (behind a reverse proxy, the proxy). `unknown` for
 * requests that did not come over a socket (tests calling `app.request()`).
 */
export function clientAddress(c: Context<AppEnv>): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/**
 * Answers 429 with `Retry-After` when this client address, or this credential, has failed to
 * authenticate too often in the current window (AUTH_FAILURES_PER_ADDRESS, …_PER_CREDENTIAL).
 * Call it before checking a credential.
 */
export async function refuseIfThrottled(c: Context<AppEnv>, credential?: string): Promise<void> {
  const { authLimiter, authFailures } = c.var.deps;
  const address = clientAddress(c);
  const wait = await authLimiter.retryAfter({ address, credential });
  if (!wait) return;
  await authFailures.failure(address, {
    details: { reason: 'throttled', method: c.req.method, path: clip(c.req.path) },
    requestId: c.var.requestId,
  });
  throw new ApiError(
    429,
    'too-many-requests',
    `too many failed authentication attempts from this address or with this credential; try again in ${wait} s`,
    { headers: { 'Retry-After': String(wait) } },
  );
}

/**
 * Counts a failed authentication against the address and the credential, and audits it (the first
 * from a source in a window in full, the rest as one entry with their count).
 */
export async function authFailed(
  c: Context<AppEnv>,
  credential: string | undefined,
  details: Record<string, unknown>,
): Promise<void> {
  const address = clientAddress(c);
  await c.var.deps.authLimiter.failed({ address, credential });
  await c.var.deps.authFailures.failure(address, { details, requestId: c.var.requestId });
}

/** 401 unless the caller presented a valid token. */
export function requireActor(c: Context<AppEnv>) {
  const actor = c.var.actor;
  if (actor.kind === 'anonymous')
    throw new ApiError(401, 'unauthenticated', 'this route needs Authorization: Bearer <access token>', {
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  return actor;
}

/**
 * Asks the authorisation module; answers 403 (may not) or 404 (may not know it exists), auditing
 * the denial.
 */
export async function permit(c: Context<AppEnv>, action: Action, resource: Resource = {}): Promise<void> {
  const actor = requireActor(c);
  const decision = authorize(actor, action, resource);
  if (decision === 'allow') return;
  await c.var.deps.audit.record({
    action: 'access.denied',
    outcome: 'denied',
    actor,
    orgId: resource.orgId,
    details: { action, decision, method: c.req.method, path: clip(c.req.path) },
    requestId: c.var.requestId,
  });
  if (decision === 'hidden') throw new ApiError(404, 'not-found', `no such resource: ${c.req.path}`);
  throw new ApiError(403, 'forbidden', `you may not ${action.replace('.', ' ')} here`);
}

/** Records an event of this request inside `audited`: actor and request id filled in. */
export type RequestRecorder = (
  action: AuditEventInput['action'],
  event?: Omit<AuditEventInput, 'action' | 'actor' | 'requestId' | 'outcome'> & {
    outcome?: AuditEventInput['outcome'];
  },
) => void;

/**
 * Runs this request's change and its audit entries in one transaction (see `AuditLog.transaction`):
 * write through `tx`, call `record` for each event; both commit or neither does.
 * @example
 * const org = await audited(c, async (tx, record) => {
 *   const org = await createOrg(tx, input);
 *   record('org.created', { orgId: org.id, resource: { type: 'organisation', id: org.id } });
 *   return org;
 * });
 */
export function audited<T>(
  c: Context<AppEnv>,
  fn: (tx: Database, record: RequestRecorder) => Promise<T>,
): Promise<T> {
  return c.var.deps.audit.transaction((tx, record) =>
    fn(tx, (action, event = {}) =>
      record({ outcome: 'success', ...event, action, actor: c.var.actor, requestId: c.var.requestId }),
    ),
  );
}

/** Appends an audit entry for this request that changes nothing else (a read, a denial): actor and request id filled in. */
export function audit(
  c: Context<AppEnv>,
  action: AuditEventInput['action'],
  event: Omit<AuditEventInput, 'action' | 'actor' | 'requestId' | 'outcome'> & {
    outcome?: AuditEventInput['outcome'];
  } = {},
): Promise<void> {
  return c.var.deps.audit.record({
    outcome: 'success',
    ...event,
    action,
    actor: c.var.actor,
    requestId: c.var.requestId,
  });
}

/** Caller-supplied text goes into the permanent audit log only clipped. */
export const clip = (s: string, max = 200) => (s.length > max ? `${s.slice(0, max)}…` : s);
