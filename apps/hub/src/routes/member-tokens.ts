/**
 * The tokens an organisation's admins manage for its members: minted scoped to the organisation
 * (issue 8 item 1), listed and revoked; the person's unscoped tokens are theirs alone.
 */
import { getMember, getUserPat, listPats, revokePat } from '@ewto/identity';
import type { Context, Hono } from 'hono';
import { audited, permit } from '../auth.ts';
import { pageParams, pageQuery, param } from '../http.ts';
import { ApiError } from '../problem.ts';
import { defineRoute, type RouteTable } from '../routing.ts';
import { issuePat } from '../services/tokens.ts';
import type { AppEnv } from '../types.ts';
import { loadOrg } from './orgs.ts';

const tags = ['organisations'];

/** The organisation and the member named in the path, once the caller may `action` there (404 for a non-member). */
async function memberInOrg(
  c: Context<AppEnv>,
  action: 'token.create-for-member' | 'token.manage-for-member',
) {
  const org = await loadOrg(c);
  await permit(c, action, { orgId: org.id, orgKind: org.kind });
  const userId = param(c, 'userId');
  if (!(await getMember(c.var.deps.db, org.id, userId)))
    throw new ApiError(404, 'not-found', `no member ${userId}`);
  return { org, userId };
}

export function memberTokenRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/orgs/:org/members/:userId/tokens',
      operationId: 'createMemberToken',
      summary:
        'An organisation admin creates a personal access token for a member (shown once), scoped to this organisation',
      tags,
      auth: 'bearer',
      body: { schema: 'identity#/$defs/tokenCreate' },
      responses: { 201: { description: 'The token, shown once', schema: 'identity#/$defs/tokenCreated' } },
    },
    async (c) => {
      const { org, userId } = await memberInOrg(c, 'token.create-for-member');
      // Scoped to this organisation for its whole life: it never acts in the person's other organisations.
      return issuePat(c, {
        userId,
        orgId: org.id,
        scopeOrgId: org.id,
        collection: `/api/v1/orgs/${org.id}/members/${userId}/tokens`,
      });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/orgs/:org/members/:userId/tokens',
      operationId: 'listMemberTokens',
      summary: "A member's personal access tokens scoped to this organisation (without secrets)",
      description:
        'What the organisation admins minted for the member, what an invitation gave them, and what was created from those. Unscoped tokens of the person are theirs alone and not listed.',
      tags,
      auth: 'bearer',
      query: pageParams,
      responses: { 200: { description: 'A page of tokens', schema: 'identity#/$defs/tokenPage' } },
    },
    async (c) => {
      const { org, userId } = await memberInOrg(c, 'token.manage-for-member');
      return c.json(await listPats(c.var.deps.db, userId, { ...pageQuery(c), scopeOrgId: org.id }));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/orgs/:org/members/:userId/tokens/:id',
      operationId: 'getMemberToken',
      summary: "One of a member's tokens scoped to this organisation (without its secret)",
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'The token', schema: 'identity#/$defs/tokenInfo' } },
    },
    async (c) => {
      const { org, userId } = await memberInOrg(c, 'token.manage-for-member');
      return c.json(await getUserPat(c.var.deps.db, userId, param(c, 'id'), { scopeOrgId: org.id }));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'delete',
      path: '/api/v1/orgs/:org/members/:userId/tokens/:id',
      operationId: 'revokeMemberToken',
      summary:
        "Revoke a member's token scoped to this organisation; access tokens minted from it stop working at once",
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'Revoked', schema: 'identity#/$defs/tokenInfo' } },
    },
    async (c) => {
      const { org, userId } = await memberInOrg(c, 'token.manage-for-member');
      const info = await audited(c, async (tx, record) => {
        const info = await revokePat(tx, userId, param(c, 'id'), { scopeOrgId: org.id });
        record('token.revoked', {
          orgId: org.id,
          resource: { type: 'personal-access-token', id: info.id },
          details: { forUser: userId },
        });
        return info;
      });
      return c.json(info);
    },
  );
}
