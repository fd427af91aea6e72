/**
 * Issue 8 item 1: every credential carries an organisation scope or none, checked at every exchange
 * and request. A scoped credential acting outside its organisation finds it hidden (404, as for
 * non-members); one whose user left the scope organisation stops working; what a scoped credential
 * creates inherits its scope.
 */
import { addMember, addPasskey, createSession, createUser, removeMember } from '@ewto/identity';
import { validate } from '@ewto/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => {
  await w?.close();
});

const api = (token: string, path: string, init: RequestInit = {}) =>
  fetch(`${w.hub.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });

async function exchange(pat: string): Promise<Response> {
  return fetch(`${w.hub.url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: pat,
      subject_token_type: 'urn:ewto:params:oauth:token-type:personal-access-token',
    }),
  });
}
async function accessToken(pat: string): Promise<string> {
  const res = await exchange(pat);
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A person only in the company, with a token its admin minted for them. */
async function personWithAdminToken(email: string) {
  const db = w.hub.deps.db;
  const user = await createUser(db, { email, name: email });
  await addMember(db, w.orgs.company.id, user.id, 'editor');
  const res = await api(
    w.tokens['company-admin'],
    `/api/v1/orgs/${w.orgs.company.id}/members/${user.id}/tokens`,
    {
      method: 'POST',
      body: JSON.stringify({ name: 'minted by the admin' }),
    },
  );
  expect(res.status).toBe(201);
  const { token, info } = (await res.json()) as { token: string; info: { id: string; scopeOrgId: string } };
  return { user, pat: token, info };
}

async function otherCompanyPolicies(token: string) {
  return api(token, `/api/v1/orgs/${w.orgs.otherCompany.id}/policies`);
}

describe('credential scopes', () => {
  it("an admin-minted token never reads the person's next company's data", async () => {
    const { user, pat, info } = await personWithAdminToken('mover@alpha.example');
    const jwt = await accessToken(pat);
    // The person joins the other company (while still in the first): the scoped token does not follow.
    await addMember(w.hub.deps.db, w.orgs.otherCompany.id, user.id, 'admin');
    const res = await otherCompanyPolicies(jwt);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await api(jwt, `/api/v1/orgs/${w.orgs.otherCompany.id}`)).status).toBe(404);
    expect((await api(jwt, `/api/v1/orgs/${w.orgs.otherCompany.id}/members`)).status).toBe(404);
    // Still works where it belongs.
    expect((await api(jwt, `/api/v1/orgs/${w.orgs.company.id}/policies`)).status).toBe(200);
    const me = (await (await api(jwt, '/api/v1/me')).json()) as {
      scopeOrgId: string;
      memberships: Array<{ orgId: string }>;
    };
    expect(validate('identity#/$defs/me', me)).toEqual([]);
    expect(me.scopeOrgId).toBe(w.orgs.company.id);
    expect(me.memberships.map((m) => m.orgId)).toEqual([w.orgs.company.id]);
    const orgs = (await (await api(jwt, '/api/v1/orgs')).json()) as { items: Array<{ id: string }> };
    expect(orgs.items.map((o) => o.id)).toEqual([w.orgs.company.id]);
    expect(info.scopeOrgId).toBe(w.orgs.company.id);
  }, 30_000);

  it('stops working, at exchange and on every request, once its person left the scope organisation', async () => {
    const { user, pat } = await personWithAdminToken('leaver@alpha.example');
    const jwt = await accessToken(pat);
    await addMember(w.hub.deps.db, w.orgs.otherCompany.id, user.id, 'viewer');
    await removeMember(w.hub.deps.db, w.orgs.company.id, user.id);
    const res = await otherCompanyPolicies(jwt);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/no longer belongs/);
    expect((await api(jwt, '/api/v1/me')).status).toBe(401);
    const ex = await exchange(pat);
    expect(ex.status).toBe(400);
    expect(await ex.json()).toMatchObject({ error: 'invalid_grant' });
  }, 30_000);

  it('stays dead when its person, removed through the API, is added to the organisation again', async () => {
    const { user, pat, info } = await personWithAdminToken('returner@alpha.example');
    const jwt = await accessToken(pat);
    // A browser session and a passkey scoped to the company, and a session that is not scoped.
    const db = w.hub.deps.db;
    const scope = { userId: user.id, scopeOrgId: w.orgs.company.id };
    const session = (await createSession(db, { ...scope, method: 'token', ttlSeconds: 3600 })).session;
    const unscoped = (
      await createSession(db, { ...scope, scopeOrgId: null, method: 'token', ttlSeconds: 3600 })
    ).session;
    const passkey = await addPasskey(db, {
      ...scope,
      credentialId: `cred-${user.id}`,
      name: 'laptop',
      publicKey: 'AA',
      counter: 0,
      transports: [],
    });
    const member = `/api/v1/orgs/${w.orgs.company.id}/members/${user.id}`;
    expect((await api(w.tokens['company-admin'], member, { method: 'DELETE' })).status).toBe(204);
    const back = await api(w.tokens['company-admin'], `/api/v1/orgs/${w.orgs.company.id}/members`, {
      method: 'POST',
      body: JSON.stringify({ email: 'returner@alpha.example', role: 'editor' }),
    });
    expect(back.status).toBe(201);
    expect((await api(jwt, `/api/v1/orgs/${w.orgs.company.id}/policies`)).status).toBe(401);
    expect((await exchange(pat)).status).toBe(400);
    const tokens = (await (await api(w.tokens['company-admin'], `${member}/tokens`)).json()) as {
      items: Array<{ id: string; revokedAt: string | null }>;
    };
    expect(tokens.items).toEqual([expect.objectContaining({ id: info.id, revokedAt: expect.any(String) })]);
    const revokedAt = async (table: string, id: string) =>
      (
        await w.hub.deps.dbHandle.client.execute({
          sql: `SELECT revoked_at FROM ${table} WHERE id = ?`,
          args: [id],
        })
      ).rows[0]?.revoked_at;
    expect(await revokedAt('browser_sessions', session.id)).toEqual(expect.any(String));
    expect(await revokedAt('passkeys', passkey.id)).toEqual(expect.any(String));
    expect(await revokedAt('browser_sessions', unscoped.id)).toBeNull();
  }, 30_000);

  it('passes its scope on to a token it creates, and cannot create a wider one', async () => {
    const { user, pat } = await personWithAdminToken('minter@alpha.example');
    await addMember(w.hub.deps.db, w.orgs.otherCompany.id, user.id, 'editor');
    const jwt = await accessToken(pat);
    const made = await api(jwt, '/api/v1/me/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'mine' }),
    });
    expect(made.status).toBe(201);
    const child = (await made.json()) as { token: string; info: { scopeOrgId: string } };
    const childJwt = await accessToken(child.token);
    expect((await otherCompanyPolicies(childJwt)).status).toBe(404);
    expect(child.info.scopeOrgId).toBe(w.orgs.company.id);
    expect((await api(childJwt, `/api/v1/orgs/${w.orgs.company.id}/policies`)).status).toBe(200);
    const wider = await api(jwt, '/api/v1/me/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'wider', scopeOrg: w.orgs.otherCompany.slug }),
    });
    expect(wider.status).toBe(403);
  }, 30_000);

  it('lets an unscoped credential create a token scoped to one of its organisations', async () => {
    const made = await api(w.tokens['company-editor'], '/api/v1/me/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'narrow', scopeOrg: w.orgs.company.slug }),
    });
    expect(made.status).toBe(201);
    expect(((await made.json()) as { info: { scopeOrgId: string } }).info.scopeOrgId).toBe(w.orgs.company.id);
    const foreign = await api(w.tokens['company-editor'], '/api/v1/me/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'foreign', scopeOrg: w.orgs.otherCompany.slug }),
    });
    expect(foreign.status).toBe(404);
  }, 30_000);

  it("a scoped credential sees and revokes only its own scope's tokens under /me/tokens", async () => {
    const { pat } = await personWithAdminToken('lister@alpha.example');
    const jwt = await accessToken(pat);
    const list = (await (await api(jwt, '/api/v1/me/tokens')).json()) as {
      items: Array<{ scopeOrgId: string | null }>;
    };
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((t) => t.scopeOrgId === w.orgs.company.id)).toBe(true);
  }, 30_000);

  it('refuses an access token whose scope claim differs from its personal access token', async () => {
    const { pat } = await personWithAdminToken('forger@alpha.example');
    const jwt = await accessToken(pat);
    const claims = JSON.parse(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
    expect(claims.org).toBe(w.orgs.company.id);
    const { org: _, ...unscoped } = claims;
    const forged = await w.hub.deps.keys.signJwt(unscoped, 'at+jwt');
    expect((await api(forged, '/api/v1/me')).status).toBe(401);
  }, 30_000);
});

