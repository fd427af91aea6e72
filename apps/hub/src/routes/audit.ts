/** The audit log: signed checkpoints, entries (conveners' admins all; an organisation's admins their own), proofs. */
import { findOrg, type SignedCheckpoint } from '@ewto/identity';
import type { Context, Hono } from 'hono';
import { permit, requireActor } from '../auth.ts';
import { pageParams, pageQuery } from '../http.ts';
import { ApiError } from '../problem.ts';
import { defineRoute, type RouteTable } from '../routing.ts';
import type { AppEnv } from '../types.ts';

const tags = ['audit'];

const served = (c: Context<AppEnv>, cp: SignedCheckpoint) => ({
  checkpoint: {
    origin: c.var.deps.config.hubUrl,
    treeSize: cp.treeSize,
    rootHash: cp.rootHash,
    time: cp.time,
  },
  jws: cp.jws,
});

function intQuery(c: Context<AppEnv>, name: string): number {
  const raw = c.req.query(name);
  const n = Number(raw);
  if (raw === undefined || raw === '' || !Number.isInteger(n) || n < 0)
    throw new ApiError(400, 'bad-request', `query parameter ${name} must be a whole number`);
  return n;
}

const pageOf = (items: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: items } }, nextCursor: { type: ['string', 'null'] } },
});

export function auditRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/audit/checkpoint',
      operationId: 'getAuditCheckpoint',
      summary: 'The latest signed checkpoint of the audit log (tree size + root hash, JWS by the hub key)',
      description: 'Save it: `ewto audit verify --checkpoint <file>` later proves the log still extends it.',
      tags,
      auth: 'bearer',
      responses: {
        200: { description: 'Signed checkpoint', schema: 'audit-checkpoint' },
        404: { description: 'The log is empty', schema: 'problem', contentType: 'application/problem+json' },
      },
    },
    async (c) => {
      requireActor(c);
      const cp = await c.var.deps.audit.checkpoint();
      if (!cp) throw new ApiError(404, 'not-found', 'the audit log is empty');
      return c.json(served(c, cp));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/audit/checkpoints',
      operationId: 'listAuditCheckpoints',
      summary: 'Every signed checkpoint, oldest first',
      tags,
      auth: 'bearer',
      query: pageParams,
      responses: {
        200: { description: 'A page of checkpoints', schema: pageOf('audit-checkpoint.schema.json') },
      },
    },
    async (c) => {
      requireActor(c);
      const page = await c.var.deps.audit.listCheckpoints(pageQuery(c));
      return c.json({ items: page.items.map((cp) => served(c, cp)), nextCursor: page.nextCursor });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/audit/entries',
      operationId: 'listAuditEntries',
      summary: "Audit entries in order: all for conveners' admins, `?org=` for an organisation's admins",
      tags,
      auth: 'bearer',
      query: [
        { name: 'org', description: 'only the entries about this organisation (id or slug)' },
        ...pageParams,
      ],
      responses: {
        200: {
          description: 'A page of entries with their stored leaf hashes',
          schema: {
            type: 'object',
            required: ['items', 'nextCursor'],
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['seq', 'entry', 'leafHash'],
                  properties: {
                    seq: { type: 'integer' },
                    entry: { $ref: 'audit-entry.schema.json' },
                    leafHash: { type: 'string' },
                  },
                },
              },
              nextCursor: { type: ['string', 'null'] },
            },
          },
        },
      },
    },
    async (c) => {
      let orgId: string | undefined;
      if (c.req.query('org')) {
        const org = await loadOrgParam(c, c.req.query('org')!);
        await permit(c, 'audit.read-org', { orgId: org.id, orgKind: org.kind });
        orgId = org.id;
      } else await permit(c, 'audit.read-all');
      return c.json(await c.var.deps.audit.listEntries({ ...pageQuery(c), ...(orgId ? { orgId } : {}) }));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/audit/proofs/inclusion',
      operationId: 'getAuditInclusionProof',
      summary: 'Inclusion proof of one entry in the tree of a given size',
      tags,
      auth: 'bearer',
      query: [
        { name: 'seq', description: 'the entry', required: true, schema: { type: 'integer', minimum: 0 } },
        {
          name: 'treeSize',
          description: 'size of a signed checkpoint',
          required: true,
          schema: { type: 'integer', minimum: 1 },
        },
      ],
      responses: { 200: { description: 'Inclusion proof', schema: 'audit-proof#/$defs/inclusion' } },
    },
    async (c) => {
      const seq = intQuery(c, 'seq');
      const entry = await c.var.deps.audit.getEntry(seq);
      const about = entry?.entry.org as string | undefined;
      if (about) await permit(c, 'audit.read-org', { orgId: about });
      else await permit(c, 'audit.read-all');
      return c.json(await c.var.deps.audit.inclusion(seq, intQuery(c, 'treeSize')));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/audit/proofs/consistency',
      operationId: 'getAuditConsistencyProof',
      summary: 'Consistency proof: the tree of size `to` extends the tree of size `from`',
      tags,
      auth: 'bearer',
      query: [
        {
          name: 'from',
          description: 'earlier tree size',
          required: true,
          schema: { type: 'integer', minimum: 1 },
        },
        {
          name: 'to',
          description: 'later tree size',
          required: true,
          schema: { type: 'integer', minimum: 1 },
        },
      ],
      responses: { 200: { description: 'Consistency proof', schema: 'audit-proof#/$defs/consistency' } },
    },
    async (c) => {
      requireActor(c);
      return c.json(await c.var.deps.audit.consistency(intQuery(c, 'from'), intQuery(c, 'to')));
    },
  );
}

async function loadOrgParam(c: Context<AppEnv>, ref: string) {
  const org = await findOrg(c.var.deps.db, ref);
  if (!org) throw new ApiError(404, 'not-found', `no organisation ${ref}`);
  return org;
}
