import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './testing.ts';

describe('hub app', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp({ maxBodyBytes: 4096 });
  });
  afterAll(() => t.close());

  it('answers /healthz', async () => {
    const res = await t.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('answers an unknown route with a 404 problem carrying the request id', async () => {
    const res = await t.app.request('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 404, title: 'Not Found', code: 'not-found' });
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('answers a body over MAX_BODY_BYTES with 413 problem+json', async () => {
    const res = await t.app.request('/healthz', { method: 'POST', body: 'x'.repeat(10_000) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 413, code: 'body-too-large' });
  });

  it('answers malformed JSON with 400 and a failed validation with 422, as problem+json', async () => {
    const bad = await t.app.request('/api/v1/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type": ',
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(await bad.json()).toMatchObject({
      code: 'malformed-json',
      detail: expect.stringContaining('not valid JSON'),
    });
    const invalid = await t.app.request('/api/v1/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password' }),
    });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ errors: [{ pointer: '/grant_type' }] });
  });

  it('serves an OpenAPI 3.1 document listing its own routes', async () => {
    const res = await t.app.request('/api/v1/openapi.json');
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    for (const r of t.routes) expect(doc.paths).toHaveProperty([r.path.replace(/:(\w+)/g, '{$1}'), r.method]);
  });
});

describe('OpenAPI request examples', () => {
  it('each example is valid against its route body schema; every publish route has one', async () => {
    const { validate } = await import('@ewto/schemas');
    const t = await createTestApp();
    try {
      const withExamples = t.routes.filter((r) => r.body?.example !== undefined);
      for (const r of withExamples) {
        const schema = r.body!.schema;
        if (typeof schema === 'string')
          expect([r.path, validate(schema, r.body!.example)]).toEqual([r.path, []]);
      }
      const publish = t.routes.filter(
        (r) => r.path.startsWith('/api/v1/intel/') && r.operationId.startsWith('publish'),
      );
      expect(publish.map((r) => r.path).sort()).toEqual(['/api/v1/intel/alerts', '/api/v1/intel/networks']);
      for (const r of publish) expect(r.body?.example).toBeDefined();
      const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as {
        paths: Record<
          string,
          Record<string, { requestBody?: { content: Record<string, { example?: unknown }> } }>
        >;
      };
      expect(
        doc.paths['/api/v1/intel/alerts']!.post!.requestBody!.content['application/json']!.example,
      ).toEqual(publish.find((r) => r.path.endsWith('alerts'))!.body!.example);
    } finally {
      t.close();
    }
  });
});
