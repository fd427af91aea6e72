/** Who a person's credential stands for, as of now: the one place a credential's scope is applied. */
import type { Database } from '@ewto/db';
import { findUser, userMemberships } from './accounts.ts';
import type { Actor } from './actor.ts';
import { scopedMemberships } from './authz.ts';
import { IdentityError } from './errors.ts';

/**
 * Builds the actor for a person's credential (personal access token, browser session, passkey)
 * from the database as it is now: a disabled user, or a scoped credential whose user has left the
 * scope organisation, stops working (`invalid-token`). Call it at every exchange and every request.
 * @example const actor = await loadUserActor(db, { userId: pat.userId, credentialId: pat.id, scopeOrgId: pat.scopeOrgId });
 */
export async function loadUserActor(
  db: Database,
  { userId, credentialId, scopeOrgId }: { userId: string; credentialId: string; scopeOrgId: string | null },
): Promise<Extract<Actor, { kind: 'user' }>> {
  const user = await findUser(db, userId);
  if (!user || user.disabledAt) throw new IdentityError('invalid-token', 'the user is unknown or disabled');
  const memberships = scopedMemberships(await userMemberships(db, userId), scopeOrgId);
  if (!memberships)
    throw new IdentityError(
      'invalid-token',
      'this credential is scoped to an organisation its user no longer belongs to: it no longer works',
    );
  return { kind: 'user', userId, email: user.email, tokenId: credentialId, scopeOrgId, memberships };
}
