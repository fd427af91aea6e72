import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { authorize, credentialScope, scopedMemberships } from './authz.ts';

const user = (
  orgId: string,
  orgKind: 'convener' | 'company' | 'agency',
  role: 'admin' | 'editor' | 'viewer',
): Actor => ({
  kind: 'user',
  userId: `u-${orgId}-${role}`,
  email: 'x@example.org',
  tokenId: 't',
  scopeOrgId: null,
  memberships: [{ orgId, orgKind, orgSlug: orgId, role }],
});
const client: Actor = {
  kind: 'client',
  clientId: 'k',
  orgId: 'agency-a',
  orgKind: 'agency',
  orgSlug: 'agency-a',
  scopeOrgId: 'agency-a',
};
const plan = { orgId: 'company-a', orgKind: 'company' as const };
const pkg = { recipients: ['agency-a'], authorOrgId: 'wwf' };

describe('authorize: action plans', () => {
  it("shows a company's plan only to its members and conveners; agencies and other companies do not know it exists", () => {
    expect(authorize(user('company-a', 'company', 'viewer'), 'plan.read', plan)).toBe('allow');
    expect(authorize(user('wwf', 'convener', 'viewer'), 'plan.read', plan)).toBe('allow');
    expect(authorize(user('company-b', 'company', 'admin'), 'plan.read', plan)).toBe('hidden');
    expect(authorize(user('agency-a', 'agency', 'admin'), 'plan.read', plan)).toBe('hidden');
    expect(authorize(client, 'plan.read', plan)).toBe('hidden');
  });
  it('never lets a viewer write', () => {
    expect(authorize(user('company-a', 'company', 'viewer'), 'plan.write', plan)).toBe('forbidden');
    expect(authorize(user('wwf', 'convener', 'viewer'), 'plan.write', plan)).toBe('forbidden');
    expect(authorize(user('company-a', 'company', 'editor'), 'plan.write', plan)).toBe('allow');
    expect(authorize(user('wwf', 'convener', 'editor'), 'plan.write', plan)).toBe('allow');
  });
});

describe('authorize: intelligence packages', () => {
  it('shows a package only to its recipients and its authors', () => {
    expect(authorize(client, 'intel.read', pkg)).toBe('allow');
    expect(authorize(user('agency-a', 'agency', 'viewer'), 'intel.read', pkg)).toBe('allow');
    expect(authorize(user('wwf', 'convener', 'viewer'), 'intel.read', pkg)).toBe('allow');
    expect(authorize(user('traffic', 'convener', 'admin'), 'intel.read', pkg)).toBe('hidden');
    expect(authorize(user('agency-b', 'agency', 'admin'), 'intel.read', pkg)).toBe('hidden');
    expect(authorize(user('company-a', 'company', 'admin'), 'intel.read', pkg)).toBe('hidden');
  });
  it('lets recipients (not viewers) acknowledge, authors (not viewers) retract, conveners publish', () => {
    expect(authorize(client, 'intel.receipt', pkg)).toBe('allow');
    expect(authorize(user('agency-a', 'agency', 'viewer'), 'intel.receipt', pkg)).toBe('forbidden');
    expect(authorize(user('wwf', 'convener', 'editor'), 'intel.revoke', pkg)).toBe('allow');
    expect(authorize(user('wwf', 'convener', 'viewer'), 'intel.revoke', pkg)).toBe('forbidden');
    expect(authorize(user('agency-a', 'agency', 'admin'), 'intel.revoke', pkg)).toBe('forbidden');
    expect(authorize(user('wwf', 'convener', 'editor'), 'intel.publish')).toBe('allow');
    expect(authorize(user('company-a', 'company', 'admin'), 'intel.publish')).toBe('forbidden');
  });
});

