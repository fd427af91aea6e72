/**
 * The /collab/{planId} websocket upgrade: the caller is authenticated (401) and authorised to
 * read the plan (404) before any websocket exists; then the collaboration server takes over.
 * Two credentials: a bearer access token in `?token=` (scripts; `authenticate` in auth.ts puts it
 * in `c.var.credential`), or the browser session cookie, accepted only with the hub's own `Origin`
 * (browsers always send one on a websocket upgrade; another site's page is refused with 403).
 */

import { upgradeWebSocket } from '@hono/node-server';
import type { Hono } from 'hono';
import type { WebSocket } from 'ws';
import { audit, requireActor } from '../../auth.ts';
import type { Connection } from '../../collab/connection.ts';
import { ApiError } from '../../problem.ts';
import { toRecord } from '../../services/plans.ts';
import { checkOrigin } from '../../session-cookie.ts';
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
    // The session cookie only from the hub's own page: browsers always send Origin on an upgrade.
    if (c.var.session) checkOrigin(c, { required: true });
    const plan = await loadPlan(c, 'plan.read', 'planId');
    const credential = c.var.credential;
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
