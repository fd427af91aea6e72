/** The framework editions, edition-to-edition changes, and companies' policy submissions with their alignment reports. */
import { compareEditions, diffPolicy, editionSummary, parseCompanyPolicy } from '@ewto/framework';
import { decodeUtf8 } from '@ewto/schemas';
import type { Context, Hono } from 'hono';
import { audit, audited, permit, requireActor } from '../auth.ts';
import { created, pageParams, pageQuery, param } from '../http.ts';
import { ApiError } from '../problem.ts';
import { defineRoute, type RouteTable } from '../routing.ts';
import { getSubmission, listSubmissions, storeSubmission } from '../services/policies.ts';
import type { AppEnv } from '../types.ts';
import { loadOrg } from './orgs.ts';

const tags = ['framework'];
const MEDIA_YAML = ['application/yaml', 'application/x-yaml', 'text/yaml'];

function edition(c: Context<AppEnv>, id: string) {
  const e = c.var.deps.frameworks.get(id);
  if (!e)
    throw new ApiError(404, 'unknown-edition', `no framework edition "${id}"; see GET /api/v1/frameworks`);
  return e;
}

const today = () => new Date().toISOString().slice(0, 10);

export function frameworkRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/frameworks',
      operationId: 'listFrameworks',
      summary: 'The released editions of the Prohibited Wildlife Policy Framework, oldest first',
      tags,
      auth: 'bearer',
      responses: {
        200: {
          description: 'Edition summaries and the id `latest` resolves to',
          schema: {
            type: 'object',
            required: ['items', 'latest'],
            properties: { items: { type: 'array' }, latest: { type: 'string' } },
          },
        },
      },
    },
    async (c) => {
      await permit(c, 'framework.read');
      const { frameworks } = c.var.deps;
      return c.json({ items: frameworks.editions.map(editionSummary), latest: frameworks.latest.version });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/frameworks/:version',
      operationId: 'getFramework',
      summary: 'One edition, by id (`2016`, `2020.1`) or `latest`',
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'The edition', schema: 'framework' } },
    },
    async (c) => {
      await permit(c, 'framework.read');
      return c.json(edition(c, param(c, 'version')));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/frameworks/:from/changes/:to',
      operationId: 'getFrameworkChanges',
      summary:
        'What changed between two editions, each change with a rule id and a level (breaking, relaxing, editorial)',
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'The changes', schema: 'edition-changes' } },
    },
    async (c) => {
      await permit(c, 'framework.read');
      return c.json(compareEditions(edition(c, param(c, 'from')), edition(c, param(c, 'to'))));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/orgs/:org/policies',
      operationId: 'submitPolicy',
      summary: "Submit the company's policy (YAML or JSON); stored immutably; answers the alignment report",
      description:
        'The body is a company policy document (docs/company-policy-format.md) as `application/yaml` or `application/json`. An invalid document gets 422 with one error per problem (JSON Pointer, line and column), as does one nesting lists and mappings more than 64 levels deep or whose YAML aliases expand past a bound. A body that is not UTF-8 gets 400 naming the byte offset (`offset`); a document is stored exactly as sent. `?framework=` picks the edition (default `latest`).',
      tags,
      auth: 'bearer',
      query: [
        {
          name: 'framework',
          description: 'edition id or latest',
          schema: { type: 'string', default: 'latest' },
        },
      ],
      // Validated by the framework package (semantic checks, line:col) rather than by the router.
      body: { schema: { $ref: 'company-policy.schema.json' }, contentTypes: MEDIA_YAML },
      responses: {
        201: {
          description: 'The alignment report of the stored submission',
          schema: 'alignment-report',
          headers: { Location: 'URL of the submission' },
        },
      },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'policy.submit', { orgId: org.id, orgKind: org.kind });
      const actor = requireActor(c);
      const fw = edition(c, c.req.query('framework') || 'latest');
      const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (mediaType !== 'application/json' && !MEDIA_YAML.includes(mediaType))
        throw new ApiError(
          415,
          'unsupported-media-type',
          `send application/json or application/yaml, not "${mediaType}"`,
        );
      // Stored exactly as sent: bytes that are not UTF-8 are refused, never replaced.
      const decoded = decodeUtf8(new Uint8Array(await c.req.arrayBuffer()));
      if (!decoded.ok) throw new ApiError(400, 'invalid-utf8', decoded.message, { offset: decoded.offset });
      const text = decoded.text;
      const parsed = parseCompanyPolicy(text, {
        editions: c.var.deps.frameworks.editions,
        today: today(),
        format: mediaType === 'application/json' ? 'json' : 'yaml',
      });
      if (!parsed.ok)
        throw new ApiError(422, 'invalid-document', parsed.issues[0]?.message ?? 'invalid company policy', {
          errors: parsed.issues.map((i) => ({
            pointer: i.pointer,
            message: i.message,
            line: i.line,
            col: i.col,
          })),
        });
      const report = diffPolicy(fw, parsed.document, { today: today() });
      const row = await audited(c, async (tx, record) => {
        const row = await storeSubmission(tx, {
          orgId: org.id,
          submittedBy: actor.kind === 'user' ? actor.userId : 'unknown',
          frameworkVersion: fw.version,
          mediaType,
          document: text,
          score: report.summary.score,
          report: report as unknown as Record<string, unknown>,
        });
        record('policy.submitted', {
          orgId: org.id,
          resource: { type: 'policy-submission', id: row.id },
          details: { framework: fw.version, score: report.summary.score },
        });
        return row;
      });
      return created(c, `/api/v1/orgs/${org.id}/policies/${row.id}`, report);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/orgs/:org/policies',
      operationId: 'listPolicySubmissions',
      summary: "The company's policy submissions, newest first, with their scores (the score over time)",
      tags,
      auth: 'bearer',
      query: pageParams,
      responses: {
        200: {
          description: 'A page of submissions (without documents)',
          schema: { type: 'object', required: ['items', 'nextCursor'] },
        },
      },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'policy.read', { orgId: org.id, orgKind: org.kind });
      const page = await listSubmissions(c.var.deps.db, org.id, pageQuery(c));
      await audit(c, 'resource.read', {
        orgId: org.id,
        resource: { type: 'policy-submissions', id: org.id },
        details: {},
      });
      return c.json(page);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/orgs/:org/policies/:id',
      operationId: 'getPolicySubmission',
      summary: 'One submission: the document as submitted and its alignment report',
      tags,
      auth: 'bearer',
      responses: {
        200: {
          description: 'The submission',
          schema: { type: 'object', required: ['id', 'report', 'document'] },
        },
      },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'policy.read', { orgId: org.id, orgKind: org.kind });
      const sub = await getSubmission(c.var.deps.db, org.id, param(c, 'id'));
      if (!sub) throw new ApiError(404, 'not-found', `no submission ${param(c, 'id')}`);
      await audit(c, 'resource.read', {
        orgId: org.id,
        resource: { type: 'policy-submission', id: sub.id },
        details: {},
      });
      return c.json(sub);
    },
  );
}
