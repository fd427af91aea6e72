/**
 * Failed authentication is limited per client address and per credential (429 + Retry-After), and
 * a flood of anonymous failures makes one audit entry per source and window with a count (issue 8
 * item 5). Real servers on 127.0.0.1, so the client address is real.
 */
import { type RunningHub, startTestHub } from '@ewto/hub/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from './support/world.ts';

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

async function hub(overrides: Parameters<typeof startTestHub>[0]): Promise<RunningHub> {
  const h = await startTestHub(overrides);
  running.push(h);
  return h;
}

const exchange = (url: string, pat: string) =>
  fetch(`${url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: pat,
      subject_token_type: 'urn:ewto:params:oauth:token-type:personal-access-token',
    }),
  });

const authFailures = async (h: RunningHub) =>
  (await h.deps.audit.listEntries({ limit: 1000 })).items.filter((e) => e.entry.action === 'auth.failed');

describe('failed authentication per client address', () => {
  it('gets 429 with Retry-After after AUTH_FAILURES_PER_ADDRESS bad tokens at the token endpoint', async () => {
    const h = await hub({ authFailuresPerAddress: 20, authFailuresPerCredential: 5, authFailureWindow: 60 });
    const statuses: number[] = [];
    let last!: Response;
    for (let i = 0; i < 100; i++) {
      last = await exchange(h.url, `ewto_pat_bogus${i}`);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(400));
    expect(statuses.slice(20)).toEqual(Array(80).fill(429));
    expect(last.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retry = Number(last.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(((await last.json()) as { detail: string }).detail).toMatch(/try again in \d+ s/);
    // The same limit holds for bearer tokens on the API.
    const api = await fetch(`${h.url}/api/v1/me`, { headers: { authorization: 'Bearer nope' } });
    expect(api.status).toBe(429);
  }, 60_000);

  it('lets the address in again when the window ends', async () => {
    const h = await hub({ authFailuresPerAddress: 3, authFailuresPerCredential: 0, authFailureWindow: 1 });
    for (let i = 0; i < 3; i++) expect((await exchange(h.url, `ewto_pat_x${i}`)).status).toBe(400);
    expect((await exchange(h.url, 'ewto_pat_y')).status).toBe(429);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await exchange(h.url, 'ewto_pat_z')).status).toBe(400);
  }, 30_000);
});

describe('browser sign-in', () => {
  it('is limited like the token endpoint: a personal access token guessed at /api/v1/auth/session gets 429', async () => {
    const h = await hub({ authFailuresPerAddress: 0, authFailuresPerCredential: 5, authFailureWindow: 60 });
    const signIn = (body: unknown) =>
      fetch(`${h.url}/api/v1/auth/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await signIn({ token: 'ewto_pat_guess' })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const passkey = {
      response: {
        id: 'cred-x',
        rawId: 'cred-x',
        type: 'public-key',
        response: {
          clientDataJSON: Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: 'x' })).toString(
            'base64url',
          ),
        },
      },
    };
    const passkeyStatuses: number[] = [];
    for (let i = 0; i < 7; i++)
      passkeyStatuses.push(
        (
          await fetch(`${h.url}/api/v1/auth/passkeys/authentication`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(passkey),
          })
        ).status,
      );
    expect(passkeyStatuses.slice(5)).toEqual([429, 429]);
  }, 60_000);
});

describe('failed authentication per credential', () => {
  let w: World;
  afterEach(async () => {
    await w?.close();
  });

  it('refuses a credential after AUTH_FAILURES_PER_CREDENTIAL failures, while others still work', async () => {
    w = await createWorld({ authFailuresPerAddress: 0, authFailuresPerCredential: 5, authFailureWindow: 60 });
    const pat = w.pats['company-viewer']!;
    const revoked = `${pat.slice(0, -4)}AAAA`; // a well-formed token that is not valid
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await exchange(w.hub.url, revoked)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
    // Another credential from the same address is unaffected, and so is everyone who succeeds.
    for (let i = 0; i < 30; i++) expect((await exchange(w.hub.url, pat)).status).toBe(200);
    const bearer = `${w.tokens['company-viewer'].slice(0, -6)}AAAAAA`;
    for (let i = 0; i < 5; i++)
      expect(
        (await fetch(`${w.hub.url}/api/v1/me`, { headers: { authorization: `Bearer ${bearer}` } })).status,
      ).toBe(401);
    const sixth = await fetch(`${w.hub.url}/api/v1/me`, { headers: { authorization: `Bearer ${bearer}` } });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    const me = await fetch(`${w.hub.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${w.tokens['company-viewer']}` },
    });
    expect(me.status).toBe(200);
  }, 60_000);
});

describe('the audit log under a flood of bogus tokens', () => {
  it('gets one entry per source and window with a count, not one per failure', async () => {
    const h = await hub({ authFailuresPerAddress: 0, authFailuresPerCredential: 0, authFailureWindow: 60 });
    const before = (await authFailures(h)).length;
    for (let i = 0; i < 1000; i += 50)
      await Promise.all(
        Array.from({ length: 50 }, (_, k) =>
          fetch(`${h.url}/api/v1/me`, { headers: { authorization: `Bearer bogus-${i + k}` } }),
        ),
      );
    expect((await authFailures(h)).length - before).toBe(1);
    await h.deps.authFailures.close(); // what the hub does when the window ends or it stops
    const entries = (await authFailures(h)).slice(before);
    expect(entries).toHaveLength(2);
    expect(entries[0]!.entry.details).toMatchObject({ source: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const first = entries[0]!.entry.details as { source: string };
    expect(entries[1]!.entry.details).toMatchObject({ source: first.source, count: 999 });
    expect(JSON.stringify(entries)).not.toContain('127.0.0.1');
  }, 120_000);
});
