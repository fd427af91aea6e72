import type { OrgKind, Role } from '@ewto/schemas';

export interface Membership {
  orgId: string;
  orgKind: OrgKind;
  orgSlug: string;
  role: Role;
}

/** Who is calling: a person (through a personal access token) or an agency's machine client. */
export type Actor =
  | { kind: 'user'; userId: string; email: string; tokenId: string; memberships: Membership[] }
  | { kind: 'client'; clientId: string; orgId: string; orgKind: OrgKind; orgSlug: string }
  | { kind: 'anonymous' };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** The organisations an actor belongs to, with the role it holds in each (clients act as viewers). */
export function actorOrgs(actor: Actor): Array<{ orgId: string; orgKind: OrgKind; role: Role }> {
  if (actor.kind === 'user') return actor.memberships;
  if (actor.kind === 'client') return [{ orgId: actor.orgId, orgKind: actor.orgKind, role: 'viewer' }];
  return [];
}

/** The id an audit entry names as actor. */
export function actorId(actor: Actor): string | undefined {
  return actor.kind === 'user' ? actor.userId : actor.kind === 'client' ? actor.clientId : undefined;
}
