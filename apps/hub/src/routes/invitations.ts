/**
 * Invitations (issue 8 item 12): an organisation's admins list, reissue and revoke them; the invited
 * person redeems the one-time code for a personal access token scoped to the organisation.
 */
import {
  getMember,
  InvitationError,
  listInvitations,
  loadUserActor,
  redeemInvitation,
  revokeInvitation,
} from '@ewto/identity';
import type { Hono } from 'hono';
import { audit, audited, authFailed, clip, permit, refuseIfThrottled } from '../auth.ts';
import { created, pageParams, pageQuery, param } from '../http.ts';
import { ApiError } from '../problem.ts';
import { defineRoute, type RouteTable } from '../routing.ts';
import { issueInvitation } from '../services/invitations.ts';
import type { AppEnv } from '../types.ts';
import { createdBy, loadOrg } from './orgs.ts';

const tags = ['invitations'];

export function invitationRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/invitations/redeem',
      operationId: 'redeemInvitation',
      summary: 'Exchange a one-time invitation code for a personal access token scoped to the organisation',
      description:
        'No Authorization: the code is the credential. It works once, for 7 days, while the invitation is not revoked and the person is still a member. The token (shown once) acts only in the organisation that invited; exchange it at `POST /api/v1/auth/token` like any personal access token.',
      tags,
      auth: 'none',
      body: { schema: 'identity#/$defs/invitationRedeem' },
      responses: {
        201: {
          description: 'The token, shown once',
          schema: 'identity#/$defs/tokenCreated',
          headers: { Location: 'URL of the token' },
        },
        400: {
          description: 'The code is unknown, expired, revoked or used, or the person was removed',
          schema: 'problem',
          contentType: 'application/problem+json',
        },
        429: {
          description: 'Too many failed attempts from this address or with this code (Retry-After)',
          schema: 'problem',
          contentType: 'application/problem+json',
        },
      },
    },
    async (c) => {
      const { code, name } = c.var.body as { code: string; name?: string };
      const { deps, requestId } = c.var;
      // The code is a credential: failures count against this address and this code (429 when over).
      await refuseIfThrottled(c, code);
      let out: Awaited<ReturnType<typeof redeemInvitation>>;
      try {
        out = await deps.audit.transaction(async (tx, record) => {
          const r = await redeemInvitation(tx, code, name ? { name } : {});
          record({
            action: 'invitation.redeemed',
            outcome: 'success',
            // The person the invitation was for, acting through the token it gave.
            actor: await loadUserActor(tx, {
              userId: r.invitation.userId,
              credentialId: r.info.id,
              scopeOrgId: r.invitation.orgId,
            }),
            orgId: r.invitation.orgId,
            resource: { type: 'invitation', id: r.invitation.id },
            details: { tokenId: r.info.id, expiresAt: r.info.expiresAt },
            requestId,
          });
          return r;
        });
      } catch (e) {
        if (!(e instanceof InvitationError)) throw e;
        // Every refusal counts as a failed authentication (rate-limited, audited per source and
        // window); a real code refused (used twice, expired, revoked) also gets its own line about
        // the invitation.
        await authFailed(c, code, { endpoint: 'invitation', reason: clip(e.message) });
        if (e.invitation)
          await audit(c, 'invitation.redeemed', {
            outcome: 'failure',
            orgId: e.invitation.orgId,
            resource: { type: 'invitation', id: e.invitation.id },
            details: { reason: clip(e.message) },
          });
        throw e;
      }
      c.header('Cache-Control', 'no-store');
      return created(c, `/api/v1/me/tokens/${out.info.id}`, { token: out.token, info: out.info });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/orgs/:org/invitations',
      operationId: 'listInvitations',
      summary: "The organisation's invitations and where each stands (never their codes)",
      tags,
      auth: 'bearer',
      query: pageParams,
      responses: { 200: { description: 'A page of invitations', schema: 'identity#/$defs/invitationPage' } },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'invitation.manage', { orgId: org.id, orgKind: org.kind });
      return c.json(await listInvitations(c.var.deps.db, org.id, pageQuery(c)));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/orgs/:org/invitations',
      operationId: 'createInvitation',
      summary:
        'A new one-time code for a member (e.g. when the first expired); it replaces their pending one',
      tags,
      auth: 'bearer',
      body: { schema: 'identity#/$defs/invitationIssue' },
      responses: {
        201: {
          description: 'The invitation with its code, shown once',
          schema: 'identity#/$defs/invitationCreated',
          headers: { Location: 'URL of the invitation list' },
        },
      },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'invitation.manage', { orgId: org.id, orgKind: org.kind });
      const { userId } = c.var.body as { userId: string };
      if (!(await getMember(c.var.deps.db, org.id, userId)))
        throw new ApiError(404, 'not-found', `no member ${userId}`);
      const invitation = await audited(c, (tx, record) =>
        issueInvitation(tx, record, { orgId: org.id, userId, createdBy: createdBy(c) }),
      );
      c.header('Cache-Control', 'no-store');
      return created(c, `/api/v1/orgs/${org.id}/invitations`, invitation);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'delete',
      path: '/api/v1/orgs/:org/invitations/:id',
      operationId: 'revokeInvitation',
      summary: 'Revoke an invitation: its code no longer works (a redeemed one is 409: revoke its token)',
      tags,
      auth: 'bearer',
      responses: {
        200: { description: 'Revoked', schema: 'identity#/$defs/invitation' },
        409: {
          description: 'Already redeemed',
          schema: 'problem',
          contentType: 'application/problem+json',
        },
      },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'invitation.manage', { orgId: org.id, orgKind: org.kind });
      const invitation = await audited(c, async (tx, record) => {
        const inv = await revokeInvitation(tx, org.id, param(c, 'id'));
        record('invitation.revoked', {
          orgId: org.id,
          resource: { type: 'invitation', id: inv.id },
          details: { forUser: inv.userId },
        });
        return inv;
      });
      return c.json(invitation);
    },
  );
}