describe('authorize: the acknowledging membership itself must write', () => {
  it('refuses a receipt from a viewer of the recipient agency who edits elsewhere', () => {
    const actor: Actor = {
      kind: 'user',
      userId: 'u',
      email: 'x@example.org',
      tokenId: 't',
      scopeOrgId: null,
      memberships: [
        { orgId: 'agency-a', orgKind: 'agency', orgSlug: 'agency-a', role: 'viewer' },
        { orgId: 'company-a', orgKind: 'company', orgSlug: 'company-a', role: 'editor' },
      ],
    };
    expect(authorize(actor, 'intel.receipt', pkg)).toBe('forbidden');
  });
  it('lets agencies see the taskforces they belong to', () => {
    expect(authorize(client, 'org.read', { orgId: 'tf', orgKind: 'taskforce', agencies: ['agency-a'] })).toBe(
      'allow',
    );
    expect(authorize(client, 'org.read', { orgId: 'tf', orgKind: 'taskforce', agencies: ['agency-b'] })).toBe(
      'hidden',
    );
  });
});

describe('authorize: anonymous', () => {
  it('allows nothing', () => {
    expect(authorize({ kind: 'anonymous' }, 'framework.read')).toBe('forbidden');
  });
});

describe('credential scopes', () => {
  const memberships = [
    { orgId: 'wwf', orgKind: 'convener', orgSlug: 'wwf', role: 'admin' },
    { orgId: 'company-a', orgKind: 'company', orgSlug: 'company-a', role: 'admin' },
    { orgId: 'company-b', orgKind: 'company', orgSlug: 'company-b', role: 'editor' },
  ] as const;
  const person = (scopeOrgId: string | null): Actor => ({
    kind: 'user',
    userId: 'u',
    email: 'x@example.org',
    tokenId: 't',
    scopeOrgId,
    memberships: [...memberships],
  });
  const other = { orgId: 'company-b', orgKind: 'company' as const };

  it("hides every other organisation of the person from a scoped credential, as from a non-member's", () => {
    expect(authorize(person(null), 'policy.read', other)).toBe('allow');
    expect(authorize(person('company-a'), 'policy.read', other)).toBe('hidden');
    expect(authorize(person('company-a'), 'org.read', other)).toBe('hidden');
    expect(authorize(person('company-a'), 'member.write', { orgId: 'company-a', orgKind: 'company' })).toBe(
      'allow',
    );
    // The convener membership is outside the scope too: no convener powers.
    expect(authorize(person('company-a'), 'org.create')).toBe('forbidden');
    expect(authorize(person('company-a'), 'intel.publish')).toBe('forbidden');
    expect(authorize(person('wwf'), 'policy.read', other)).toBe('allow');
  });

  it('stops a scoped credential whose user left the scope organisation', () => {
    expect(scopedMemberships([...memberships], 'company-c')).toBeUndefined();
    expect(scopedMemberships([...memberships], 'company-a')?.map((m) => m.orgId)).toEqual(['company-a']);
    expect(scopedMemberships([...memberships], null)).toHaveLength(3);
  });

  it('passes the scope on to what a credential creates; only an unscoped one may narrow, nothing widens', () => {
    expect(credentialScope(person('company-a'))).toBe('company-a');
    expect(credentialScope(person('company-a'), 'company-a')).toBe('company-a');
    expect(() => credentialScope(person('company-a'), 'company-b')).toThrow(/scoped/);
    expect(credentialScope(person(null))).toBeNull();
    expect(credentialScope(person(null), 'company-b')).toBe('company-b');
    expect(() => credentialScope(person(null), 'company-z')).toThrow(/not a member/);
    expect(credentialScope(client)).toBe('agency-a');
  });
});

describe('authorize: intelligence inbox, publications and promotion', () => {
  it('opens the inbox to agencies, the publication list to conveners, promotion to conveners who write', () => {
    expect(authorize(client, 'intel.inbox')).toBe('allow');
    expect(authorize(user('agency-a', 'agency', 'viewer'), 'intel.inbox')).toBe('allow');
    expect(authorize(user('wwf', 'convener', 'admin'), 'intel.inbox')).toBe('forbidden');
    expect(authorize(user('wwf', 'convener', 'viewer'), 'intel.publications')).toBe('allow');
    expect(authorize(user('agency-a', 'agency', 'admin'), 'intel.publications')).toBe('forbidden');
    expect(authorize(user('wwf', 'convener', 'editor'), 'keywords.promote')).toBe('allow');
    expect(authorize(user('wwf', 'convener', 'viewer'), 'keywords.promote')).toBe('forbidden');
    expect(authorize(user('company-a', 'company', 'admin'), 'keywords.promote')).toBe('forbidden');
  });
});
