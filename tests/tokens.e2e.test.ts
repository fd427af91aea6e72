import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCaptured } from '@ewto/cli/testing';
import { startTestHub } from '@ewto/hub/testing';
import { createOrg, registerClientKey } from '@ewto/identity';
import { base64url, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAssertion, clientToken, createWorld, makeClientKey, type World } from './support/world.ts';

let w: World;
beforeAll(async () => {
  w = await createWorld();
}, 30_000);
afterAll(async () => {
  await w?.close();
});

const me = (token: string) =>
  fetch(`${w.hub.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
const now = () => Math.floor(Date.now() / 1000);

async function expect401(token: string) {
  const res = await me(token);
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as { status: number; requestId: string };
  expect(body.status).toBe(401);
  expect(body.requestId).toBeTruthy();
}

/** Signs claims with the hub's own active key, to vary one claim at a time. */
async function hubSigned(claims: Record<string, unknown>, typ = 'at+jwt') {
  const t = now();
  const base = {
    iss: w.hub.deps.config.hubUrl,
    aud: w.hub.deps.config.hubUrl,
    sub: w.userIds['company-admin'],
    sid: undefined,
    iat: t,
    nbf: t,
    exp: t + 600,
    jti: crypto.randomUUID(),
  };
  const good = JSON.parse(
    atob(w.tokens['company-admin'].split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')),
  );
  return w.hub.deps.keys.signJwt({ ...base, sid: good.sid, ...claims }, typ);
}

describe('access tokens', () => {
  it('accepts a valid token', async () => {
    const res = await me(w.tokens['company-admin']);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      kind: 'user',
      memberships: [{ orgSlug: 'alpha-market', role: 'admin' }],
    });
    expect(await hubSigned({})).toBeTruthy();
    expect((await me(await hubSigned({}))).status).toBe(200);
  });

  it('rejects a token signed by another key under the hub kid (forged)', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const { kid } = decodeProtectedHeader(w.tokens['company-admin']);
    const payload = JSON.parse(
      atob(w.tokens['company-admin'].split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')),
    );
    await expect401(
      await new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid }).sign(privateKey),
    );
  });

  it('rejects expired, not-yet-valid and wrong-audience tokens', async () => {
    await expect401(await hubSigned({ iat: now() - 7200, nbf: now() - 7200, exp: now() - 3600 }));
    await expect401(await hubSigned({ nbf: now() + 3600 }));
    await expect401(await hubSigned({ aud: 'https://some-other-service.example' }));
    await expect401(await hubSigned({ iss: 'https://evil.example' }));
  });

  it('rejects an explicit typ other than at+jwt', async () => {
    await expect401(await hubSigned({}, 'JWT'));
    await expect401(await hubSigned({}, 'ewto-intel+jwt'));
  });

  it('rejects alg none', async () => {
    const [, payload] = w.tokens['company-admin'].split('.');
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt' }));
    await expect401(`${header}.${payload}.`);
  });

  it('rejects HS256 signed with the public key as the secret', async () => {
    const { kid } = decodeProtectedHeader(w.tokens['company-admin']);
    const jwk = w.hub.deps.keys.jwks().keys.find((k) => k.kid === kid)!;
    const payload = JSON.parse(
      atob(w.tokens['company-admin'].split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')),
    );
    for (const secret of [base64url.decode(jwk.x!), new TextEncoder().encode(JSON.stringify(jwk))])
      await expect401(
        await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid }).sign(secret),
      );
  });

  it('rejects an unknown kid', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const payload = JSON.parse(
      atob(w.tokens['company-admin'].split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')),
    );
    await expect401(
      await new SignJWT(payload)
        .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'no-such-kid' })
        .sign(privateKey),
    );
  });

  it('rejects a token with one byte changed, wherever it is', async () => {
    const t = w.tokens['company-admin'];
    const dots = [t.indexOf('.'), t.lastIndexOf('.')];
    for (const i of [5, dots[0]! + 10, dots[1]! + 5, t.length - 2]) {
      const c = t[i] === 'A' ? 'B' : 'A';
      await expect401(t.slice(0, i) + c + t.slice(i + 1));
    }
  });

  it('stops working when the personal access token behind it is revoked', async () => {
    const created = await fetch(`${w.hub.url}/api/v1/me/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens['company-viewer']}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'short-lived' }),
    });
    expect(created.status).toBe(201);
    const { token, info } = (await created.json()) as { token: string; info: { id: string } };
    const res = await fetch(`${w.hub.url}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: token,
        subject_token_type: 'urn:ewto:params:oauth:token-type:personal-access-token',
      }),
    });
    const access = ((await res.json()) as { access_token: string }).access_token;
    expect((await me(access)).status).toBe(200);
    const del = await fetch(`${w.hub.url}/api/v1/me/tokens/${info.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${access}` },
    });
    expect(del.status).toBe(200);
    await expect401(access);
  });
});

describe('machine clients (private_key_jwt)', () => {
  it('issues a token for a fresh assertion and rejects its replay', async () => {
    const assertion = await clientAssertion(w.hub.url, w.client);
    expect((await clientToken(w.hub.url, assertion)).status).toBe(200);
    const replay = await clientToken(w.hub.url, assertion);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('gets a token with `ewto auth client-token` and the key file from `ewto keys generate`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ewto-client-'));
    expect((await runCaptured(['keys', 'generate', '--out', 'k'], { cwd: dir })).code).toBe(0);
    const pub = JSON.parse(readFileSync(join(dir, 'k', 'signing.public.jwk.json'), 'utf8'));
    const reg = await fetch(`${w.hub.url}/api/v1/orgs/${w.orgs.agency.id}/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens['agency-admin']}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cli', publicJwk: { kty: pub.kty, crv: pub.crv, x: pub.x } }),
    });
    expect(reg.status).toBe(201);
    const r = await runCaptured(
      ['auth', 'client-token', '--hub', w.hub.url, '--key', 'k/signing.private.jwk.json'],
      { cwd: dir },
    );
    expect(r.stderr).toBe('');
    const token = r.stdout.trim();
    expect(await (await me(token)).json()).toMatchObject({ kind: 'client', clientId: pub.kid });
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses malformed, small-order and hub keys at registration with a 422 problem', async () => {
    const register = (publicJwk: Record<string, string>) =>
      fetch(`${w.hub.url}/api/v1/orgs/${w.orgs.agency.id}/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${w.tokens['agency-admin']}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bad', publicJwk }),
      });
    const zeros = base64url.encode(new Uint8Array(32));
    const hubKey = w.hub.deps.keys.jwks().keys[0]!;
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }, /x must be 32 bytes for Ed25519, got 3/],
      [
        { kty: 'OKP', crv: 'Ed25519', x: base64url.encode(Uint8Array.of(1, ...new Uint8Array(31))) },
        /small order/,
      ],
      [{ kty: 'OKP', crv: 'X25519', x: zeros }, /X25519 value of small order/],
      [{ kty: hubKey.kty!, crv: hubKey.crv!, x: hubKey.x! }, /a key of the hub itself/],
    ];
    for (const [jwk, message] of cases) {
      const res = await register(jwk);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(((await res.json()) as { detail: string }).detail).toMatch(message);
    }
  });

  it('rejects long-lived, wrong-audience and unknown-client assertions', async () => {
    expect(
      (await clientToken(w.hub.url, await clientAssertion(w.hub.url, w.client, { exp: '1h' }))).status,
    ).toBe(401);
    expect(
      (
        await clientToken(
          w.hub.url,
          await clientAssertion(w.hub.url, w.client, { aud: 'https://x.example/token' }),
        )
      ).status,
    ).toBe(401);
    const stranger = await makeClientKey();
    expect(
      (
        await clientToken(
          w.hub.url,
          await clientAssertion(w.hub.url, { kid: stranger.kid, privateJwk: stranger.privateJwk }),
        )
      ).status,
    ).toBe(401);
  });

  it('rejects a replayed assertion after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ewto-replay-'));
    const databaseUrl = `file:${join(dir, 'hub.db')}`;
    let hub = await startTestHub({ databaseUrl });
    const agency = await createOrg(hub.deps.db, { slug: 'unit-r', name: 'Unit R', kind: 'agency' });
    const key = await makeClientKey();
    await registerClientKey(hub.deps.db, {
      orgId: agency.id,
      name: 'm',
      publicJwk: key.publicJwk,
      createdBy: 't',
    });
    const client = { kid: key.kid, privateJwk: key.privateJwk };
    const assertion = await clientAssertion(hub.url, client, { exp: '120s' });
    expect((await clientToken(hub.url, assertion)).status).toBe(200);
    const url = hub.url;
    await hub.close();
    // Restarted with the same public URL (iss/aud), so only the jti store can tell it is a replay.
    hub = await startTestHub({ databaseUrl, hubUrl: url });
    const replay = await clientToken(hub.url, assertion);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { detail: string }).detail).toContain('already used');
    expect((await clientToken(hub.url, await clientAssertion(url, client))).status).toBe(200);
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);
});

describe('hub signing keys', () => {
  it('publishes kids that are RFC 7638 thumbprints, as computed by python3-jwcrypto', async () => {
    const jwks = await (await fetch(`${w.hub.url}/.well-known/jwks.json`)).json();
    const script = [
      'import json, sys',
      'from jwcrypto import jwk',
      'for k in json.load(sys.stdin)["keys"]:',
      '    pub = {n: k[n] for n in ("kty", "crv", "x")}',
      '    print(k["kid"], jwk.JWK(**pub).thumbprint())',
    ].join('\n');
    // Debian's interpreter, where python3-jwcrypto lives; fails loudly when it is missing.
    const out = execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(jwks) }).toString();
    const lines = out.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const [kid, thumb] = line.split(' ');
      expect(kid).toBe(thumb);
    }
  }, 30_000);

  it('keeps tokens signed before a rotation valid, and publishes the retired key', async () => {
    const before = w.tokens['convener-viewer'];
    const oldKid = decodeProtectedHeader(before).kid;
    const { newKid } = await w.hub.deps.keys.rotate();
    expect((await me(before)).status).toBe(200);
    const jwks = (await (await fetch(`${w.hub.url}/.well-known/jwks.json`)).json()) as {
      keys: Array<{ kid: string; status: string }>;
    };
    expect(jwks.keys).toContainEqual(expect.objectContaining({ kid: oldKid, status: 'retired' }));
    expect(jwks.keys).toContainEqual(expect.objectContaining({ kid: newKid, status: 'active' }));
    const fresh = (await (
      await fetch(`${w.hub.url}/api/v1/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
          subject_token: w.pats['convener-viewer']!,
          subject_token_type: 'urn:ewto:params:oauth:token-type:personal-access-token',
        }),
      })
    ).json()) as { access_token: string };
    expect(decodeProtectedHeader(fresh.access_token).kid).toBe(newKid);
  });

  it('rejects tokens of a compromised key and names it in the signed key-status list', async () => {
    const token = await hubSigned({});
    const kid = decodeProtectedHeader(token).kid!;
    await w.hub.deps.keys.markCompromised(kid);
    await expect401(token);
    const jwks = (await (await fetch(`${w.hub.url}/.well-known/jwks.json`)).json()) as {
      keys: Array<{ kid: string }>;
    };
    expect(jwks.keys.map((k) => k.kid)).not.toContain(kid);
    const status = await (await fetch(`${w.hub.url}/api/v1/keys/status`)).text();
    const claims = JSON.parse(atob(status.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
    expect(claims.keys).toContainEqual(expect.objectContaining({ kid, status: 'compromised' }));
    expect(decodeProtectedHeader(status).typ).toBe('ewto-key-status+jwt');
  });
});
