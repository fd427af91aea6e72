import { openMigratedDatabase } from '@ewto/db';
import { invitations } from '@ewto/db/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { addMember, createOrg, createUser, removeMember } from './accounts.ts';
import { createPat } from './credentials.ts';
import {
  createInvitation,
  hasUnscopedCredential,
  redeemInvitation,
  revokePendingInvitations,
} from './invitations.ts';

const handles: Array<{ close(): void }> = [];
afterEach(() => {
  for (const h of handles.splice(0)) h.close();
});

async function setUp() {
  const h = await openMigratedDatabase({ url: ':memory:' });
  handles.push(h);
  const org = await createOrg(h.db, { slug: 'acme', name: 'Acme', kind: 'company' });
  const user = await createUser(h.db, { email: 'new@acme.example', name: 'New' });
  await addMember(h.db, org.id, user.id, 'editor');
  return { db: h.db, org, user };
}

describe('invitations', () => {
  it('stores only the hash of the code, and gives a token scoped to the organisation once', async () => {
    const { db, org, user } = await setUp();
    const { code, invitation } = await createInvitation(db, {
      orgId: org.id,
      userId: user.id,
      createdBy: 'x',
    });
    const rows = await db.select().from(invitations);
    expect(JSON.stringify(rows)).not.toContain(code);
    const out = await redeemInvitation(db, code);
    expect(out.info.scopeOrgId).toBe(org.id);
    expect(out.invitation).toMatchObject({ id: invitation.id, status: 'redeemed', tokenId: out.info.id });
    await expect(redeemInvitation(db, code)).rejects.toThrow(/already used/);
  });

  it('keeps one live code per person and organisation', async () => {
    const { db, org, user } = await setUp();
    const first = await createInvitation(db, { orgId: org.id, userId: user.id, createdBy: 'x' });
    const second = await createInvitation(db, { orgId: org.id, userId: user.id, createdBy: 'x' });
    expect(second.replaced).toEqual([first.invitation.id]);
    await expect(redeemInvitation(db, first.code)).rejects.toThrow(/revoked/);
    await expect(redeemInvitation(db, second.code)).resolves.toBeTruthy();
  });

  it('refuses the code of someone no longer a member, and revokes pending codes on request', async () => {
    const { db, org, user } = await setUp();
    const { code } = await createInvitation(db, { orgId: org.id, userId: user.id, createdBy: 'x' });
    const other = await createUser(db, { email: 'admin@acme.example', name: 'A' });
    await addMember(db, org.id, other.id, 'admin');
    await removeMember(db, org.id, user.id);
    await expect(redeemInvitation(db, code)).rejects.toThrow(/no longer a member/);
    await addMember(db, org.id, user.id, 'viewer');
    expect(await revokePendingInvitations(db, org.id, user.id)).toHaveLength(1);
    await expect(redeemInvitation(db, code)).rejects.toThrow(/revoked/);
  });

  it('counts only live unscoped tokens as credentials that act in a new organisation', async () => {
    const { db, org, user } = await setUp();
    expect(await hasUnscopedCredential(db, user.id)).toBe(false);
    await createPat(db, { userId: user.id, name: 's', createdBy: 'x', scopeOrgId: org.id });
    expect(await hasUnscopedCredential(db, user.id)).toBe(false);
    await createPat(db, { userId: user.id, name: 'u', createdBy: 'x' });
    expect(await hasUnscopedCredential(db, user.id)).toBe(true);
  });
});
