/** Organisations, their members and their agency keys. */
import {
  addMember,
  createOrg,
  createUser,
  findOrg,
  findUser,
  getClientKey,
  getMember,
  listClientKeys,
  listMembers,
  listOrgs,
  type Organisation,
  registerClientKey,
  removeMember,
  resolveRecipients,
  revokeClientKey,
  revokePendingInvitations,
  revokeScopedCredentials,
  setRole,
  visibleOrgIds,
} from '@ewto/identity';
import type { Role } from '@ewto/schemas';
import type { Context, Hono } from 'hono';
import { audited, permit, requireActor } from '../auth.ts';
import { created, etag, ifMatch, pageParams, pageQuery, param } from '../http.ts';
import { ApiError } from '../problem.ts';
import { defineRoute, type RouteTable } from '../routing.ts';
import { inviteIfNeeded } from '../services/invitations.ts';
import type { AppEnv } from '../types.ts';

/** The organisation named by `:org` (id or slug); 404 when there is none. */
export async function loadOrg(c: Context<AppEnv>): Promise<Organisation> {
  const org = await findOrg(c.var.deps.db, c.req.param('org') ?? '');
  // The same answer as for an organisation the caller may not know exists (auth.ts permit).
  if (!org) throw new ApiError(404, 'not-found', `no such resource: ${c.req.path}`);
  return org;
}

async function view(c: Context<AppEnv>, org: Organisation) {
  const { version: _, ...rest } = org;
  return org.kind === 'taskforce'
    ? { ...rest, agencies: await resolveRecipients(c.var.deps.db, org.id) }
    : rest;
}

function memberView<T extends { version: number }>({ version: _, ...m }: T): Omit<T, 'version'> {
  return m;
}
const orgTag = ['organisations'];

/** Who an audit trail or a credential names as its creator: the calling person's id. */
export function createdBy(c: Context<AppEnv>): string {
  const actor = c.var.actor;
  return actor.kind === 'user' ? actor.userId : actor.kind === 'client' ? actor.clientId : 'unknown';
}

