/**
 * Issue 8 item 12: onboarding without database access. Creating a member who has no credential that
 * acts in the organisation (or an organisation with `adminEmail`) answers a one-time invitation code,
 * shown once, valid 7 days, single-use, revocable by the organisation's admins and audited;
 * `POST /api/v1/invitations/redeem` and `ewto auth redeem` exchange it for a personal access token
 * scoped to that organisation. Item 8: a slug in the id format is refused.
 */
import { runCaptured } from '@ewto/cli/testing';
import { startTestHub } from '@ewto/hub/testing';
import { validate } from '@ewto/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, exchange, type World } from './support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => {
  await w?.close();
});

const api = (token: string | undefined, path: string, init: RequestInit = {}) =>
  fetch(`${w.hub.url}${path}`, {
    ...init,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': 'application/json',
      ...init.headers,
    },
  });
const post = (token: string | undefined, path: string, body: unknown) =>
  api(token, path, { method: 'POST', body: JSON.stringify(body) });
const redeem = (code: string) => post(undefined, '/api/v1/invitations/redeem', { code });

interface InvitationCreated {
  id: string;
  code: string;
  status: string;
  expiresAt: string;
  userId: string;
}

/** The company admin adds a new person; the answer carries their invitation. */
async function addNewcomer(email: string, role = 'editor') {
  const res = await post(w.tokens['company-admin'], `/api/v1/orgs/${w.orgs.company.id}/members`, {
    email,
    role,
  });
  expect(res.status).toBe(201);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = (await res.json()) as { userId: string; invitation: InvitationCreated };
  expect(validate('identity#/$defs/memberAdded', body)).toEqual([]);
  expect(body.invitation).toMatchObject({ status: 'pending', userId: body.userId });
  return body;
}

