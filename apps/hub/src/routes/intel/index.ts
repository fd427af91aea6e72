/** The intelligence exchange (issue 11; docs/intelligence.md). */
import type { Hono } from 'hono';
import type { RouteTable } from '../../routing.ts';
import type { AppEnv } from '../../types.ts';
import { inboxRoutes } from './inbox.ts';
import { promoteRoutes } from './promote.ts';
import { publicationRoutes } from './publications.ts';
import { publishRoutes } from './publish.ts';

export function intelRoutes(app: Hono<AppEnv>, table: RouteTable) {
  publishRoutes(app, table);
  publicationRoutes(app, table);
  inboxRoutes(app, table);
  promoteRoutes(app, table);
}
