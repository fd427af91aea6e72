/** Creating, listing, reading and archiving plans. */
import { findOrg } from '@ewto/identity';
import { planToMarkdown } from '@ewto/plans';
import type { Hono } from 'hono';
import { audit, audited, permit, requireActor } from '../../auth.ts';
import { created, pageParams, pageQuery } from '../../http.ts';
import { ApiError } from '../../problem.ts';
import { defineRoute, type RouteTable } from '../../routing.ts';
import { readablePlanOrgs, readPlan } from '../../services/plan-content.ts';
import { archivePlan, createPlan, listPlans, toRecord, toSummary } from '../../services/plans.ts';
import type { AppEnv } from '../../types.ts';
import { loadOrg } from '../orgs.ts';
import { loadPlan } from './load.ts';

const tags = ['plans'];

export function planRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/orgs/:org/plans',
      operationId: 'createPlan',
      summary:
        "Create an action plan for a company and period (conveners' editors); the hub writes its whole skeleton",
      tags,
      auth: 'bearer',
      body: { schema: 'action-plan#/$defs/planCreate' },
      responses: { 201: { description: 'The new plan (projection)', schema: 'action-plan' } },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'plan.create', { orgId: org.id, orgKind: org.kind });
      const actor = requireActor(c);
      const body = c.var.body as { period: string; title: string };
      const plan = await audited(c, async (tx, record) => {
        const plan = await createPlan(tx, {
          orgId: org.id,
          period: body.period,
          title: body.title,
          createdBy: actor.kind === 'user' ? actor.userId : 'unknown',
        });
        record('plan.created', {
          orgId: org.id,
          resource: { type: 'plan', id: plan.id },
          details: { period: plan.period },
        });
        return plan;
      });
      const { json } = await readPlan(c.var.deps, plan);
      return created(c, `/api/v1/plans/${plan.id}`, json);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/orgs/:org/plans',
      operationId: 'listOrgPlans',
      summary: "A company's action plans, newest first",
      tags,
      auth: 'bearer',
      query: [...pageParams, { name: 'period', description: 'only plans of this period' }],
      responses: { 200: { description: 'A page of plans', schema: 'action-plan#/$defs/planPage' } },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'plan.read', { orgId: org.id, orgKind: org.kind });
      const period = c.req.query('period') || undefined;
      return c.json(
        await listPlans(c.var.deps.db, [org.id], { ...pageQuery(c), ...(period ? { period } : {}) }),
      );
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/plans',
      operationId: 'listPlans',
      summary: 'Every action plan the caller may read (conveners: all companies; members: their own)',
      tags,
      auth: 'bearer',
      query: [...pageParams, { name: 'period', description: 'only plans of this period' }],
      responses: { 200: { description: 'A page of plans', schema: 'action-plan#/$defs/planPage' } },
    },
    async (c) => {
      const orgs = readablePlanOrgs(requireActor(c));
      const period = c.req.query('period') || undefined;
      return c.json(await listPlans(c.var.deps.db, orgs, { ...pageQuery(c), ...(period ? { period } : {}) }));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/plans/:id',
      operationId: 'getPlan',
      summary:
        'The plan as JSON (schemas/action-plan.schema.json), or `?format=markdown` for the Markdown export',
      tags,
      auth: 'bearer',
      query: [
        { name: 'format', description: 'json (default) or markdown', schema: { enum: ['json', 'markdown'] } },
      ],
      responses: {
        200: { description: 'The plan as stored', schema: 'action-plan' },
      },
    },
    async (c) => {
      const plan = await loadPlan(c, 'plan.read');
      const format = c.req.query('format') ?? 'json';
      if (format !== 'json' && format !== 'markdown')
        throw new ApiError(400, 'bad-request', 'format must be json or markdown');
      const { json } = await readPlan(c.var.deps, plan);
      await audit(c, 'plan.read', {
        orgId: plan.orgId,
        resource: { type: 'plan', id: plan.id },
        details: { format },
      });
      if (format === 'markdown') {
        const org = await findOrg(c.var.deps.db, plan.orgId);
        return c.body(planToMarkdown(json, { ...(org ? { companyName: org.name } : {}) }), 200, {
          'Content-Type': 'text/markdown; charset=utf-8',
        });
      }
      return c.json(json);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/plans/:id/archive',
      operationId: 'archivePlan',
      summary: "Archive a plan (conveners' editors): it becomes read-only, open connections included",
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'The archived plan', schema: 'action-plan#/$defs/planSummary' } },
    },
    async (c) => {
      const plan = await loadPlan(c, 'plan.create');
      const actor = requireActor(c);
      const row = await audited(c, async (tx, record) => {
        const row = await archivePlan(tx, plan.id, actor.kind === 'user' ? actor.userId : 'unknown');
        record('plan.written', {
          orgId: plan.orgId,
          resource: { type: 'plan', id: plan.id },
          details: { change: 'archived' },
        });
        return row;
      });
      c.var.deps.collab.store.updatePlan(toRecord(row));
      return c.json(toSummary(row));
    },
  );
}
