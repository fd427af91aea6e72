import type { Hono } from 'hono';
import { defineRoute, type RouteTable } from '../routing.ts';
import { databaseReachable } from '../services/health.ts';
import type { AppEnv } from '../types.ts';
import { HUB_VERSION } from '../version.ts';

export function healthRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/healthz',
      operationId: 'getHealth',
      summary: 'Liveness and database reachability',
      tags: ['meta'],
      auth: 'none',
      responses: {
        200: { description: 'The hub is up and its database answers', schema: 'health' },
        503: { description: 'The database does not answer', schema: 'health' },
      },
    },
    async (c) => {
      const ok = await databaseReachable(c.var.deps);
      const database = ok ? 'ok' : 'unreachable';
      return c.json({ status: ok ? 'ok' : 'degraded', version: HUB_VERSION, database }, ok ? 200 : 503);
    },
  );
}
