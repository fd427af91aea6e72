/**
 * `pnpm start` serves on http://127.0.0.1:PORT with HUB_URL=http://localhost:PORT (passkeys refuse
 * IPs), and the README's examples say `--hub http://127.0.0.1:8787`. An agency following them must
 * get its client token and send its receipts at either loopback name of the same hub; an address that
 * is not this hub's stays refused.
 */
import { runCaptured } from '@ewto/cli/testing';
import { signReceipt } from '@ewto/intel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alert, call, clientSigningKey } from './support/intel.ts';
import { clientAssertion, clientToken, createWorld, type World } from './support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld({ hubUrl: 'http://localhost:0' });
}, 60_000);
afterAll(async () => {
  await w?.close();
});

describe('a hub whose HUB_URL is http://localhost:PORT, called at http://127.0.0.1:PORT', () => {
  it('is the setup under test', () => {
    expect(w.hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(w.hub.deps.config.hubUrl).toBe(w.hub.url.replace('127.0.0.1', 'localhost'));
  });

  it('gives an agency client a token for an assertion addressed to either loopback name', async () => {
    const loopback = [
      w.hub.url,
      w.hub.url.replace('127.0.0.1', 'localhost'),
      w.hub.url.replace('127.0.0.1', '[::1]'),
    ];
    for (const url of loopback) {
      const res = await clientToken(w.hub.url, await clientAssertion(url, w.client));
      expect([url, res.status]).toEqual([url, 200]);
    }
    const elsewhere = await clientToken(
      w.hub.url,
      await clientAssertion(w.hub.url, w.client, { aud: 'http://hub.example.org/api/v1/auth/token' }),
    );
    expect(elsewhere.status).toBe(401);
    const otherPort = await clientToken(
      w.hub.url,
      await clientAssertion(w.hub.url.replace(/:\d+$/, ':1'), w.client),
    );
    expect(otherPort.status).toBe(401);
  }, 30_000);

  it('`ewto auth client-token --hub http://127.0.0.1:PORT` works', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ewto-loopback-'));
    writeFileSync(join(dir, 'client.jwk.json'), JSON.stringify(w.client.privateJwk));
    const r = await runCaptured(['auth', 'client-token', '--hub', w.hub.url, '--key', 'client.jwk.json'], {
      cwd: dir,
    });
    expect([r.code, r.stderr]).toEqual([0, '']);
  }, 30_000);

  it('accepts a receipt addressed to http://127.0.0.1:PORT, refuses one addressed elsewhere', async () => {
    const pub = await call(
      w,
      'convener-editor',
      'POST',
      '/api/v1/intel/alerts',
      alert({ recipients: ['unit-a'] }),
    );
    expect(pub.status).toBe(201);
    const packageId = ((await pub.json()) as { packages: Array<{ packageId: string }> }).packages[0]!
      .packageId;
    const token = await (await call(w, 'agency-client', 'GET', `/api/v1/intel/packages/${packageId}`)).text();
    const key = await clientSigningKey(w);
    const send = async (hubUrl: string) =>
      call(w, 'agency-client', 'POST', `/api/v1/intel/packages/${packageId}/receipt`, {
        receipt: await signReceipt({ token, subject: packageId, agencyId: w.orgs.agency.id, hubUrl, key }),
      });
    expect((await send('http://hub.example.org')).status).toBe(422);
    const ok = await send(w.hub.url);
    expect(ok.status).toBe(200);
  }, 30_000);
});