export function orgRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/orgs',
      operationId: 'listOrgs',
      summary: 'Organisations the caller can see (conveners see all)',
      tags: orgTag,
      auth: 'bearer',
      query: pageParams,
      responses: {
        200: { description: 'A page of organisations', schema: 'identity#/$defs/organisationPage' },
      },
    },
    async (c) => {
      await permit(c, 'org.list');
      const actor = requireActor(c);
      const db = c.var.deps.db;
      const mine =
        actor.kind === 'user'
          ? actor.memberships.map((m) => m.orgId)
          : actor.kind === 'client'
            ? [actor.orgId]
            : [];
      const convener = actor.kind === 'user' && actor.memberships.some((m) => m.orgKind === 'convener');
      const page = await listOrgs(db, {
        ...pageQuery(c),
        ...(convener ? {} : { only: await visibleOrgIds(db, mine) }),
      });
      return c.json({
        items: await Promise.all(page.items.map((o) => view(c, o))),
        nextCursor: page.nextCursor,
      });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/orgs',
      operationId: 'createOrg',
      summary: "Create an organisation (conveners' admins), optionally with its first admin (adminEmail)",
      description:
        'When `adminEmail` names a person without a credential that acts here, the answer carries `adminInvitation` with a one-time code (shown once, valid 7 days) that they redeem at `POST /api/v1/invitations/redeem`.',
      tags: orgTag,
      auth: 'bearer',
      body: { schema: 'identity#/$defs/organisationCreate' },
      responses: {
        201: {
          description: 'Created',
          schema: 'identity#/$defs/organisationCreated',
          headers: { Location: 'URL of the organisation' },
        },
      },
    },
    async (c) => {
      await permit(c, 'org.create');
      const { adminEmail, ...input } = c.var.body as {
        slug: string;
        name: string;
        kind: Organisation['kind'];
        agencies?: string[];
        adminEmail?: string;
      };
      const { org, adminInvitation } = await audited(c, async (tx, record) => {
        const org = await createOrg(tx, input);
        record('org.created', {
          orgId: org.id,
          resource: { type: 'organisation', id: org.id },
          details: { kind: org.kind, slug: org.slug },
        });
        if (adminEmail) {
          const user =
            (await findUser(tx, adminEmail)) ?? (await createUser(tx, { email: adminEmail, name: '' }));
          await addMember(tx, org.id, user.id, 'admin');
          record('member.added', {
            orgId: org.id,
            resource: { type: 'user', id: user.id },
            details: { role: 'admin' },
          });
          const adminInvitation = await inviteIfNeeded(tx, record, {
            orgId: org.id,
            userId: user.id,
            createdBy: createdBy(c),
          });
          return { org, adminInvitation };
        }
        return { org, adminInvitation: undefined };
      });
      if (adminInvitation) c.header('Cache-Control', 'no-store');
      return created(c, `/api/v1/orgs/${org.id}`, {
        ...(await view(c, org)),
        ...(adminInvitation ? { adminInvitation } : {}),
      });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/orgs/:org',
      operationId: 'getOrg',
      summary: 'One organisation, by id or slug',
      tags: orgTag,
      auth: 'bearer',
      responses: {
        200: {
          description: 'The organisation',
          schema: 'identity#/$defs/organisation',
          headers: { ETag: 'version' },
        },
      },
    },
    async (c) => {
      const org = await loadOrg(c);
      const agencies = org.kind === 'taskforce' ? await resolveRecipients(c.var.deps.db, org.id) : [];
      await permit(c, 'org.read', { orgId: org.id, orgKind: org.kind, agencies });
      c.header('ETag', etag(org.version));
      return c.json(await view(c, org));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/orgs/:org/members',
      operationId: 'listMembers',
      summary: "An organisation's members and their roles (its admins, conveners' admins)",
      tags: orgTag,
      auth: 'bearer',
      query: pageParams,
      responses: { 200: { description: 'A page of members', schema: 'identity#/$defs/memberPage' } },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'member.list', { orgId: org.id, orgKind: org.kind });
      const page = await listMembers(c.var.deps.db, org.id, pageQuery(c));
      return c.json({ items: page.items.map(memberView), nextCursor: page.nextCursor });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/orgs/:org/members',
      operationId: 'addMember',
      summary: 'Add a person to the organisation with a role (creates the user when new)',
      description:
        'A person who holds no credential that acts here yet (a new user, or one with only credentials scoped to other organisations) gets an `invitation` with a one-time code, shown once and valid 7 days; someone who can already sign in is just added.',
      tags: orgTag,
      auth: 'bearer',
      body: { schema: 'identity#/$defs/memberAdd' },
      responses: {
        201: {
          description: 'Added',
          schema: 'identity#/$defs/memberAdded',
          headers: { ETag: 'version', Location: 'URL of the membership' },
        },
      },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'member.write', { orgId: org.id, orgKind: org.kind });
      const input = c.var.body as { email: string; name?: string; role: Role };
      const { user, member, invitation } = await audited(c, async (tx, record) => {
        const user =
          (await findUser(tx, input.email)) ??
          (await createUser(tx, { email: input.email, name: input.name ?? '' }));
        const member = await addMember(tx, org.id, user.id, input.role);
        record('member.added', {
          orgId: org.id,
          resource: { type: 'user', id: user.id },
          details: { role: input.role },
        });
        const invitation = await inviteIfNeeded(tx, record, {
          orgId: org.id,
          userId: user.id,
          createdBy: createdBy(c),
        });
        return { user, member, invitation };
      });
      c.header('ETag', etag(member.version));
      if (invitation) c.header('Cache-Control', 'no-store');
      return created(c, `/api/v1/orgs/${org.id}/members/${user.id}`, {
        ...memberView(member),
        ...(invitation ? { invitation } : {}),
      });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/orgs/:org/members/:userId',
      operationId: 'getMember',
      summary: 'One membership, with its ETag (send it as If-Match to change the role)',
      tags: orgTag,
      auth: 'bearer',
      responses: {
        200: { description: 'The member', schema: 'identity#/$defs/member', headers: { ETag: 'version' } },
      },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'member.list', { orgId: org.id, orgKind: org.kind });
      const member = await getMember(c.var.deps.db, org.id, param(c, 'userId'));
      if (!member) throw new ApiError(404, 'not-found', `no member ${param(c, 'userId')}`);
      c.header('ETag', etag(member.version));
      return c.json(memberView(member));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'patch',
      path: '/api/v1/orgs/:org/members/:userId',
      operationId: 'updateMember',
      summary: "Change a member's role; needs If-Match with the ETag last read (412 when stale)",
      tags: orgTag,
      auth: 'bearer',
      headers: [{ name: 'If-Match', description: 'ETag of the membership as last read', required: true }],
      body: { schema: 'identity#/$defs/memberUpdate' },
      responses: {
        200: { description: 'Updated', schema: 'identity#/$defs/member', headers: { ETag: 'version' } },
        412: { description: 'Stale If-Match', schema: 'problem', contentType: 'application/problem+json' },
        428: { description: 'If-Match missing', schema: 'problem', contentType: 'application/problem+json' },
      },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'member.write', { orgId: org.id, orgKind: org.kind });
      const { role } = c.var.body as { role: Role };
      const expected = ifMatch(c);
      const after = await audited(c, async (tx, record) => {
        const { before, after } = await setRole(tx, org.id, param(c, 'userId'), role, expected);
        record('role.changed', {
          orgId: org.id,
          resource: { type: 'user', id: after.userId },
          details: { from: before.role, to: after.role },
        });
        return after;
      });
      c.header('ETag', etag(after.version));
      return c.json(memberView(after));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'delete',
      path: '/api/v1/orgs/:org/members/:userId',
      operationId: 'removeMember',
      summary: 'Remove a member from the organisation',
      description:
        'Their tokens, browser sessions and passkeys scoped to this organisation, and their pending invitations to it are revoked with the membership; they stay revoked if the person is added again.',
      tags: orgTag,
      auth: 'bearer',
      responses: { 204: { description: 'Removed' } },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'member.write', { orgId: org.id, orgKind: org.kind });
      await audited(c, async (tx, record) => {
        const before = await removeMember(tx, org.id, param(c, 'userId'));
        record('member.removed', {
          orgId: org.id,
          resource: { type: 'user', id: before.userId },
          details: { role: before.role },
        });
        // Credentials scoped to this organisation stop for good (they would revive if the person came back).
        const revoked = await revokeScopedCredentials(tx, org.id, before.userId);
        const because = { forUser: before.userId, reason: 'member removed' };
        for (const id of revoked.tokens)
          record('token.revoked', {
            orgId: org.id,
            resource: { type: 'personal-access-token', id },
            details: because,
          });
        for (const id of revoked.sessions)
          record('session.revoked', { orgId: org.id, resource: { type: 'session', id }, details: because });
        for (const id of revoked.passkeys)
          record('passkey.revoked', { orgId: org.id, resource: { type: 'passkey', id }, details: because });
        for (const id of await revokePendingInvitations(tx, org.id, before.userId))
          record('invitation.revoked', {
            orgId: org.id,
            resource: { type: 'invitation', id },
            details: { forUser: before.userId, reason: 'member removed' },
          });
      });
      return c.body(null, 204);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/orgs/:org/keys',
      operationId: 'listClientKeys',
      summary: "An agency's registered public keys",
      tags: orgTag,
      auth: 'bearer',
      query: pageParams,
      responses: { 200: { description: 'A page of keys', schema: 'identity#/$defs/clientKeyPage' } },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'client-key.list', { orgId: org.id, orgKind: org.kind });
      return c.json(await listClientKeys(c.var.deps.db, org.id, pageQuery(c)));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/orgs/:org/keys',
      operationId: 'registerClientKey',
      summary:
        'Register an agency public key: Ed25519 for its machine client, X25519 for encrypted intelligence',
      description:
        "Only the public JWK is sent; a `d` member is refused. An Ed25519 `x` must be 32 bytes decoding to a curve point not of small order, an X25519 `x` 32 bytes that are not a small-order value, and no key may be one of the hub's own: otherwise 422. The kid is the RFC 7638 thumbprint; for an Ed25519 key it is also the client id used in client assertions.",
      tags: orgTag,
      auth: 'bearer',
      body: { schema: 'identity#/$defs/clientKeyRegister' },
      responses: { 201: { description: 'Registered', schema: 'identity#/$defs/clientKey' } },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'client-key.write', { orgId: org.id, orgKind: org.kind });
      const actor = requireActor(c);
      const input = c.var.body as { name?: string; publicJwk: unknown };
      const key = await audited(c, async (tx, record) => {
        const key = await registerClientKey(tx, {
          orgId: org.id,
          name: input.name ?? '',
          publicJwk: input.publicJwk,
          createdBy: actor.kind === 'user' ? actor.userId : 'unknown',
        });
        record('client-key.registered', {
          orgId: org.id,
          resource: { type: 'client-key', id: key.kid },
          details: { use: key.use },
        });
        return key;
      });
      return created(c, `/api/v1/orgs/${org.id}/keys/${key.kid}`, key);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/orgs/:org/keys/:kid',
      operationId: 'getClientKey',
      summary: "One of an agency's registered public keys",
      tags: orgTag,
      auth: 'bearer',
      responses: { 200: { description: 'The key', schema: 'identity#/$defs/clientKey' } },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'client-key.list', { orgId: org.id, orgKind: org.kind });
      const key = await getClientKey(c.var.deps.db, param(c, 'kid'));
      if (key?.orgId !== org.id) throw new ApiError(404, 'not-found', `no key ${param(c, 'kid')}`);
      return c.json(key);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'delete',
      path: '/api/v1/orgs/:org/keys/:kid',
      operationId: 'revokeClientKey',
      summary: 'Revoke an agency key: its client can no longer get tokens, and tokens it holds stop working',
      tags: orgTag,
      auth: 'bearer',
      responses: { 200: { description: 'Revoked', schema: 'identity#/$defs/clientKey' } },
    },
    async (c) => {
      const org = await loadOrg(c);
      await permit(c, 'client-key.write', { orgId: org.id, orgKind: org.kind });
      const key = await audited(c, async (tx, record) => {
        const key = await revokeClientKey(tx, org.id, param(c, 'kid'));
        record('client-key.revoked', { orgId: org.id, resource: { type: 'client-key', id: key.kid } });
        return key;
      });
      return c.json(key);
    },
  );
}
