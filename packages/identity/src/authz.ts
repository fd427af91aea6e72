/**
 * The one authorisation module: every route asks `authorize(actor, action, resource)`.
 * Pure: it decides from the actor's memberships and the resource's owner, nothing else.
 *
 * Credential scopes (issue 8 item 1): a credential is scoped to one organisation or unscoped. A
 * scoped caller acts only through its scope's membership (`actorOrgs`), so every other organisation
 * is, to it, one it does not belong to: hidden like anyone else's. `scopedMemberships` decides what
 * a credential still acts through (nothing: it stops working), `credentialScope` what a credential
 * created by a caller is scoped to.
 *
 * Rules (design.md): a company's policy submissions and action plans are visible only to its own
 * members and to conveners; intelligence packages only to their recipients and their authors;
 * agencies see nothing of companies' plans; viewers never write. A resource the caller may not
 * know exists is `hidden` (404), not `forbidden` (403).
 */
import type { OrgKind, Role } from '@ewto/schemas';
import { type Actor, actorOrgs, type Membership } from './actor.ts';
import { IdentityError } from './errors.ts';

export const ACTIONS = [
  'org.list',
  'org.create',
  'org.read',
  'member.list',
  'member.write',
  'token.create-own',
  'token.create-for-member',
  'token.manage-for-member',
  'invitation.manage',
  'client-key.list',
  'client-key.write',
  'framework.read',
  'policy.submit',
  'policy.read',
  'keywords.read',
  'screen.run',
  'audit.read-org',
  'audit.read-all',
  'plan.create',
  'plan.read',
  'plan.write',
  'intel.publish',
  'intel.read',
  'intel.receipt',
  'intel.revoke',
  'intel.inbox',
  'intel.publications',
  'keywords.promote',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Resource {
  /** The organisation that owns the resource (or is the resource). */
  orgId?: string;
  orgKind?: OrgKind;
  /** A taskforce's member agencies: the taskforce is known to them. */
  agencies?: readonly string[];
  /** Intelligence packages: the recipient agency ids, and the authoring organisation. */
  recipients?: readonly string[];
  authorOrgId?: string;
}

export type Decision = 'allow' | 'forbidden' | 'hidden';

const WRITERS: readonly Role[] = ['admin', 'editor'];

export function authorize(actor: Actor, action: Action, resource: Resource = {}): Decision {
  if (actor.kind === 'anonymous') return 'forbidden';
  const orgs = actorOrgs(actor);
  const isUser = actor.kind === 'user';
  const inOrg = (id: string | undefined) => orgs.find((o) => o.orgId === id);
  const own = inOrg(resource.orgId);
  const convener = orgs.filter((o) => o.orgKind === 'convener');
  const isConvener = convener.length > 0;
  const convenerWriter = convener.some((o) => WRITERS.includes(o.role));
  const convenerAdmin = convener.some((o) => o.role === 'admin');
  const ok = (cond: boolean, otherwise: Decision = 'forbidden'): Decision => (cond ? 'allow' : otherwise);
  // Can the caller know this organisation exists? Members and conveners can; a taskforce is known to its agencies.
  const seesOrg = Boolean(own) || isConvener || (resource.agencies ?? []).some((a) => inOrg(a));

  switch (action) {
    case 'org.list':
    case 'framework.read':
    case 'keywords.read':
      return 'allow';
    case 'org.create':
      return ok(isUser && convenerAdmin);
    case 'org.read':
      return ok(seesOrg, 'hidden');
    case 'member.list':
      if (!seesOrg) return 'hidden';
      return ok(isUser && (own?.role === 'admin' || convenerAdmin));
    case 'member.write':
    case 'token.create-for-member':
    case 'token.manage-for-member':
    case 'invitation.manage':
      if (!seesOrg) return 'hidden';
      return ok(isUser && own?.role === 'admin');
    case 'token.create-own':
      return ok(isUser);
    case 'client-key.list':
      if (!seesOrg) return 'hidden';
      return ok(isUser && (own?.role === 'admin' || convenerAdmin) && resource.orgKind === 'agency');
    case 'client-key.write':
      if (!seesOrg) return 'hidden';
      return ok(isUser && own?.role === 'admin' && resource.orgKind === 'agency');
    case 'screen.run':
      return ok(orgs.some((o) => o.orgKind === 'company' || o.orgKind === 'convener'));
    case 'policy.read':
    case 'plan.read':
      return ok(Boolean(own) || isConvener, 'hidden');
    case 'policy.submit':
      if (!(own || isConvener)) return 'hidden';
      return ok(isUser && resource.orgKind === 'company' && own !== undefined && WRITERS.includes(own.role));
    case 'plan.create':
      if (!(own || isConvener)) return 'hidden';
      return ok(isUser && resource.orgKind === 'company' && convenerWriter);
    case 'plan.write':
      if (!(own || isConvener)) return 'hidden';
      return ok(isUser && ((own !== undefined && WRITERS.includes(own.role)) || convenerWriter));
    case 'audit.read-all':
      return ok(isUser && convenerAdmin);
    case 'audit.read-org':
      if (!seesOrg) return 'hidden';
      return ok(isUser && (own?.role === 'admin' || convenerAdmin));
    case 'intel.publish':
    case 'keywords.promote':
      return ok(isUser && convenerWriter);
    case 'intel.inbox':
      // An agency's people and machine clients read their agency's inbox.
      return ok(orgs.some((o) => o.orgKind === 'agency'));
    case 'intel.publications':
      // The conveners' own publications (the list is filtered to the caller's convener organisations).
      return ok(isUser && isConvener);
    case 'intel.read':
    case 'intel.receipt': {
      const recipient = (resource.recipients ?? []).some((r) => inOrg(r));
      const author = Boolean(resource.authorOrgId && inOrg(resource.authorOrgId));
      if (action === 'intel.read') return ok(recipient || author, 'hidden');
      if (!(recipient || author)) return 'hidden';
      // The acknowledging membership itself must be able to write: a viewer of the recipient agency may not.
      const recipientWriter = orgs.some(
        (o) => (resource.recipients ?? []).includes(o.orgId) && WRITERS.includes(o.role),
      );
      return ok(actor.kind === 'client' ? recipient : recipientWriter);
    }
    case 'intel.revoke': {
      const author = resource.authorOrgId ? inOrg(resource.authorOrgId) : undefined;
      const recipient = (resource.recipients ?? []).some((r) => inOrg(r));
      if (!(author || recipient)) return 'hidden';
      return ok(isUser && author !== undefined && WRITERS.includes(author.role));
    }
  }
}

/**
 * The memberships a credential scoped to `scopeOrgId` (null: unscoped) acts through, or `undefined`
 * when its user is no longer a member of the scope: such a credential stops working, at exchange and
 * at every request.
 * @example scopedMemberships(await userMemberships(db, userId), pat.scopeOrgId) ?? reject()
 */
export function scopedMemberships(all: Membership[], scopeOrgId: string | null): Membership[] | undefined {
  if (scopeOrgId === null) return all;
  const inScope = all.filter((m) => m.orgId === scopeOrgId);
  return inScope.length ? inScope : undefined;
}

/**
 * Whether the caller's credential may act in organisation `orgId` at all (unscoped, or scoped to it).
 * `authorize` already hides other organisations from scoped callers; use this where a route acts on
 * an organisation without a resource check of its own.
 */
export function inScope(actor: Actor, orgId: string): boolean {
  if (actor.kind === 'anonymous') return false;
  return actor.scopeOrgId === null || actor.scopeOrgId === orgId;
}

/**
 * The scope of a credential the caller creates for itself (a personal access token, a browser
 * session, a passkey): the caller's own scope, inherited for life. Only an unscoped caller may ask
 * for a narrower one (`requested`, an organisation it belongs to); nothing widens a scope.
 * @example createPat(db, { …, scopeOrgId: credentialScope(actor, body.scopeOrgId) })
 */
export function credentialScope(actor: Actor, requested?: string | null): string | null {
  if (actor.kind === 'anonymous') throw new IdentityError('unauthenticated', 'no credential to derive from');
  if (requested === undefined || requested === null || requested === actor.scopeOrgId)
    return actor.scopeOrgId;
  if (actor.scopeOrgId !== null)
    throw new IdentityError(
      'forbidden',
      'this credential is scoped to one organisation: what it creates is scoped to the same one',
    );
  if (!actorOrgs(actor).some((o) => o.orgId === requested))
    throw new IdentityError('not-found', `you are not a member of organisation ${requested}`);
  return requested;
}
