/** The plan named by `:id`, after asking the authorisation module (404 for plans the caller may not know). */
import type { Action } from '@ewto/identity';
import type { Context } from 'hono';
import { permit } from '../../auth.ts';
import { param } from '../../http.ts';
import { ApiError } from '../../problem.ts';
import { getPlan, type PlanRow } from '../../services/plans.ts';
import type { AppEnv } from '../../types.ts';

export async function loadPlan(c: Context<AppEnv>, action: Action, name = 'id'): Promise<PlanRow> {
  const plan = await getPlan(c.var.deps.db, param(c, name));
  if (!plan) throw new ApiError(404, 'not-found', `no such resource: ${c.req.path}`);
  await permit(c, action, { orgId: plan.orgId, orgKind: 'company' });
  return plan;
}

/** 409 for a change to an archived plan. */
export function notArchived(plan: PlanRow) {
  if (plan.archivedAt)
    throw new ApiError(
      409,
      'plan-archived',
      `plan ${plan.id} is archived (read-only); create a new plan instead`,
    );
}
