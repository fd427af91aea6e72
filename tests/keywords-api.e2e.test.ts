import { compactVerify, createLocalJWKSet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from './support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 30_000);
afterAll(async () => {
  await w?.close();
});

const get = (path: string) =>
  fetch(`${w.hub.url}${path}`, { headers: { authorization: `Bearer ${w.tokens['company-viewer']}` } });

describe('keyword library over HTTP', () => {
  it('serves the library, and the same library as a JWS that verifies against the JWKS', async () => {
    const plain = (await (await get('/api/v1/keywords')).json()) as { version: number; terms: unknown[] };
    expect(plain.terms.length).toBeGreaterThan(100);
    const res = await get('/api/v1/keywords?format=jws');
    expect(res.headers.get('content-type')).toBe('application/jose');
    const jws = await res.text();
    const jwks = createLocalJWKSet(await (await fetch(`${w.hub.url}/.well-known/jwks.json`)).json());
    const { payload, protectedHeader } = await compactVerify(jws, jwks, { algorithms: ['EdDSA'] });
    expect(protectedHeader.typ).toBe('ewto-keywords+jws');
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(plain);
    const tampered = `${jws.split('.')[0]}.${Buffer.from(JSON.stringify({ ...plain, version: 999 })).toString('base64url')}.${jws.split('.')[2]}`;
    await expect(compactVerify(tampered, jwks)).rejects.toThrow();
  });

  it('serves changes since a version, signed too, and refuses an unknown version', async () => {
    const plain = (await (await get('/api/v1/keywords')).json()) as { version: number };
    const changes = await get('/api/v1/keywords/changes?since=0');
    expect(changes.status).toBe(200);
    const signed = await get('/api/v1/keywords/changes?since=0&format=jws');
    expect((await signed.text()).split('.')).toHaveLength(3);
    expect((await get(`/api/v1/keywords/changes?since=${plain.version + 1}`)).status).toBe(400);
    expect((await get('/api/v1/keywords/changes?since=abc')).status).toBe(400);
  });
});

describe('POST /api/v1/screen', () => {
  it('flags trafficking listings with the right species group and leaves ordinary ones alone', async () => {
    const res = await fetch(`${w.hub.url}/api/v1/screen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens['company-editor']}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        listings: [
          {
            id: 'l1',
            title: 'Antique hand carved i.v.o.r.y netsuke',
            description: 'old piece',
            tags: ['#CarvedIvory'],
          },
          { id: 'l2', title: 'Ivory lace wedding dress, size 10', description: 'worn once' },
          { id: 'l3', title: '穿山甲片 500g', description: '' },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      libraryVersion: number;
      results: Array<{
        id: string;
        flagged: boolean;
        matches: Array<{ group: string; field: string; start: number; end: number }>;
      }>;
    };
    expect(body.libraryVersion).toEqual(expect.any(Number));
    const [l1, l2, l3] = body.results;
    expect(l1).toMatchObject({ id: 'l1', flagged: true });
    expect(l1!.matches.some((m) => m.group === 'elephant')).toBe(true);
    expect(l2).toMatchObject({ id: 'l2', flagged: false });
    expect(l3).toMatchObject({ id: 'l3', flagged: true });
    expect(l3!.matches[0]).toMatchObject({ group: 'pangolin', field: 'title', start: 0, end: 3 });
  });

  it('answers at most 100 matches per listing and counts the rest', async () => {
    const res = await fetch(`${w.hub.url}/api/v1/screen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens['company-editor']}`, 'content-type': 'application/json' },
      body: JSON.stringify({ listings: [{ id: 'spam', description: 'rhino horn '.repeat(300) }] }),
    });
    const [r] = (
      (await res.json()) as {
        results: Array<{ matches: unknown[]; matchesOmitted?: number; flagged: boolean }>;
      }
    ).results;
    expect(r!.flagged).toBe(true);
    expect(r!.matches).toHaveLength(100);
    expect(r!.matchesOmitted).toBeGreaterThanOrEqual(200);
  });

  it('validates the request body', async () => {
    const res = await fetch(`${w.hub.url}/api/v1/screen`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens['company-editor']}`, 'content-type': 'application/json' },
      body: JSON.stringify({ listings: [{ title: 'no id' }] }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: Array<{ pointer: string }> }).errors[0]!.pointer).toBe(
      '/listings/0',
    );
  });
});