describe("an organisation admin's view of the tokens scoped to it", () => {
  it('lists and revokes what was minted for a member (and what that created); revoking stops it at once', async () => {
    const { user, pat, info } = await personWithAdminToken('managed@alpha.example');
    const jwt = await accessToken(pat);
    const child = (await (
      await api(jwt, '/api/v1/me/tokens', { method: 'POST', body: JSON.stringify({ name: 'child' }) })
    ).json()) as { info: { id: string } };
    const base = `/api/v1/orgs/${w.orgs.company.slug}/members/${user.id}/tokens`;
    const listed = await api(w.tokens['company-admin'], base);
    expect(listed.status).toBe(200);
    const ids = ((await listed.json()) as { items: Array<{ id: string }> }).items.map((t) => t.id);
    expect(ids.sort()).toEqual([info.id, child.info.id].sort());
    // Only the organisation's own admins.
    expect((await api(w.tokens['convener-viewer'], base)).status).toBe(403);
    expect((await api(w.tokens['company-editor'], base)).status).toBe(403);
    expect(
      (
        await api(
          w.tokens['company-admin'],
          `/api/v1/orgs/${w.orgs.otherCompany.id}/members/${user.id}/tokens`,
        )
      ).status,
    ).toBe(404);
    const del = await api(w.tokens['company-admin'], `${base}/${info.id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(((await del.json()) as { revokedAt: string }).revokedAt).toBeTruthy();
    expect((await api(jwt, '/api/v1/me')).status).toBe(401);
    // A token of the member that is not scoped here is not the organisation's to revoke.
    const own = (await (
      await api(w.tokens['company-viewer'], '/api/v1/me/tokens', {
        method: 'POST',
        body: JSON.stringify({ name: 'x' }),
      })
    ).json()) as { info: { id: string } };
    const viewer = w.userIds['company-viewer']!;
    expect(
      (
        await api(
          w.tokens['company-admin'],
          `/api/v1/orgs/${w.orgs.company.id}/members/${viewer}/tokens/${own.info.id}`,
          {
            method: 'DELETE',
          },
        )
      ).status,
    ).toBe(404);
  }, 30_000);
});
