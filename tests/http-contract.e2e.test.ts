/**
 * Headers and small contract breaks (issue 8 item 9): security headers on every response,
 * `Cache-Control: no-store` on authenticated ones, `Location` of created tokens and keys that can be
 * read back, and signed cursors (a forged but well-formed one gets 400).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, makeClientKey, type Persona, type World } from './support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 30_000);
afterAll(async () => {
  await w?.close();
});

const call = (persona: Persona | null, path: string, init: RequestInit = {}) =>
  fetch(`${w.hub.url}${path}`, {
    ...init,
    headers: {
      ...(persona ? { authorization: `Bearer ${w.tokens[persona]}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

describe('security headers', () => {
  it.each([
    ['anonymous health check', null, '/healthz', 200],
    ['an authenticated read', 'company-viewer', '/api/v1/me', 200],
    ['an error', 'company-viewer', '/api/v1/orgs/no-such-org', 404],
    ['a route that does not exist', null, '/api/v1/nothing-here', 404],
    ['a refused token', null, '/api/v1/me', 401],
  ] as const)('are on %s', async (_name, persona, path, status) => {
    const res = await call(
      persona,
      path,
      status === 401 ? { headers: { authorization: 'Bearer x.y.z' } } : {},
    );
    expect(res.status).toBe(status);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('forbid caching every response to a request with credentials, and only those', async () => {
    for (const path of [
      '/api/v1/me',
      '/api/v1/orgs',
      `/api/v1/orgs/${w.orgs.company.id}/members`,
      '/.well-known/jwks.json',
    ])
      expect((await call('company-admin', path)).headers.get('cache-control'), path).toBe('no-store');
    expect((await call('company-viewer', '/api/v1/orgs/no-such-org')).headers.get('cache-control')).toBe(
      'no-store',
    );
    expect(
      (await call(null, '/api/v1/me', { headers: { authorization: 'Bearer x' } })).headers.get(
        'cache-control',
      ),
    ).toBe('no-store');
    expect((await call(null, '/.well-known/jwks.json')).headers.get('cache-control')).toBe(
      'public, max-age=60',
    );
  });
});

describe('Location of what was created', () => {
  it('names a route that answers with the created token or key', async () => {
    const own = await call('company-editor', '/api/v1/me/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'loc' }),
    });
    expect(own.status).toBe(201);
    const ownId = ((await own.json()) as { info: { id: string } }).info.id;
    const ownRead = await call('company-editor', new URL(own.headers.get('location')!).pathname);
    expect(ownRead.status).toBe(200);
    expect(((await ownRead.json()) as { id: string }).id).toBe(ownId);

    const member = w.userIds['company-viewer']!;
    const minted = await call('company-admin', `/api/v1/orgs/${w.orgs.company.id}/members/${member}/tokens`, {
      method: 'POST',
      body: JSON.stringify({ name: 'for a member' }),
    });
    expect(minted.status).toBe(201);
    const mintedId = ((await minted.json()) as { info: { id: string } }).info.id;
    const location = new URL(minted.headers.get('location')!).pathname;
    expect(location).toBe(`/api/v1/orgs/${w.orgs.company.id}/members/${member}/tokens/${mintedId}`);
    const mintedRead = await call('company-admin', location);
    expect(mintedRead.status).toBe(200);
    expect(((await mintedRead.json()) as { id: string }).id).toBe(mintedId);

    const key = await makeClientKey();
    const registered = await call('agency-admin', `/api/v1/orgs/${w.orgs.agency.id}/keys`, {
      method: 'POST',
      body: JSON.stringify({ name: 'k', publicJwk: key.publicJwk }),
    });
    expect(registered.status).toBe(201);
    const keyRead = await call('agency-admin', new URL(registered.headers.get('location')!).pathname);
    expect(keyRead.status).toBe(200);
    expect(((await keyRead.json()) as { kid: string }).kid).toBe(key.kid);
    // Not readable through another organisation.
    expect(
      (await call('convener-admin', `/api/v1/orgs/${w.orgs.otherAgency.id}/keys/${key.kid}`)).status,
    ).toBe(404);
  });
});

describe('cursors', () => {
  const orgsPage = async (cursor?: string) =>
    call('convener-admin', `/api/v1/orgs?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);

  it('follow from page to page', async () => {
    const first = (await (await orgsPage()).json()) as { items: Array<{ id: string }>; nextCursor: string };
    expect(first.nextCursor).toBeTruthy();
    const second = await orgsPage(first.nextCursor);
    expect(second.status).toBe(200);
    const next = (await second.json()) as { items: Array<{ id: string }> };
    expect(next.items[0]!.id > first.items[0]!.id).toBe(true);
  });

  it('refuse a forged but well-formed one with 400', async () => {
    const first = (await (await orgsPage()).json()) as { items: Array<{ id: string }>; nextCursor: string };
    // What the cursor of an earlier format looked like, for an id the caller knows.
    const forged = btoa(`c1:${first.items[0]!.id}`).replaceAll('=', '');
    const [key, mac] = first.nextCursor.split('.');
    const retargeted = `${Buffer.from(w.orgs.otherCompany.id).toString('base64url')}.${mac ?? ''}`;
    for (const cursor of [forged, retargeted, `${key}.AAAAAAAAAAAAAAAAAAAAAA`]) {
      const res = await orgsPage(cursor);
      expect(res.status, cursor).toBe(400);
      expect(((await res.json()) as { detail: string }).detail).toMatch(
        /cursor is not one this hub gave out/,
      );
    }
    // Lists whose cursor used to be a bare id.
    const submissions = await call(
      'company-viewer',
      `/api/v1/orgs/${w.orgs.company.id}/policies?cursor=${w.orgs.company.id}`,
    );
    expect(submissions.status).toBe(400);
  });
});