describe('invitations', () => {
  it('an organisation created with adminEmail answers the admin’s code, which `ewto auth redeem` turns into a scoped token', async () => {
    const res = await post(w.tokens['convener-admin'], '/api/v1/orgs', {
      slug: 'delta-market',
      name: 'Delta Market',
      kind: 'company',
      adminEmail: 'lead@delta.example',
    });
    expect(res.status).toBe(201);
    const org = (await res.json()) as { id: string; adminInvitation: InvitationCreated };
    expect(validate('identity#/$defs/organisationCreated', org)).toEqual([]);
    expect(org.adminInvitation.code).toMatch(/^ewto_inv_[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(org.adminInvitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const cli = await runCaptured(['auth', 'redeem', org.adminInvitation.code, '--hub', w.hub.url]);
    expect(cli.stderr).toContain(`scoped to organisation ${org.id}`);
    expect(cli.code).toBe(0);
    const pat = cli.stdout.trim();
    expect(pat).toMatch(/^ewto_pat_/);
    const jwt = await exchange(w.hub.url, pat);
    const me = (await (await api(jwt, '/api/v1/me')).json()) as {
      scopeOrgId: string;
      memberships: Array<{ orgId: string; role: string }>;
    };
    expect(me.scopeOrgId).toBe(org.id);
    expect(me.memberships).toEqual([expect.objectContaining({ orgId: org.id, role: 'admin' })]);
    // The new admin manages their organisation: adds a colleague, who gets a code in turn.
    const colleague = await post(jwt, `/api/v1/orgs/${org.id}/members`, {
      email: 'colleague@delta.example',
      role: 'viewer',
    });
    expect(colleague.status).toBe(201);
    expect(((await colleague.json()) as { invitation: InvitationCreated }).invitation.code).toMatch(
      /^ewto_inv_/,
    );

    // Single use: a second redemption fails, from the CLI with exit 1 and the hub's reason.
    const again = await runCaptured(['auth', 'redeem', org.adminInvitation.code, '--hub', w.hub.url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already used');
  }, 30_000);

  it('adding someone who can already sign in adds the membership and issues no code', async () => {
    const res = await post(w.tokens['company-admin'], `/api/v1/orgs/${w.orgs.company.id}/members`, {
      email: 'convener-viewer@test.example',
      role: 'viewer',
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('invitation');
    expect(body.role).toBe('viewer');
  }, 30_000);

  it('someone whose only credentials are scoped to another organisation is invited', async () => {
    const { invitation } = await addNewcomer('two-orgs@alpha.example');
    expect((await redeem(invitation.code)).status).toBe(201);
    // They hold a token scoped to the company only: made first admin of a new organisation, they get a code.
    const sc = await post(w.tokens['convener-admin'], '/api/v1/orgs', {
      slug: 'epsilon-market',
      name: 'Epsilon',
      kind: 'company',
      adminEmail: 'two-orgs@alpha.example',
    });
    expect(sc.status).toBe(201);
    expect(((await sc.json()) as { adminInvitation?: InvitationCreated }).adminInvitation?.code).toMatch(
      /^ewto_inv_/,
    );
  }, 30_000);

  it('a redeemed code gives a token the organisation’s admins see among the member’s tokens', async () => {
    const { userId, invitation } = await addNewcomer('newcomer@alpha.example');
    const res = await redeem(invitation.code);
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = await res.json();
    expect(validate('identity#/$defs/tokenCreated', created)).toEqual([]);
    const { info } = created as { info: { id: string; scopeOrgId: string; createdBy: string } };
    expect(info.scopeOrgId).toBe(w.orgs.company.id);
    const tokens = (await (
      await api(w.tokens['company-admin'], `/api/v1/orgs/${w.orgs.company.id}/members/${userId}/tokens`)
    ).json()) as { items: Array<{ id: string }> };
    expect(tokens.items.map((t) => t.id)).toEqual([info.id]);
    const list = (await (
      await api(w.tokens['company-admin'], `/api/v1/orgs/${w.orgs.company.id}/invitations`)
    ).json()) as { items: Array<Record<string, unknown>> };
    expect(validate('identity#/$defs/invitationPage', list)).toEqual([]);
    const listed = list.items.find((i) => i.id === invitation.id)!;
    expect(listed).toMatchObject({ status: 'redeemed', tokenId: info.id });
    expect(JSON.stringify(list)).not.toContain(invitation.code);
    expect(JSON.stringify(list)).not.toContain('codeHash');
  }, 30_000);

  it('only one of several concurrent redemptions of a code wins', async () => {
    const { invitation } = await addNewcomer('racer@alpha.example');
    const statuses = (await Promise.all(Array.from({ length: 6 }, () => redeem(invitation.code)))).map(
      (r) => r.status,
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
  }, 30_000);

  it('a revoked, expired or unknown code, or one of a person since removed, is refused with a reason', async () => {
    const revoked = await addNewcomer('revoked@alpha.example');
    const del = await api(
      w.tokens['company-admin'],
      `/api/v1/orgs/${w.orgs.company.id}/invitations/${revoked.invitation.id}`,
      { method: 'DELETE' },
    );
    expect(del.status).toBe(200);
    expect(await del.json()).toMatchObject({ status: 'revoked' });
    const r1 = await redeem(revoked.invitation.code);
    expect(r1.status).toBe(400);
    expect(r1.headers.get('content-type')).toBe('application/problem+json');
    expect(((await r1.json()) as { detail: string }).detail).toMatch(/revoked/);

    const expired = await addNewcomer('expired@alpha.example');
    await w.hub.deps.dbHandle.client.execute({
      sql: 'UPDATE invitations SET expires_at = ? WHERE id = ?',
      args: ['2020-01-01T00:00:00Z', expired.invitation.id],
    });
    const r2 = await redeem(expired.invitation.code);
    expect(r2.status).toBe(400);
    expect(((await r2.json()) as { detail: string }).detail).toMatch(/expired/);

    // Removing the person revokes their pending code, which stays dead when they are added again.
    const removed = await addNewcomer('removed@alpha.example');
    const rm = await api(
      w.tokens['company-admin'],
      `/api/v1/orgs/${w.orgs.company.id}/members/${removed.userId}`,
      {
        method: 'DELETE',
      },
    );
    expect(rm.status).toBe(204);
    const r3 = await redeem(removed.invitation.code);
    expect(r3.status).toBe(400);
    expect(((await r3.json()) as { detail: string }).detail).toMatch(/revoked/);
    const readded = await addNewcomer('removed@alpha.example');
    expect((await redeem(removed.invitation.code)).status).toBe(400);
    expect((await redeem(readded.invitation.code)).status).toBe(201);

    const r4 = await redeem(`ewto_inv_${'A'.repeat(43)}`);
    expect(r4.status).toBe(400);
    expect(((await r4.json()) as { detail: string }).detail).toMatch(/unknown/);
  }, 30_000);

  it('is revocable only by the organisation’s admins; a redeemed one is 409', async () => {
    const { invitation } = await addNewcomer('guarded@alpha.example');
    const path = `/api/v1/orgs/${w.orgs.company.id}/invitations/${invitation.id}`;
    expect((await api(w.tokens['company-editor'], path, { method: 'DELETE' })).status).toBe(403);
    expect((await api(w.tokens['convener-admin'], path, { method: 'DELETE' })).status).toBe(403);
    // Through another organisation's path: the invitation is not theirs.
    const foreign = `/api/v1/orgs/${w.orgs.agency.id}/invitations/${invitation.id}`;
    expect((await api(w.tokens['agency-admin'], foreign, { method: 'DELETE' })).status).toBe(404);
    expect((await redeem(invitation.code)).status).toBe(201);
    const late = await api(w.tokens['company-admin'], path, { method: 'DELETE' });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { detail: string }).detail).toMatch(/revoke the token/);
  }, 30_000);

  it('a new code for a member replaces their pending one', async () => {
    const { userId, invitation } = await addNewcomer('lost-code@alpha.example');
    const res = await post(w.tokens['company-admin'], `/api/v1/orgs/${w.orgs.company.id}/invitations`, {
      userId,
    });
    expect(res.status).toBe(201);
    const fresh = (await res.json()) as InvitationCreated;
    expect(fresh.code).not.toBe(invitation.code);
    expect(((await (await redeem(invitation.code)).json()) as { detail: string }).detail).toMatch(/revoked/);
    expect((await redeem(fresh.code)).status).toBe(201);
    const stranger = await post(w.tokens['company-admin'], `/api/v1/orgs/${w.orgs.company.id}/invitations`, {
      userId: w.userIds['agency-admin'],
    });
    expect(stranger.status).toBe(404);
  }, 30_000);

  it('audits creation, redemption, refusal and revocation, never the code', async () => {
    const { invitation } = await addNewcomer('audited@alpha.example');
    expect((await redeem(invitation.code)).status).toBe(201);
    expect((await redeem(invitation.code)).status).toBe(400);
    const other = await addNewcomer('audited-revoked@alpha.example');
    await api(
      w.tokens['company-admin'],
      `/api/v1/orgs/${w.orgs.company.id}/invitations/${other.invitation.id}`,
      {
        method: 'DELETE',
      },
    );
    const page = await w.hub.deps.audit.listEntries({ orgId: w.orgs.company.id, limit: 200 });
    const about = (id: string) =>
      page.items
        .map((e) => e.entry as { action: string; outcome: string; resource?: { id: string } })
        .filter((e) => e.resource?.id === id)
        .map((e) => `${e.action}:${e.outcome}`);
    expect(about(invitation.id)).toEqual([
      'invitation.created:success',
      'invitation.redeemed:success',
      'invitation.redeemed:failure',
    ]);
    expect(about(other.invitation.id)).toEqual(['invitation.created:success', 'invitation.revoked:success']);
    const all = JSON.stringify(page.items);
    expect(all).not.toContain(invitation.code);
    expect(all).not.toContain(other.invitation.code);
  }, 30_000);
});

describe('guessing codes (item 5 limits apply to the redeem endpoint)', () => {
  it('answers 429 with Retry-After after too many failures, and audits the flood as a count', async () => {
    const h = await startTestHub({
      authFailuresPerAddress: 20,
      authFailuresPerCredential: 5,
      authFailureWindow: 60,
    });
    try {
      const guess = (code: string) =>
        fetch(`${h.url}/api/v1/invitations/redeem`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
        });
      const same: number[] = [];
      for (let i = 0; i < 7; i++) same.push((await guess(`ewto_inv_${'B'.repeat(43)}`)).status);
      expect(same).toEqual([400, 400, 400, 400, 400, 429, 429]);
      const many: Response[] = [];
      for (let i = 0; i < 20; i++) many.push(await guess(`ewto_inv_guess${i}`));
      const last = many.at(-1)!;
      expect(last.status).toBe(429);
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last.headers.get('content-type')).toBe('application/problem+json');
      const failures = (await h.deps.audit.listEntries({ limit: 1000 })).items.filter(
        (e) => e.entry.action === 'auth.failed',
      );
      expect(failures.length).toBeLessThanOrEqual(3);
    } finally {
      await h.close();
    }
  }, 60_000);
});

describe('organisation slugs (item 8)', () => {
  it('refuses a slug in the id format, which would hide another organisation behind its id', async () => {
    const res = await post(w.tokens['convener-admin'], '/api/v1/orgs', {
      slug: w.orgs.otherCompany.id,
      name: 'Shadow',
      kind: 'company',
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/looks like an organisation id/);
    const other = await api(w.tokens['convener-admin'], `/api/v1/orgs/${w.orgs.otherCompany.id}`);
    expect(((await other.json()) as { name: string }).name).toBe('Beta Social');
  }, 30_000);
});
