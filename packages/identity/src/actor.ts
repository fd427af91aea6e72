import type { OrgKind, Role } from '@ewto/schemas';

export interface Membership {
  orgId: string;
  orgKind: OrgKind;
  orgSlug: string;
  role: Role;
}

/**
 * Who is calling: a person (through a personal access token or another credential of theirs) or an
 * agency's machine client.
 *
 * `scopeOrgId` is the organisation the credential behind the call is confined to (null: unscoped).
 * A scoped person's `memberships` hold only the scope's membership: every other organisation of
 * theirs is invisible to the call, exactly as for someone who is not a member (authz.ts). A machine
 * client is always scoped to its agency.
 */
export type Actor =
  | {
      kind: 'user';
      userId: string;
      email: string;
      /** The credential (personal access token, session, …) behind the call. */
      tokenId: string;
      scopeOrgId: string | null;
      memberships: Membership[];
      /** Set when the caller is a browser session (cookie), not a bearer token. */
      sessionId?: string;
    }
  | {
      kind: 'client';
      clientId: string;
      orgId: string;
      orgKind: OrgKind;
      orgSlug: string;
      scopeOrgId: string;
    }
  | { kind: 'anonymous' };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/**
 * The organisations an actor acts in, with the role it holds in each (clients act as viewers).
 * Only the credential's scope: memberships outside it never count, however the actor was built.
 */
export function actorOrgs(actor: Actor): Array<{ orgId: string; orgKind: OrgKind; role: Role }> {
  if (actor.kind === 'user')
    return actor.scopeOrgId === null
      ? actor.memberships
      : actor.memberships.filter((m) => m.orgId === actor.scopeOrgId);
  if (actor.kind === 'client') return [{ orgId: actor.orgId, orgKind: actor.orgKind, role: 'viewer' }];
  return [];
}

/** The id an audit entry names as actor. */
export function actorId(actor: Actor): string | undefined {
  return actor.kind === 'user' ? actor.userId : actor.kind === 'client' ? actor.clientId : undefined;
}
