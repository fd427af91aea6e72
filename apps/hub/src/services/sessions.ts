/** Opening a browser session from a request: stored, cookie set, audited, answered with its CSRF token. */
import {
  createSession,
  csrfTokenFor,
  type SessionInfo,
  type SessionMethod,
  sessionActor,
} from '@ewto/identity';
import type { Context } from 'hono';
import { setSessionCookie } from '../session-cookie.ts';
import type { AppEnv } from '../types.ts';

/** What GET /api/v1/auth/session answers (schemas/session.schema.json#/$defs/session). */
export async function sessionBody(c: Context<AppEnv>, session: SessionInfo, secret?: string) {
  const actor = await sessionActor(c.var.deps.db, session);
  if (actor.kind !== 'user') throw new Error('unreachable: sessions are for people');
  return {
    id: session.id,
    userId: session.userId,
    email: actor.email,
    method: session.method,
    scopeOrgId: session.scopeOrgId,
    createdAt: session.createdAt,
    expiresAt: session.expiresAt,
    csrfToken: secret ? await csrfTokenFor(secret) : '',
    demo: c.var.deps.config.demo,
    memberships: actor.memberships,
  };
}

export async function openSession(
  c: Context<AppEnv>,
  input: { userId: string; method: SessionMethod; credentialId?: string; scopeOrgId?: string | null },
): Promise<Response> {
  const { config, audit } = c.var.deps;
  // The session and its audit entry are stored together, or neither is.
  const { secret, session } = await audit.transaction(async (tx, record) => {
    const opened = await createSession(tx, {
      ...input,
      ttlSeconds: config.sessionTtl,
      userAgent: c.req.header('user-agent'),
    });
    record({
      action: 'session.created',
      outcome: 'success',
      actor: await sessionActor(tx, opened.session),
      resource: { type: 'session', id: opened.session.id },
      details: {
        method: input.method,
        expiresAt: opened.session.expiresAt,
        scoped: Boolean(opened.session.scopeOrgId),
      },
      requestId: c.var.requestId,
    });
    return opened;
  });
  const body = await sessionBody(c, session, secret);
  setSessionCookie(c, secret, session);
  c.header('Cache-Control', 'no-store');
  return c.json(body, 201);
}
