/** Action plans: REST routes and the /collab upgrade. */
import type { Hono } from 'hono';
import type { RouteTable } from '../../routing.ts';
import type { AppEnv } from '../../types.ts';
import { activityRoutes } from './activity.ts';
import { collabRoutes } from './collab.ts';
import { planRoutes } from './plans.ts';
import { versionRoutes } from './versions.ts';

export function plansRoutes(app: Hono<AppEnv>, table: RouteTable) {
  planRoutes(app, table);
  versionRoutes(app, table);
  activityRoutes(app, table);
  collabRoutes(app);
}
