/**
 * The /collab/{planId} websocket upgrade: the caller is authenticated (401) and authorised to
 * read the plan (404) before any websocket exists; then the collaboration server takes over.
 * Two credentials: a bearer access token in `?token=` (scripts; `authenticate` in auth.ts puts it
 * in `c.var.credential`), or the browser session cookie, accepted only with the hub's own `Origin`
 * (browsers always send one on a websocket upgrade; another site's page is refused with 403).
 */

import { findLiveSession, IdentityError, sessionActor } from '@ewto/identity';
import { upgradeWebSocket } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import type { WebSocket } from 'ws';
import { audit, requireActor } from '../../auth.ts';
import type { CollabCredential, Connection } from '../../collab/connection.ts';
import { ApiError } from '../../problem.ts';
import { toRecord } from '../../services/plans.ts';
import { checkOrigin, sessionSecret } from '../../session-cookie.ts';
import type { AppEnv } from '../../types.ts';
import { loadPlan } from './load.ts';

export function collabRoutes(app: Hono<AppEnv>) {
  app.get('/collab/:planId', async (c, next) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket')
      throw new ApiError(
        426,
        'upgrade-required',
        'connect with a websocket (y-websocket), see docs/action-plans.md',
        {
          headers: { Upgrade: 'websocket' },
        },
      );
    requireActor(c);
    const plan = await loadPlan(c, 'plan.read', 'planId');
    const credential = c.var.credential ?? sessionCredential(c);
    if (!credential)
      throw new ApiError(401, 'unauthenticated', 'no credential for a collaboration connection');
    await audit(c, 'plan.read', {
      orgId: plan.orgId,
      resource: { type: 'plan', id: plan.id },
      details: { via: 'collab' },
    });
    const collab = c.var.deps.collab;
    let conn: Connection | undefined;
    return upgradeWebSocket(() => ({
      onOpen: (_evt, ws) => {
        conn = collab.connect(ws.raw as WebSocket, toRecord(plan), credential);
      },
      onMessage: (evt) => conn?.handle(evt.data as ArrayBuffer),
      onClose: () => conn?.closed(),
      onError: () => conn?.closed(),
    }))(c, next);
  });
}

/**
 * The credential of a caller who upgraded with the session cookie: its Origin must be the hub's
 * (required, not only checked when present), and each recheck finds the session live again (a
 * signed-out or revoked session closes the connection with 4403, an expired one with 4401).
 */
function sessionCredential(c: Context<AppEnv>): CollabCredential | undefined {
  const session = c.var.session;
  const secret = sessionSecret(c);
  if (!session || !secret) return undefined;
  checkOrigin(c, { required: true });
  const { db } = c.var.deps;
  return {
    actor: c.var.actor,
    key: `session:${session.id}`,
    expiresAt: Date.parse(session.expiresAt),
    recheck: async () => {
      const live = await findLiveSession(db, secret);
      if (!live) throw new IdentityError('invalid-token', 'the browser session ended');
      return sessionActor(db, live);
    },
  };
}
