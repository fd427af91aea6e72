/** Who changed which activity; activities from a policy submission's gaps; Coalition progress. */
import { coalesceEvents } from '@ewto/plans';
import type { Hono } from 'hono';
import { audit, audited, permit, requireActor } from '../../auth.ts';
import { UpdateLog } from '../../collab/update-log.ts';
import { ApiError } from '../../problem.ts';
import { defineRoute, type RouteTable } from '../../routing.ts';
import { activitiesFromReport, progress, readablePlanOrgs } from '../../services/plan-content.ts';
import { getSubmission } from '../../services/policies.ts';
import type { AppEnv } from '../../types.ts';
import { loadPlan, notArchived } from './load.ts';

const tags = ['plans'];

export function activityRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/plans/:id/activity',
      operationId: 'getPlanActivity',
      summary: 'Who added, edited or removed which activity, oldest first (from the stored updates)',
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'The activity log', schema: 'action-plan#/$defs/activityLog' } },
    },
    async (c) => {
      const plan = await loadPlan(c, 'plan.read');
      await c.var.deps.collab.log.drained();
      const items = coalesceEvents(await c.var.deps.collab.log.activity(plan.id));
      await audit(c, 'plan.read', {
        orgId: plan.orgId,
        resource: { type: 'plan', id: plan.id },
        details: { view: 'activity' },
      });
      return c.json({ items });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/plans/:id/activities/from-submission',
      operationId: 'activitiesFromSubmission',
      summary:
        'Policy activities for each missing or partial provision of a policy submission, skipping provisions that already have one',
      tags,
      auth: 'bearer',
      body: { schema: 'action-plan#/$defs/fromSubmission' },
      responses: {
        200: {
          description: 'What was created and skipped',
          schema: 'action-plan#/$defs/fromSubmissionResult',
        },
      },
    },
    async (c) => {
      const plan = await loadPlan(c, 'plan.write');
      notArchived(plan);
      await permit(c, 'policy.read', { orgId: plan.orgId, orgKind: 'company' });
      const { submissionId } = c.var.body as { submissionId: string };
      const sub = await getSubmission(c.var.deps.db, plan.orgId, submissionId);
      if (!sub)
        throw new ApiError(
          422,
          'invalid',
          `the company of plan ${plan.id} has no policy submission ${submissionId}`,
        );
      const actor = requireActor(c);
      const userId = actor.kind === 'user' ? actor.userId : 'unknown';
      // The new activities and their audit entry commit together; only then are they sent to anyone.
      const result = await activitiesFromReport(c.var.deps, plan, sub.report as never, userId, (update) =>
        audited(c, async (tx, record) => {
          await UpdateLog.appendIn(tx, plan.id, update, userId);
          record('plan.written', {
            orgId: plan.orgId,
            resource: { type: 'plan', id: plan.id },
            details: { change: 'from-submission', submissionId },
          });
        }),
      );
      return c.json(result);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/progress',
      operationId: 'getProgress',
      summary:
        "Coalition progress for a period: each indicator's target and actual summed over the companies' plans, with per-company rows (a company sees only its own)",
      tags,
      auth: 'bearer',
      query: [{ name: 'period', description: "the plans' period, e.g. 2027", required: true }],
      responses: { 200: { description: 'Progress', schema: 'action-plan#/$defs/progress' } },
    },
    async (c) => {
      const period = c.req.query('period') ?? '';
      if (!/^[0-9]{4}(-(H[12]|Q[1-4]))?$/.test(period))
        throw new ApiError(
          400,
          'bad-request',
          'period is required: a year (2027), a half (2027-H1) or a quarter (2027-Q3)',
        );
      const orgs = readablePlanOrgs(requireActor(c));
      if (orgs && orgs.length === 0) throw new ApiError(403, 'forbidden', 'you may read no action plans');
      return c.json(await progress(c.var.deps, period, orgs));
    },
  );
}
