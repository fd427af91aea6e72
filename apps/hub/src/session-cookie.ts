/**
 * The browser session cookie: HttpOnly, SameSite=Strict, Secure when HUB_URL is https (then with
 * the `__Host-` prefix). Accepted only from the hub's own origin (the `Origin` header, and
 * `Sec-Fetch-Site` where the browser sends it); every write made with it must carry the
 * session's CSRF token in `X-CSRF-Token`.
 */
import {
  type Actor,
  csrfTokenFor,
  findLiveSession,
  IdentityError,
  type SessionInfo,
  sessionActor,
  touchSession,
} from '@ewto/identity';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { HubConfig } from './env.ts';
import { ApiError } from './problem.ts';
import type { AppEnv } from './types.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The cookie's name; on https it gets the `__Host-` prefix (Secure, no Domain, Path=/). */
export const COOKIE = 'ewto_session';
const secureHub = (config: HubConfig) => config.hubUrl.startsWith('https:');
const prefix = (config: HubConfig) => (secureHub(config) ? ('host' as const) : undefined);

/** The origin browsers must call from: that of HUB_URL. */
export const hubOrigin = (config: HubConfig) => new URL(config.hubUrl).origin;

/** Refuses a request that comes from another site (Origin or Sec-Fetch-Site say so). */
export function checkOrigin(c: Context<AppEnv>, { required }: { required: boolean }): void {
  const allowed = hubOrigin(c.var.deps.config);
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  if (origin !== undefined && origin !== allowed)
    throw new ApiError(
      403,
      'origin-refused',
      `this request came from ${origin}; the session cookie is accepted only from ${allowed} (open the hub at that address)`,
    );
  if (site === 'cross-site' || site === 'same-site')
    throw new ApiError(403, 'origin-refused', `a ${site} request may not use the session cookie`);
  if (required && origin === undefined && site !== 'same-origin')
    throw new ApiError(
      403,
      'origin-refused',
      'a write with the session cookie must come from the hub page (no Origin header was sent)',
    );
}

/** The session secret the request's cookie carries, if any. */
export const sessionSecret = (c: Context<AppEnv>) => getCookie(c, COOKIE, prefix(c.var.deps.config));

/**
 * Authenticates by the session cookie: sets `actor` and `session`, or leaves the caller anonymous
 * when the cookie is unknown, expired or revoked. Throws 403 for another origin or a write
 * without the CSRF token.
 */
export async function authenticateCookie(c: Context<AppEnv>): Promise<boolean> {
  const { db } = c.var.deps;
  const secret = sessionSecret(c);
  if (!secret) return false;
  const session = await findLiveSession(db, secret);
  if (!session) return false;
  const write = !SAFE.has(c.req.method);
  checkOrigin(c, { required: write });
  if (write) {
    const sent = c.req.header('x-csrf-token');
    const expected = await csrfTokenFor(secret);
    if (!sent || !timingSafeEqual(sent, expected))
      throw new ApiError(
        403,
        'csrf-token-missing',
        sent
          ? 'the X-CSRF-Token header does not match this session: reload the page and try again'
          : 'a write with the session cookie needs the X-CSRF-Token header (GET /api/v1/auth/session gives it)',
      );
  }
  let actor: Actor;
  try {
    actor = await sessionActor(db, session);
  } catch (e) {
    if (e instanceof IdentityError) return false;
    throw e;
  }
  c.set('actor', actor);
  c.set('session', session);
  // For long-lived connections (/collab): the session's expiry, and a recheck that fails once it
  // is revoked or expired (the collaboration server then closes the connection).
  c.set('credential', {
    actor,
    key: `session:${session.id}`,
    expiresAt: Date.parse(session.expiresAt),
    recheck: async () => {
      const live = await findLiveSession(db, secret);
      if (!live) throw new IdentityError('invalid-token', 'the browser session ended');
      return sessionActor(db, live);
    },
  });
  await touchSession(db, session.id);
  return true;
}

export function setSessionCookie(c: Context<AppEnv>, secret: string, session: SessionInfo): void {
  const { config } = c.var.deps;
  setCookie(c, COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: secureHub(config),
    path: '/',
    expires: new Date(session.expiresAt),
    prefix: prefix(config),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  const { config } = c.var.deps;
  deleteCookie(c, COOKIE, { path: '/', secure: secureHub(config), prefix: prefix(config) });
}

export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
