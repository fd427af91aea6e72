/**
 * Reading and editing a plan's content for REST: the projection from the stored state, named
 * versions, activities from a submission's gaps, Coalition progress.
 */
import type { Actor } from '@ewto/identity';
import { authorize } from '@ewto/identity';
import {
  addActivities,
  type NewActivity,
  projectPlan,
  provisionsWithActivities,
  restoreFrom,
} from '@ewto/plans';
import { validate } from '@ewto/schemas';
import type { ActionPlan, CoalitionProgress, IndicatorKind } from '@ewto/schemas/generated/action-plan';
import * as Y from 'yjs';
import type { Persist } from '../collab/doc-store.ts';
import type { HubDeps } from '../types.ts';
import { type PlanRow, plansOfPeriod, toRecord } from './plans.ts';

/** The plan as stored (what every client has been or will be sent), validated against its schema. */
export async function readPlan(deps: HubDeps, plan: PlanRow): Promise<{ json: ActionPlan; doc: Y.Doc }> {
  await deps.collab.log.drained();
  const { doc } = await deps.collab.log.loadDoc(plan.id);
  const json = projectPlan(doc, {
    id: plan.id,
    archived: plan.archivedAt !== null,
    createdAt: plan.createdAt,
  });
  const issues = validate('action-plan', json);
  if (issues.length)
    throw new Error(`plan ${plan.id} does not project to a valid document: ${issues[0]!.message}`);
  return { json, doc };
}

/** The plan's stored state, for a named version. */
export async function storedState(deps: HubDeps, plan: PlanRow): Promise<Uint8Array> {
  const { doc } = await readPlan(deps, plan);
  return Y.encodeStateAsUpdate(doc);
}

/** Makes the plan read like a version, as a new edit by `userId`. */
export async function restoreVersion(
  deps: HubDeps,
  plan: PlanRow,
  state: Uint8Array,
  userId: string,
  persist?: Persist,
) {
  const version = new Y.Doc();
  Y.applyUpdate(version, state);
  await deps.collab.store.edit(toRecord(plan), userId, (doc) => restoreFrom(doc, version), {
    ...(persist ? { persist } : {}),
  });
}

interface ReportProvision {
  id: string;
  title: string;
  verdict: string;
  message?: string;
  missing?: { scope?: Array<{ text?: string }>; measures?: Array<{ text?: string }> };
}

/**
 * Policy activities for each missing or partial provision of an alignment report that has no
 * activity yet. Returns what was created and which provisions were skipped.
 */
export async function activitiesFromReport(
  deps: HubDeps,
  plan: PlanRow,
  report: { provisions?: ReportProvision[] },
  userId: string,
  persist?: Persist,
) {
  const gaps = (report.provisions ?? []).filter((p) => p.verdict === 'missing' || p.verdict === 'partial');
  return deps.collab.store.edit(
    toRecord(plan),
    userId,
    (doc) => {
      const have = provisionsWithActivities(doc);
      const items: NewActivity[] = [];
      const skipped: string[] = [];
      for (const p of gaps) {
        if (have.has(p.id)) {
          skipped.push(p.id);
          continue;
        }
        const missing = [...(p.missing?.scope ?? []), ...(p.missing?.measures ?? [])]
          .map((m) => m.text)
          .filter(Boolean);
        items.push({
          id: crypto.randomUUID(),
          title: `${p.verdict === 'missing' ? 'Adopt' : 'Complete'} ${p.id}: ${p.title}`,
          provision: p.id,
          description: [
            `${p.id} is ${p.verdict} in the policy: ${p.message ?? ''}`.trim(),
            ...missing.map((m) => `Missing: ${m}`),
          ].join('\n'),
        });
      }
      if (items.length) addActivities(doc, 'policy', items);
      const created = items.map((i) => i.id);
      const json = projectPlan(doc, { id: plan.id, archived: false, createdAt: plan.createdAt });
      return { created: json.categories.policy.filter((a) => created.includes(a.id)), skipped };
    },
    persist ? { persist } : {},
  );
}

/** Whether the actor may read every company's plans (conveners), not only their own. */
export const readsAllPlans = (actor: Actor) =>
  authorize(actor, 'plan.read', { orgId: '\u0000any-other-organisation', orgKind: 'company' }) === 'allow';

/** Organisations whose plans the actor may read (undefined: all). */
export function readablePlanOrgs(actor: Actor): string[] | undefined {
  if (readsAllPlans(actor)) return undefined;
  // Only companies have plans.
  const orgs =
    actor.kind === 'user' ? actor.memberships.filter((m) => m.orgKind === 'company').map((m) => m.orgId) : [];
  return orgs.filter((orgId) => authorize(actor, 'plan.read', { orgId, orgKind: 'company' }) === 'allow');
}

/** Each indicator kind's target and actual summed over the period's plans, per company and in all. */
export async function progress(
  deps: HubDeps,
  period: string,
  orgIds: string[] | undefined,
): Promise<CoalitionProgress> {
  const rows = await plansOfPeriod(deps.db, period, orgIds);
  type Sums = Map<IndicatorKind, { target: number; actual: number }>;
  const companies = new Map<string, { plans: string[]; sums: Sums }>();
  const total = new Map<IndicatorKind, { target: number; actual: number }>();
  for (const plan of rows) {
    const { json } = await readPlan(deps, plan);
    const company = companies.get(plan.orgId) ?? { plans: [] as string[], sums: new Map() as Sums };
    companies.set(plan.orgId, company);
    company.plans.push(plan.id);
    for (const list of Object.values(json.categories))
      for (const a of list)
        for (const i of a.indicators) {
          if (!i.kind) continue;
          for (const m of [company.sums, total]) {
            const s = m.get(i.kind) ?? { target: 0, actual: 0 };
            s.target += i.target;
            s.actual += i.actual;
            m.set(i.kind, s);
          }
        }
  }
  const figures = (m: Map<IndicatorKind, { target: number; actual: number }>) =>
    [...m].sort(([a], [b]) => a.localeCompare(b)).map(([kind, s]) => ({ kind, ...s }));
  return {
    period,
    indicators: figures(total),
    companies: [...companies].map(([company, c]) => ({
      company,
      plans: c.plans,
      indicators: figures(c.sums),
    })),
  };
}
