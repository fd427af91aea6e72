/**
 * A stored submission's report as a download (Markdown, JSON, SARIF), and what the submitted
 * policy must change to align with another framework edition.
 */
import {
  type AlignmentReport,
  compareEditions,
  formatReportMarkdown,
  formatReportSarif,
  parseCompanyPolicy,
  readSource,
} from '@ewto/framework';
import type { Context, Hono } from 'hono';
import { permit } from '../auth.ts';
import { param } from '../http.ts';
import { ApiError } from '../problem.ts';
import { defineRoute, type RouteTable } from '../routing.ts';
import { getSubmission } from '../services/policies.ts';
import type { AppEnv } from '../types.ts';
import { HUB_VERSION } from '../version.ts';
import { loadOrg } from './orgs.ts';

const tags = ['framework'];
const FORMATS = ['json', 'markdown', 'sarif'] as const;
const today = () => new Date().toISOString().slice(0, 10);

async function loadSubmission(c: Context<AppEnv>) {
  const org = await loadOrg(c);
  await permit(c, 'policy.read', { orgId: org.id, orgKind: org.kind });
  const sub = await getSubmission(c.var.deps.db, org.id, param(c, 'id'));
  if (!sub) throw new ApiError(404, 'not-found', `no submission ${param(c, 'id')}`);
  return { org, sub };
}

export function policyReportRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/orgs/:org/policies/:id/report',
      operationId: 'downloadPolicyReport',
      summary: "A submission's alignment report as a file: JSON, Markdown or SARIF 2.1.0",
      tags,
      auth: 'bearer',
      query: [
        {
          name: 'format',
          description: 'json (default), markdown or sarif',
          schema: { enum: [...FORMATS], default: 'json' },
        },
      ],
      responses: {
        200: { description: 'The report (Content-Disposition: attachment)', schema: 'alignment-report' },
      },
    },
    async (c) => {
      const { org, sub } = await loadSubmission(c);
      const format = c.req.query('format') || 'json';
      if (!(FORMATS as readonly string[]).includes(format))
        throw new ApiError(400, 'bad-request', `format must be json, markdown or sarif, not "${format}"`);
      const report = sub.report as unknown as AlignmentReport;
      const base = `alignment-${org.slug}-${sub.frameworkVersion}-${sub.submittedAt.slice(0, 10)}`;
      const attach = (ext: string) => ({ 'Content-Disposition': `attachment; filename="${base}.${ext}"` });
      if (format === 'markdown')
        return c.body(formatReportMarkdown(report), 200, {
          'Content-Type': 'text/markdown; charset=utf-8',
          ...attach('md'),
        });
      if (format === 'sarif') {
        const parsed = parseCompanyPolicy(sub.document, {
          editions: c.var.deps.frameworks.editions,
          today: today(),
        });
        const sarif = formatReportSarif(report, {
          uri: `policy.${sub.mediaType === 'application/json' ? 'json' : 'yaml'}`,
          source: readSource(sub.document),
          edition: c.var.deps.frameworks.get(sub.frameworkVersion),
          ...(parsed.ok ? { policy: parsed.document } : {}),
          toolVersion: HUB_VERSION,
        });
        return c.body(JSON.stringify(sarif, null, 2), 200, {
          'Content-Type': 'application/sarif+json',
          ...attach('sarif'),
        });
      }
      return c.body(JSON.stringify(report, null, 2), 200, {
        'Content-Type': 'application/json',
        ...attach('json'),
      });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/orgs/:org/policies/:id/changes/:to',
      operationId: 'getPolicyChanges',
      summary:
        'What changed from the edition a submission was assessed against to edition `to`, and what the policy must change',
      tags,
      auth: 'bearer',
      responses: {
        200: { description: 'The changes with their impact on the policy', schema: 'edition-changes' },
      },
    },
    async (c) => {
      const { sub } = await loadSubmission(c);
      const { frameworks } = c.var.deps;
      const from = frameworks.get(sub.frameworkVersion);
      const to = frameworks.get(param(c, 'to'));
      if (!from || !to)
        throw new ApiError(
          404,
          'unknown-edition',
          `no framework edition "${param(c, 'to')}"; see GET /api/v1/frameworks`,
        );
      const parsed = parseCompanyPolicy(sub.document, { editions: frameworks.editions, today: today() });
      if (!parsed.ok) throw new ApiError(422, 'invalid-document', 'the stored policy no longer parses');
      return c.json(compareEditions(from, to, { policy: parsed.document, today: today() }));
    },
  );
}
