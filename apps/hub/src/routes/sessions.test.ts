import { addMember, createOrg, createPat, createUser } from '@ewto/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing.ts';

const HUB = 'http://localhost:8787';

describe('browser sessions (cookie, Origin check, CSRF)', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let pat: string;
  beforeAll(async () => {
    t = await createTestApp({ hubUrl: HUB, sessionTtl: 3600 });
    const db = t.deps.db;
    const org = await createOrg(db, { slug: 'alpha', name: 'Alpha', kind: 'company' });
    const user = await createUser(db, { email: 'ann@alpha.example', name: 'Ann' });
    await addMember(db, org.id, user.id, 'admin');
    pat = (await createPat(db, { userId: user.id, name: 'x', createdBy: 't' })).token;
  });
  afterAll(() => t.close());

  async function signIn() {
    const res = await t.app.request('/api/v1/auth/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: HUB },
      body: JSON.stringify({ token: pat }),
    });
    expect(res.status).toBe(201);
    const setCookie = res.headers.get('set-cookie') ?? '';
    const body = (await res.json()) as { csrfToken: string; expiresAt: string; email: string };
    return { setCookie, cookie: setCookie.split(';')[0]!, body };
  }

  it('sets an HttpOnly SameSite=Strict cookie whose value the answer does not repeat', async () => {
    const { setCookie, cookie, body } = await signIn();
    expect(setCookie).toMatch(/^ewto_session=ewto_s_/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain('Secure'); // http://localhost
    expect(JSON.stringify(body)).not.toContain(cookie.split('=')[1]!);
    expect(body.email).toBe('ann@alpha.example');
    expect(body.csrfToken).toMatch(/^[0-9a-f]{43}$/);
  });

  it('accepts the cookie for reads and for writes with X-CSRF-Token from the hub origin', async () => {
    const { cookie, body } = await signIn();
    const me = await t.app.request('/api/v1/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    const ok = await t.app.request('/api/v1/me/tokens', {
      method: 'POST',
      headers: { cookie, origin: HUB, 'x-csrf-token': body.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'from the browser' }),
    });
    expect(ok.status).toBe(201);
  });

  it('refuses a write without the CSRF header, with a wrong one, or from another origin', async () => {
    const { cookie, body } = await signIn();
    const post = (headers: Record<string, string>) =>
      t.app.request('/api/v1/me/tokens', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'x' }),
      });
    const noCsrf = await post({ origin: HUB });
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toMatchObject({ code: 'csrf-token-missing' });
    expect((await post({ origin: HUB, 'x-csrf-token': 'f'.repeat(43) })).status).toBe(403);
    const evil = await post({ origin: 'http://evil.example', 'x-csrf-token': body.csrfToken });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ code: 'origin-refused' });
    expect((await post({ 'x-csrf-token': body.csrfToken })).status).toBe(403); // no Origin at all
    const crossRead = await t.app.request('/api/v1/me', {
      headers: { cookie, origin: 'http://evil.example' },
    });
    expect(crossRead.status).toBe(403);
    const denied = (await t.deps.audit.listEntries({ limit: 200 })).items.map((e) => e.entry);
    expect(
      denied.some(
        (e) => e.action === 'auth.failed' && (e.details as { reason?: string }).reason === 'origin-refused',
      ),
    ).toBe(true);
  });

  it('signs out: the session is revoked and the cookie no longer works; both are audited', async () => {
    const { cookie, body } = await signIn();
    const out = await t.app.request('/api/v1/auth/session', {
      method: 'DELETE',
      headers: { cookie, origin: HUB, 'x-csrf-token': body.csrfToken },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/ewto_session=;/);
    expect((await t.app.request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
    const entries = (await t.deps.audit.listEntries({ limit: 200 })).items.map((e) => e.entry.action);
    expect(entries).toContain('session.created');
    expect(entries).toContain('session.revoked');
  });

  it('refuses an unknown token, and sessions past their expiry', async () => {
    const bad = await t.app.request('/api/v1/auth/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: HUB },
      body: JSON.stringify({ token: 'ewto_pat_nope' }),
    });
    expect(bad.status).toBe(401);
    const { cookie } = await signIn();
    const { browserSessions } = await import('@ewto/db/schema');
    await t.deps.db.update(browserSessions).set({ expiresAt: '2000-01-01T00:00:00Z' });
    expect((await t.app.request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
  });

  it('lists my sessions and revokes one by id', async () => {
    const a = await signIn();
    const b = await signIn();
    const list = await t.app.request('/api/v1/me/sessions', { headers: { cookie: a.cookie } });
    const items = ((await list.json()) as { items: Array<{ id: string; current: boolean }> }).items;
    expect(items.filter((s) => s.current)).toHaveLength(1);
    const other = (await (
      await t.app.request('/api/v1/auth/session', { headers: { cookie: b.cookie } })
    ).json()) as {
      id: string;
    };
    const del = await t.app.request(`/api/v1/me/sessions/${other.id}`, {
      method: 'DELETE',
      headers: { cookie: a.cookie, origin: HUB, 'x-csrf-token': a.body.csrfToken },
    });
    expect(del.status).toBe(200);
    expect((await t.app.request('/api/v1/me', { headers: { cookie: b.cookie } })).status).toBe(401);
    expect((await t.app.request('/api/v1/me', { headers: { cookie: a.cookie } })).status).toBe(200);
  });

  it('keeps the scope of the token it was opened with: other organisations stay hidden', async () => {
    const db = t.deps.db;
    const beta = await createOrg(db, { slug: 'beta', name: 'Beta', kind: 'company' });
    const user = await createUser(db, { email: 'sam@alpha.example', name: 'Sam' });
    const alpha = (
      await t.app.request('/api/v1/orgs/alpha', { headers: { cookie: (await signIn()).cookie } })
    ).status;
    expect(alpha).toBe(200);
    const { addMember: add } = await import('@ewto/identity');
    const alphaOrg = await (await import('@ewto/identity')).findOrg(db, 'alpha');
    await add(db, alphaOrg!.id, user.id, 'admin');
    await add(db, beta.id, user.id, 'admin');
    const scopedPat = (
      await createPat(db, { userId: user.id, name: 's', createdBy: 't', scopeOrgId: alphaOrg!.id })
    ).token;
    const res = await t.app.request('/api/v1/auth/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: HUB },
      body: JSON.stringify({ token: scopedPat }),
    });
    const body = (await res.json()) as { scopeOrgId: string; memberships: Array<{ orgSlug: string }> };
    expect(body.scopeOrgId).toBe(alphaOrg!.id);
    expect(body.memberships.map((m) => m.orgSlug)).toEqual(['alpha']);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await t.app.request('/api/v1/orgs/alpha/members', { headers: { cookie } })).status).toBe(200);
    expect((await t.app.request('/api/v1/orgs/beta/members', { headers: { cookie } })).status).toBe(404);
  });

  it('has no demo sign-in unless HUB_DEMO=true', async () => {
    expect((await t.app.request('/api/v1/auth/demo')).status).toBe(404);
  });
});
