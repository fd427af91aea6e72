/**
 * The JSON projection of a plan (schemas/action-plan.schema.json) and its Markdown export.
 * Fields a client has not set yet read as empty strings, `planned` and no indicators.
 */
import type {
  ActionPlan,
  Activity,
  ActivityStatus,
  Indicator,
  IndicatorKind,
} from '@ewto/schemas/generated/action-plan';
import * as Y from 'yjs';
import { CATEGORIES, categoryArray, planMap, STATUSES } from './layout.ts';
import { fragmentToMarkdown } from './markdown.ts';

export interface PlanMeta {
  id: string;
  archived: boolean;
  createdAt: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** One activity map as JSON. */
export function projectActivity(m: Y.Map<unknown>): Activity {
  const status = m.get('status');
  const provision = str(m.get('provision'));
  const indicators = m.get('indicators');
  const description = m.get('description');
  return {
    id: str(m.get('id')),
    title: str(m.get('title')),
    owner: str(m.get('owner')),
    due: str(m.get('due')),
    ...(provision ? { provision } : {}),
    status: (STATUSES as readonly unknown[]).includes(status) ? (status as ActivityStatus) : 'planned',
    description: description instanceof Y.XmlFragment ? fragmentToMarkdown(description) : '',
    indicators:
      indicators instanceof Y.Array
        ? indicators
            .toArray()
            .filter((i): i is Y.Map<unknown> => i instanceof Y.Map)
            .map(projectIndicator)
        : [],
  };
}

function projectIndicator(m: Y.Map<unknown>): Indicator {
  const kind = m.get('kind');
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  return {
    name: str(m.get('name')),
    ...(typeof kind === 'string' ? { kind: kind as IndicatorKind } : {}),
    target: num(m.get('target')),
    actual: num(m.get('actual')),
  };
}

/**
 * The plan as JSON.
 * @example projectPlan(doc, { id, archived: false, createdAt })
 */
export function projectPlan(doc: Y.Doc, meta: PlanMeta): ActionPlan {
  const plan = planMap(doc);
  const categories = {} as ActionPlan['categories'];
  for (const c of CATEGORIES)
    categories[c] = (categoryArray(doc, c)?.toArray() ?? [])
      .filter((a): a is Y.Map<unknown> => a instanceof Y.Map)
      .map(projectActivity);
  return {
    id: meta.id,
    company: str(plan.get('company')),
    period: str(plan.get('period')),
    title: str(plan.get('title')),
    archived: meta.archived,
    createdAt: meta.createdAt,
    categories,
  };
}

export const CATEGORY_TITLES: Record<(typeof CATEGORIES)[number], string> = {
  policy: 'Policy',
  staffTraining: 'Staff Training',
  userEducation: 'User Education',
  citizenScience: 'Citizen Science',
  automatedDetection: 'Automated Detection',
  shareLearning: 'Share Learning',
};

/**
 * The Markdown export of a projected plan.
 * @example planToMarkdown(projectPlan(doc, meta), { companyName: 'Alpha Market' })
 */
export function planToMarkdown(plan: ActionPlan, { companyName }: { companyName?: string } = {}): string {
  const out = [
    `# ${plan.title}`,
    '',
    `Company: ${companyName ?? plan.company} · Period: ${plan.period}${plan.archived ? ' · archived' : ''}`,
  ];
  for (const c of CATEGORIES) {
    out.push('', `## ${CATEGORY_TITLES[c]}`, '');
    const list = plan.categories[c];
    if (list.length === 0) out.push('_No activities._');
    for (const a of list) {
      out.push(`### ${a.title || '(untitled)'}`, '');
      const facts = [`Status: ${a.status}`];
      if (a.owner) facts.push(`Owner: ${a.owner}`);
      if (a.due) facts.push(`Due: ${a.due}`);
      if (a.provision) facts.push(`Provision: ${a.provision}`);
      out.push(facts.join(' · '), '');
      if (a.description) out.push(a.description, '');
      if (a.indicators.length) {
        out.push('| indicator | kind | target | actual |', '|---|---|---:|---:|');
        for (const i of a.indicators)
          out.push(`| ${i.name.replace(/\|/g, '\\|')} | ${i.kind ?? ''} | ${i.target} | ${i.actual} |`);
        out.push('');
      }
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
