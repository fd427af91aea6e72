import { type RunningHub, startTestHub } from '@ewto/hub/testing';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('hub over real HTTP', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    hub = await startTestHub();
  }, 30_000);
  afterAll(async () => {
    await hub?.close();
  });

  it('binds to 127.0.0.1 on a random port and answers /healthz', async () => {
    expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${hub.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('answers a 5 MB body with 413 problem+json', async () => {
    const res = await fetch(`${hub.url}/healthz`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array(5 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 413, requestId: expect.any(String) });
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const res = await fetch(`${hub.url}/no/such/route`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      type: expect.any(String),
      status: 404,
      requestId: expect.any(String),
    });
  });

  it('serves an OpenAPI document that passes an OpenAPI 3.1 validator', async () => {
    const doc = await (await fetch(`${hub.url}/api/v1/openapi.json`)).json();
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  }, 60_000);
});

describe('web UI', () => {
  let hub: RunningHub;
  beforeAll(async () => {
    const { mkdtempSync, writeFileSync, mkdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dist = mkdtempSync(join(tmpdir(), 'ewto-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>EWTO Hub</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    hub = await startTestHub({ webDist: dist });
  }, 30_000);
  afterAll(async () => {
    await hub?.close();
  });

  it('serves the UI at / and its routes, but not in place of API 404s or missing assets', async () => {
    expect(await (await fetch(`${hub.url}/`)).text()).toContain('EWTO Hub');
    expect(await (await fetch(`${hub.url}/plans/123`)).text()).toContain('EWTO Hub');
    expect((await fetch(`${hub.url}/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${hub.url}/assets/missing.js`)).status).toBe(404);
    const api = await fetch(`${hub.url}/api/v1/nothing`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toBe('application/problem+json');
  });
});
