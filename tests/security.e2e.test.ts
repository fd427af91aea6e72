/** Regressions for the security review of identity and audit. */
import { AuditLog, HubKeyStore } from '@ewto/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, exchange, type World } from './support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 30_000);
afterAll(async () => {
  await w?.close();
});

const call = (persona: keyof World['tokens'], path: string, init: RequestInit = {}) =>
  fetch(`${w.hub.url}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${w.tokens[persona]}`,
      'content-type': 'application/json',
      ...(init.headers ?? {}),
    },
  });

describe('security regressions', () => {
  it('a token a company admin mints for someone from another organisation acts only in the company (item 1: scoped)', async () => {
    const add = await call('company-admin', `/api/v1/orgs/${w.orgs.company.id}/members`, {
      method: 'POST',
      body: JSON.stringify({ email: 'convener-admin@test.example', role: 'viewer' }),
    });
    expect(add.status).toBe(201);
    const mint = await call(
      'company-admin',
      `/api/v1/orgs/${w.orgs.company.id}/members/${w.userIds['convener-admin']}/tokens`,
      {
        method: 'POST',
        body: JSON.stringify({ name: 'takeover' }),
      },
    );
    expect(mint.status).toBe(201);
    const { token } = (await mint.json()) as { token: string };
    const jwt = await exchange(w.hub.url, token);
    const as = (path: string, init: RequestInit = {}) =>
      fetch(`${w.hub.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      });
    // No convener powers: it cannot create organisations, read the audit log or see another company.
    const create = await as('/api/v1/orgs', {
      method: 'POST',
      body: JSON.stringify({ slug: 'takeover-co', name: 'T', kind: 'company' }),
    });
    expect(create.status).toBe(403);
    expect((await as('/api/v1/audit/entries')).status).toBe(403);
    expect((await as(`/api/v1/orgs/${w.orgs.otherCompany.id}/policies`)).status).toBe(404);
    expect((await as(`/api/v1/orgs/${w.orgs.convener.id}/members`)).status).toBe(404);
    expect((await as(`/api/v1/orgs/${w.orgs.company.id}/policies`)).status).toBe(200);
  });

  it('creates an organisation with its first admin, who can then manage it', async () => {
    const res = await call('convener-admin', '/api/v1/orgs', {
      method: 'POST',
      body: JSON.stringify({
        slug: 'gamma-market',
        name: 'Gamma',
        kind: 'company',
        adminEmail: 'lead@gamma.example',
      }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const members = (await (await call('convener-admin', `/api/v1/orgs/${id}/members`)).json()) as {
      items: Array<{ email: string; role: string }>;
    };
    expect(members.items).toEqual([expect.objectContaining({ email: 'lead@gamma.example', role: 'admin' })]);
  });

  it('never leaves an organisation without an admin', async () => {
    const path = `/api/v1/orgs/${w.orgs.agency.id}/members/${w.userIds['agency-admin']}`;
    const etag = (await call('agency-admin', path)).headers.get('etag')!;
    const demote = await call('agency-admin', path, {
      method: 'PATCH',
      headers: { 'if-match': etag },
      body: JSON.stringify({ role: 'viewer' }),
    });
    expect(demote.status).toBe(409);
    expect((await call('agency-admin', path, { method: 'DELETE' })).status).toBe(409);
  });

  it('answers an unknown and a hidden organisation alike', async () => {
    const hidden = (await (
      await call('company-viewer', `/api/v1/orgs/${w.orgs.otherCompany.slug}`)
    ).json()) as { detail: string };
    const unknown = (await (await call('company-viewer', '/api/v1/orgs/no-such-co')).json()) as {
      detail: string;
    };
    expect(hidden.detail.replace(w.orgs.otherCompany.slug, 'X')).toBe(
      unknown.detail.replace('no-such-co', 'X'),
    );
  });

  it('refuses a cursor it did not give out', async () => {
    expect((await call('convener-admin', '/api/v1/orgs?cursor=garbage')).status).toBe(400);
    expect((await call('convener-admin', '/api/v1/audit/entries?cursor=Zm9v')).status).toBe(400);
  });

  it('keeps caller text out of the audit log: own request ids, clipped reasons, known grant types only', async () => {
    const res = await fetch(`${w.hub.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': 'forged-id' },
      body: `grant_type=${'x'.repeat(50_000)}`,
    });
    expect(res.headers.get('x-request-id')).not.toBe('forged-id');
    const last = (await w.hub.deps.audit.listEntries({ limit: 200 })).items.at(-1)!;
    expect(last.entry.action).toBe('auth.failed');
    expect(JSON.stringify(last.entry).length).toBeLessThan(2000);
    expect(last.entry.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('stops accepting a key marked compromised by another process within seconds', async () => {
    const token = w.tokens['convener-viewer'];
    const kid = JSON.parse(atob(token.split('.')[0]!.replace(/-/g, '+').replace(/_/g, '/'))).kid;
    const other = new HubKeyStore(w.hub.deps.db, { kek: w.hub.deps.kek });
    await other.init();
    await other.markCompromised(kid);
    await new Promise((r) => setTimeout(r, 2500));
    expect((await call('convener-viewer', '/api/v1/me')).status).toBe(401);
    expect(token).toBeTruthy();
  }, 60_000);

  it('writes a consistent checkpoint while entries are appended, so the log restarts', async () => {
    const log = w.hub.deps.audit;
    const appends = Array.from({ length: 8 }, () =>
      log.record({ action: 'resource.read', outcome: 'success', actor: { kind: 'hub' }, details: {} }),
    );
    await Promise.all([log.checkpoint(), ...appends, log.checkpoint()]);
    const again = new AuditLog({
      db: w.hub.deps.db,
      keys: w.hub.deps.keys,
      origin: w.hub.deps.config.hubUrl,
    });
    await again.init();
    expect(again.size).toBe(log.size);
    const cp = await again.checkpoint();
    expect(cp?.treeSize).toBe(log.size);
  });
});
