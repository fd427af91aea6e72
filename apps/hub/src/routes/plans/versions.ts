/** Named versions of a plan, and restoring one as a new edit. */
import type { Hono } from 'hono';
import { audited, requireActor } from '../../auth.ts';
import { UpdateLog } from '../../collab/update-log.ts';
import { created, pageParams, pageQuery, param } from '../../http.ts';
import { ApiError } from '../../problem.ts';
import { defineRoute, type RouteTable } from '../../routing.ts';
import { readPlan, restoreVersion, storedState } from '../../services/plan-content.ts';
import { createVersion, getVersion, listVersions } from '../../services/plans.ts';
import type { AppEnv } from '../../types.ts';
import { loadPlan, notArchived } from './load.ts';

const tags = ['plans'];

export function versionRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/plans/:id/versions',
      operationId: 'createPlanVersion',
      summary: 'Name the plan as it is stored now (who, when, label)',
      tags,
      auth: 'bearer',
      body: { schema: 'action-plan#/$defs/versionCreate' },
      responses: { 201: { description: 'The version', schema: 'action-plan#/$defs/version' } },
    },
    async (c) => {
      const plan = await loadPlan(c, 'plan.write');
      const actor = requireActor(c);
      const { label } = c.var.body as { label: string };
      const state = await storedState(c.var.deps, plan);
      const version = await audited(c, async (tx, record) => {
        const version = await createVersion(tx, {
          planId: plan.id,
          label,
          createdBy: actor.kind === 'user' ? actor.userId : 'unknown',
          state,
        });
        record('plan.written', {
          orgId: plan.orgId,
          resource: { type: 'plan', id: plan.id },
          details: { change: 'version', versionId: version.id },
        });
        return version;
      });
      return created(c, `/api/v1/plans/${plan.id}/versions/${version.id}`, version);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/plans/:id/versions',
      operationId: 'listPlanVersions',
      summary: "The plan's named versions, newest first",
      tags,
      auth: 'bearer',
      query: pageParams,
      responses: { 200: { description: 'A page of versions', schema: 'action-plan#/$defs/versionPage' } },
    },
    async (c) => {
      const plan = await loadPlan(c, 'plan.read');
      return c.json(await listVersions(c.var.deps.db, plan.id, pageQuery(c)));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/plans/:id/versions/:versionId/restore',
      operationId: 'restorePlanVersion',
      summary: 'Make the plan read like a named version again, applied as a new edit (the history is kept)',
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'The plan after the restore', schema: 'action-plan' } },
    },
    async (c) => {
      const plan = await loadPlan(c, 'plan.write');
      notArchived(plan);
      const actor = requireActor(c);
      const version = await getVersion(c.var.deps.db, plan.id, param(c, 'versionId'));
      if (!version)
        throw new ApiError(404, 'not-found', `plan ${plan.id} has no version ${param(c, 'versionId')}`);
      const userId = actor.kind === 'user' ? actor.userId : 'unknown';
      // The restoring edit and its audit entry commit together; only then is it sent to anyone.
      await restoreVersion(c.var.deps, plan, version.state, userId, (update) =>
        audited(c, async (tx, record) => {
          await UpdateLog.appendIn(tx, plan.id, update, userId);
          record('plan.written', {
            orgId: plan.orgId,
            resource: { type: 'plan', id: plan.id },
            details: { change: 'restore', versionId: version.id },
          });
        }),
      );
      return c.json((await readPlan(c.var.deps, plan)).json);
    },
  );
}
