/**
 * Browser sessions: sign in once with a personal access token (to register a passkey), see and
 * end sessions, and — only on a hub started with HUB_DEMO=true — the one-click demo sign-in.
 * Passkey sign-in is in passkeys.ts.
 */
import { findUsablePat, findUser, listSessions, revokeSession } from '@ewto/identity';
import type { Context, Hono } from 'hono';
import { audited, authFailed, clip, refuseIfThrottled, requireActor } from '../auth.ts';
import { DEMO_ORGS } from '../demo.ts';
import { param } from '../http.ts';
import { ApiError } from '../problem.ts';
import { defineRoute, type RouteTable } from '../routing.ts';
import { openSession, sessionBody } from '../services/sessions.ts';
import { checkOrigin, clearSessionCookie, sessionSecret } from '../session-cookie.ts';
import type { AppEnv } from '../types.ts';

const tags = ['sessions'];
const problem = (description: string) => ({
  description,
  schema: 'problem' as const,
  contentType: 'application/problem+json',
});

/** The caller's own browser session, or 401. */
function currentSession(c: Context<AppEnv>) {
  const session = c.var.session;
  if (!session) throw new ApiError(401, 'unauthenticated', 'no browser session: sign in first');
  return session;
}

async function signInFailed(
  c: Context<AppEnv>,
  method: string,
  why: string,
  credential?: string,
): Promise<never> {
  // Counted against the address and the credential like every failed authentication (429 after the limit).
  await authFailed(c, credential, { endpoint: 'session', method, reason: clip(why) });
  throw new ApiError(401, 'invalid-token', why);
}

export function sessionRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/auth/session',
      operationId: 'signInWithToken',
      summary: 'Open a browser session with a personal access token (then register a passkey)',
      description:
        "Sets the HttpOnly, SameSite=Strict session cookie (Secure on https). The session carries the token's organisation scope and expires after SESSION_TTL. The answer holds the CSRF token that every write made with the cookie must send as X-CSRF-Token.",
      tags,
      auth: 'none',
      body: { schema: 'session#/$defs/tokenSignIn' },
      responses: {
        201: {
          description: 'Signed in',
          schema: 'session#/$defs/session',
          headers: { 'Set-Cookie': 'the session cookie' },
        },
        401: problem('The token is unknown, revoked or expired'),
        403: problem('Sent from another origin'),
      },
    },
    async (c) => {
      checkOrigin(c, { required: false });
      const { token } = c.var.body as { token: string };
      await refuseIfThrottled(c, token.trim());
      const pat = await findUsablePat(c.var.deps.db, token.trim());
      if (!pat)
        return signInFailed(
          c,
          'token',
          'the personal access token is unknown, revoked or expired',
          token.trim(),
        );
      // The session keeps the token's organisation scope for its whole life.
      return openSession(c, {
        userId: pat.userId,
        method: 'token',
        credentialId: pat.id,
        scopeOrgId: pat.scopeOrgId,
      });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/auth/session',
      operationId: 'getSession',
      summary: 'The current browser session: who, until when, and its CSRF token',
      tags,
      auth: 'bearer',
      responses: {
        200: { description: 'The session', schema: 'session#/$defs/session' },
        401: problem('No browser session (the session cookie is missing, expired or revoked)'),
      },
    },
    async (c) => {
      const session = currentSession(c);
      c.header('Cache-Control', 'no-store');
      return c.json(await sessionBody(c, session, sessionSecret(c)));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'delete',
      path: '/api/v1/auth/session',
      operationId: 'signOut',
      summary: 'Sign out: revoke the current browser session and clear its cookie',
      tags,
      auth: 'bearer',
      responses: { 204: { description: 'Signed out' } },
    },
    async (c) => {
      const session = currentSession(c);
      await audited(c, async (tx, record) => {
        await revokeSession(tx, session.userId, session.id);
        record('session.revoked', {
          resource: { type: 'session', id: session.id },
          details: { by: 'sign-out' },
        });
      });
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/me/sessions',
      operationId: 'listMySessions',
      summary: 'My browser sessions that have not expired or been revoked',
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'Sessions', schema: 'session#/$defs/sessionList' } },
    },
    async (c) => {
      const a = requireActor(c);
      if (a.kind !== 'user') throw new ApiError(403, 'forbidden', 'only people have browser sessions');
      const items = await listSessions(c.var.deps.db, a.userId);
      return c.json({ items: items.map((s) => ({ ...s, current: s.id === c.var.session?.id })) });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'delete',
      path: '/api/v1/me/sessions/:id',
      operationId: 'revokeMySession',
      summary: 'Revoke one of my browser sessions (it stops working at once)',
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'Revoked', schema: 'session#/$defs/sessionInfo' } },
    },
    async (c) => {
      const a = requireActor(c);
      if (a.kind !== 'user') throw new ApiError(403, 'forbidden', 'only people have browser sessions');
      const info = await audited(c, async (tx, record) => {
        const revoked = await revokeSession(tx, a.userId, param(c, 'id'));
        record('session.revoked', {
          resource: { type: 'session', id: revoked.id },
          details: { by: 'owner' },
        });
        return revoked;
      });
      if (info.id === c.var.session?.id) clearSessionCookie(c);
      return c.json(info);
    },
  );
}

/** HUB_DEMO=true only: the demo accounts and a one-click sign-in as one of them. */
export function demoRoutes(app: Hono<AppEnv>, table: RouteTable) {
  const accounts = DEMO_ORGS.flatMap((o) =>
    o.users.map((u) => ({
      email: u.email,
      name: u.name,
      orgSlug: o.slug,
      orgName: o.name,
      orgKind: o.kind,
      role: u.role,
    })),
  );
  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/auth/demo',
      operationId: 'listDemoAccounts',
      summary: 'Demo mode only (HUB_DEMO=true): the demo accounts one can sign in as',
      tags,
      auth: 'none',
      responses: { 200: { description: 'Demo accounts', schema: 'session#/$defs/demoAccounts' } },
    },
    (c) => c.json({ items: accounts }),
  );
  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/auth/demo',
      operationId: 'signInAsDemoAccount',
      summary:
        'Demo mode only (HUB_DEMO=true): open a browser session as a demo account, without a credential',
      tags,
      auth: 'none',
      body: { schema: 'session#/$defs/demoSignIn' },
      responses: {
        201: { description: 'Signed in', schema: 'session#/$defs/session' },
        404: problem('Not a demo account'),
      },
    },
    async (c) => {
      checkOrigin(c, { required: false });
      const { email } = c.var.body as { email: string };
      const account = accounts.find((a) => a.email === email.trim().toLowerCase());
      const user = account && (await findUser(c.var.deps.db, account.email));
      if (!user) throw new ApiError(404, 'not-found', `${email} is not one of the demo accounts`);
      return openSession(c, { userId: user.id, method: 'demo' });
    },
  );
}
