/** The caller: who the token stands for, and their own personal access tokens. */
import { credentialScope, findOrg, getUserPat, listPats, revokePat } from '@ewto/identity';
import type { Hono } from 'hono';
import { audited, permit, requireActor } from '../auth.ts';
import { pageParams, pageQuery, param } from '../http.ts';
import { ApiError } from '../problem.ts';
import { defineRoute, type RouteTable } from '../routing.ts';
import { issuePat } from '../services/tokens.ts';
import type { AppEnv } from '../types.ts';

const tags = ['me'];

export function meRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/me',
      operationId: 'getMe',
      summary: 'Who the access token stands for, with memberships and roles',
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'The caller', schema: 'identity#/$defs/me' } },
    },
    (c) => {
      const a = requireActor(c);
      if (a.kind === 'client')
        return c.json({
          kind: 'client',
          clientId: a.clientId,
          scopeOrgId: a.scopeOrgId,
          memberships: [{ orgId: a.orgId, orgSlug: a.orgSlug, orgKind: a.orgKind, role: 'viewer' }],
        });
      return c.json({
        kind: 'user',
        userId: a.userId,
        email: a.email,
        scopeOrgId: a.scopeOrgId,
        memberships: a.memberships,
      });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/me/tokens',
      operationId: 'listMyTokens',
      summary:
        'My personal access tokens (without secrets); a scoped credential sees only the tokens of its scope',
      tags,
      auth: 'bearer',
      query: pageParams,
      responses: { 200: { description: 'A page of tokens', schema: 'identity#/$defs/tokenPage' } },
    },
    async (c) => {
      await permit(c, 'token.create-own');
      const a = requireActor(c);
      return c.json(
        await listPats(c.var.deps.db, a.kind === 'user' ? a.userId : '', {
          ...pageQuery(c),
          scopeOrgId: a.scopeOrgId,
        }),
      );
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/me/tokens',
      operationId: 'createMyToken',
      summary: 'Create a personal access token for myself (the secret is shown once)',
      description:
        'The new token has the scope of the credential that created it (`scopeOrgId`); an unscoped credential may confine it to one of its organisations with `scopeOrg`.',
      tags,
      auth: 'bearer',
      body: { schema: 'identity#/$defs/tokenCreate' },
      responses: { 201: { description: 'The token, shown once', schema: 'identity#/$defs/tokenCreated' } },
    },
    async (c) => {
      await permit(c, 'token.create-own');
      const a = requireActor(c);
      if (a.kind !== 'user') throw new Error('unreachable: permit allows users only');
      const { scopeOrg } = c.var.body as { scopeOrg?: string };
      let requested: string | undefined;
      if (scopeOrg !== undefined) {
        requested = (await findOrg(c.var.deps.db, scopeOrg))?.id;
        if (!requested)
          throw new ApiError(404, 'not-found', `you are not a member of organisation ${scopeOrg}`);
      }
      return issuePat(c, { userId: a.userId, scopeOrgId: credentialScope(a, requested) });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/me/tokens/:id',
      operationId: 'getMyToken',
      summary: 'One of my personal access tokens (without its secret)',
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'The token', schema: 'identity#/$defs/tokenInfo' } },
    },
    async (c) => {
      await permit(c, 'token.create-own');
      const a = requireActor(c);
      return c.json(
        await getUserPat(c.var.deps.db, a.kind === 'user' ? a.userId : '', param(c, 'id'), {
          scopeOrgId: a.scopeOrgId,
        }),
      );
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'delete',
      path: '/api/v1/me/tokens/:id',
      operationId: 'revokeMyToken',
      summary: 'Revoke one of my personal access tokens; access tokens minted from it stop working at once',
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'Revoked', schema: 'identity#/$defs/tokenInfo' } },
    },
    async (c) => {
      await permit(c, 'token.create-own');
      const a = requireActor(c);
      const info = await audited(c, async (tx, record) => {
        const info = await revokePat(tx, a.kind === 'user' ? a.userId : '', param(c, 'id'), {
          scopeOrgId: a.scopeOrgId,
        });
        record('token.revoked', { resource: { type: 'personal-access-token', id: info.id } });
        return info;
      });
      return c.json(info);
    },
  );
}
