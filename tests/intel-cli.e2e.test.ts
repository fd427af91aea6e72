/**
 * Offline verification as an agency does it: `ewto keys generate --org`, registered keys, packages
 * fetched with `ewto intel fetch`, checked by `ewto intel verify` — and by an independent JOSE
 * implementation (Debian's python3-jwcrypto) using only the published JWKS and the agency's private
 * key. Every RFC 8725 pitfall fails with exit 1 and its reason; usage errors exit 2.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCaptured } from '@ewto/cli/testing';
import { encryptJws, importDecryptKey, importEncryptKey, preparePublication } from '@ewto/intel';
import { b64, flipPart } from '@ewto/intel/testing';
import { CompactEncrypt, CompactSign, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alert, call, network } from './support/intel.ts';
import { stixValidator } from './support/stix.ts';
import { createWorld, type World } from './support/world.ts';

let w: World;
const dir = mkdtempSync(join(tmpdir(), 'ewto-intel-cli-'));
const ids: Record<string, string> = {};
const f = (name: string) => join(dir, name);
const ewto = (args: string[], env: Record<string, string> = {}) => runCaptured(args, { cwd: dir, env });
const agencyEnv = () => ({ EWTO_TOKEN: w.tokens['agency-client'] });
const trustArgs = () => [
  '--jwks',
  'jwks.json',
  '--key-status',
  'status.jwt',
  '--revocations',
  'revocations.jwt',
];

async function publish(path: string, body: unknown): Promise<string> {
  const res = await call(w, 'convener-editor', 'POST', path, body);
  expect(res.status).toBe(201);
  return ((await res.json()) as { packages: Array<{ packageId: string }> }).packages[0]!.packageId;
}

async function saveTrust() {
  writeFileSync(f('jwks.json'), await (await fetch(`${w.hub.url}/.well-known/jwks.json`)).text());
  writeFileSync(f('status.jwt'), await (await fetch(`${w.hub.url}/api/v1/keys/status`)).text());
  writeFileSync(
    f('revocations.jwt'),
    await (await call(w, 'agency-client', 'GET', '/api/v1/intel/revocations')).text(),
  );
}

beforeAll(async () => {
  w = await createWorld();
  const agency = w.orgs.agency.id;
  for (const [out, org] of [
    ['a', agency],
    ['b', w.orgs.otherAgency.id],
  ])
    expect((await ewto(['keys', 'generate', '--out', out!, '--org', org!])).code).toBe(0);
  for (const [org, sub] of [
    [agency, 'a'],
    [w.orgs.otherAgency.id, 'b'],
  ] as const) {
    const publicJwk = JSON.parse(readFileSync(f(`${sub}/encryption.public.jwk.json`), 'utf8'));
    const { registerClientKey } = await import('@ewto/identity');
    await registerClientKey(w.hub.deps.db, { orgId: org, name: 'enc', publicJwk, createdBy: 'test' });
  }
  ids.green = await publish('/api/v1/intel/alerts', alert({ recipients: ['unit-a'] }));
  ids.amber = await publish('/api/v1/intel/alerts', alert({ tlp: 'AMBER', recipients: ['unit-a'] }));
  ids.network = await publish('/api/v1/intel/networks', network({ recipients: ['unit-a'], tlp: 'RED' }));
  for (const [name, id] of Object.entries(ids))
    expect(
      (await ewto(['intel', 'fetch', id, '--hub', w.hub.url, '--out', `${name}.jose`], agencyEnv())).code,
    ).toBe(0);
  await saveTrust();
}, 120_000);
afterAll(async () => {
  await w?.close();
  rmSync(dir, { recursive: true, force: true });
});

const verify = (file: string, extra: string[] = []) =>
  ewto([
    'intel',
    'verify',
    file,
    ...trustArgs(),
    '--key',
    'a/encryption.private.jwk.json',
    '--format',
    'json',
    ...extra,
  ]);

describe('ewto intel verify', () => {
  it('verifies a signed alert, and decrypts and verifies encrypted packages, with the key file alone', async () => {
    for (const name of ['green', 'amber', 'network']) {
      const r = await verify(`${name}.jose`);
      expect([r.code, r.stderr]).toEqual([0, '']);
      const out = JSON.parse(r.stdout) as { encrypted: boolean; claims: { aud: string; jti: string } };
      expect(out.claims).toMatchObject({ aud: w.orgs.agency.id, jti: ids[name] });
      expect(out.encrypted).toBe(name !== 'green');
    }
    const text = await ewto([
      'intel',
      'verify',
      'green.jose',
      '--jwks',
      'jwks.json',
      '--issuer',
      w.hub.url,
      '--audience',
      w.orgs.agency.id,
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/✓ package .* verified/);
  });

  it('an independent implementation (python3-jwcrypto) decrypts and verifies with the JWKS and the private key', () => {
    const script = [
      'import json, sys',
      'from jwcrypto import jwk, jwe, jws',
      'jwks = jwk.JWKSet.from_json(open(sys.argv[1]).read())',
      'priv = jwk.JWK.from_json(open(sys.argv[2]).read())',
      'out = {}',
      'for name in sys.argv[3:]:',
      '    token = open(name).read().strip()',
      '    encrypted = token.count(".") == 4',
      '    if encrypted:',
      '        e = jwe.JWE(algs=["ECDH-ES+A256KW", "A256GCM"])',
      '        e.deserialize(token, key=priv)',
      '        assert e.jose_header["cty"] == "JWT"',
      '        token = e.payload.decode()',
      '    s = jws.JWS()',
      '    s.allowed_algs = ["EdDSA"]',
      '    s.deserialize(token)',
      '    header = s.jose_header',
      '    assert header["typ"] == "ewto-intel+jwt", header',
      '    s.verify(jwks.get_key(header["kid"]), alg="EdDSA")',
      '    out[name] = {"encrypted": encrypted, "claims": json.loads(s.payload)}',
      'print(json.dumps(out))',
    ].join('\n');
    // Debian's interpreter, where python3-jwcrypto lives; fails loudly when it is missing.
    const stdout = execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        script,
        f('jwks.json'),
        f('a/encryption.private.jwk.json'),
        ...['green', 'amber', 'network'].map((n) => f(`${n}.jose`)),
      ],
      { encoding: 'utf8' },
    );
    const out = JSON.parse(stdout) as Record<
      string,
      { encrypted: boolean; claims: { aud: string; jti: string; body: unknown } }
    >;
    expect(out[f('green.jose')]).toMatchObject({
      encrypted: false,
      claims: { aud: w.orgs.agency.id, jti: ids.green },
    });
    expect(out[f('amber.jose')]).toMatchObject({ encrypted: true, claims: { jti: ids.amber } });
    expect(out[f('network.jose')]!.claims.body).toEqual(network().report);
  }, 30_000);

  describe('rejects every RFC 8725 pitfall with exit 1 and the reason', () => {
    const cases: Array<[string, () => Promise<string>, RegExp, string[]?]> = [
      [
        'alg none',
        async () => {
          const payload = readFileSync(f('green.jose'), 'utf8').trim().split('.')[1];
          return `${b64(JSON.stringify({ alg: 'none', typ: 'ewto-intel+jwt' }))}.${payload}.`;
        },
        /alg "none"/,
      ],
      [
        'algorithm substitution (HS256 keyed with the hub public key)',
        async () => {
          const [h, payload] = readFileSync(f('green.jose'), 'utf8').trim().split('.');
          const kid = JSON.parse(atob(h!.replaceAll('-', '+').replaceAll('_', '/'))).kid;
          const pub = (
            JSON.parse(readFileSync(f('jwks.json'), 'utf8')) as { keys: Array<{ kid: string; x: string }> }
          ).keys.find((k) => k.kid === kid)!;
          const secret = await importJWK({ kty: 'oct', k: pub.x }, 'HS256');
          const bytes = Uint8Array.from(atob(payload!.replaceAll('-', '+').replaceAll('_', '/')), (c) =>
            c.charCodeAt(0),
          );
          return new CompactSign(bytes)
            .setProtectedHeader({ alg: 'HS256', typ: 'ewto-intel+jwt', kid })
            .sign(secret);
        },
        /alg "HS256"/,
      ],
      [
        'unknown kid',
        async () => {
          const { hubKey } = await import('@ewto/intel/testing');
          const pkg = await preparePublication(publicationFor(w)).build(
            { agencyId: w.orgs.agency.id, packageId: '019a0000-0000-7000-8000-000000000099' },
            await hubKey(),
          );
          return pkg.token;
        },
        /unknown kid/,
      ],
      [
        'wrong aud',
        async () => readFileSync(f('green.jose'), 'utf8'),
        /wrong aud/,
        ['--audience', '019a0000-0000-7000-8000-00000000beef'],
      ],
      [
        'expired',
        async () => {
          const past = Math.floor(Date.now() / 1000) - 7200;
          const pkg = await preparePublication({
            ...publicationFor(w),
            issuedAt: past,
            expiresAt: past + 60,
          }).build(
            { agencyId: w.orgs.agency.id, packageId: '019a0000-0000-7000-8000-000000000098' },
            await w.hub.deps.keys.activeSigner(),
          );
          return pkg.token;
        },
        /expired/,
      ],
      [
        'encrypted but unsigned',
        async () => {
          const enc = JSON.parse(readFileSync(f('a/encryption.public.jwk.json'), 'utf8'));
          const claims = { ...publicationFor(w), aud: w.orgs.agency.id };
          return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(claims)))
            .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', cty: 'JWT' })
            .encrypt(await importEncryptKey(enc));
        },
        /unsigned/,
      ],
      [
        'an AMBER package stripped of its encryption',
        async () => innerJws(readFileSync(f('amber.jose'), 'utf8')),
        /must be encrypted/,
      ],
    ];
    for (const [name, make, reason, extra] of cases)
      it(name, async () => {
        writeFileSync(f('bad.jose'), await make());
        const r = await verify('bad.jose', extra ?? []);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(reason);
        expect(r.stdout).toBe('');
      });

    it('a flipped byte in any part of a JWS and of a JWE', async () => {
      for (const name of ['green', 'amber']) {
        const token = readFileSync(f(`${name}.jose`), 'utf8').trim();
        for (let part = 0; part < token.split('.').length; part++) {
          writeFileSync(f('bad.jose'), flipPart(token, part));
          const r = await verify('bad.jose');
          expect([name, part, r.code]).toEqual([name, part, 1]);
        }
      }
    });

    it('a signed package re-encrypted to another agency', async () => {
      const jws = await innerJws(readFileSync(f('amber.jose'), 'utf8'));
      const b = JSON.parse(readFileSync(f('b/encryption.public.jwk.json'), 'utf8'));
      writeFileSync(f('bad.jose'), await encryptJws(jws, { kid: b.kid, key: await importEncryptKey(b) }));
      const r = await ewto([
        'intel',
        'verify',
        'bad.jose',
        ...trustArgs(),
        '--key',
        'b/encryption.private.jwk.json',
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/wrong aud/);
      // And to the right agency's key, nobody else's private key opens it.
      const wrongKey = await ewto([
        'intel',
        'verify',
        'amber.jose',
        ...trustArgs(),
        '--key',
        'b/encryption.private.jwk.json',
        '--audience',
        w.orgs.agency.id,
      ]);
      expect(wrongKey.code).toBe(1);
      expect(wrongKey.stderr).toMatch(/cannot be decrypted/);
    });
  });

  it('usage errors and unreadable files exit 2', async () => {
    expect((await ewto(['intel', 'verify', 'green.jose'])).code).toBe(2);
    expect((await ewto(['intel', 'verify', 'missing.jose', ...trustArgs(), '--audience', 'x'])).code).toBe(2);
    expect(
      (
        await ewto([
          'intel',
          'verify',
          'green.jose',
          '--jwks',
          'nothing.json',
          '--audience',
          'x',
          '--issuer',
          w.hub.url,
        ])
      ).code,
    ).toBe(2);
    const noAudience = await ewto(['intel', 'verify', 'green.jose', ...trustArgs()]);
    expect([noAudience.code, noAudience.stderr]).toEqual([2, expect.stringMatching(/--audience/)]);
    expect((await ewto(['intel', 'verify', '--help'])).code).toBe(0);
  });

  it('ewto intel stix prints a bundle with the TLP marking', async () => {
    const r = await ewto([
      'intel',
      'stix',
      'network.jose',
      ...trustArgs(),
      '--key',
      'a/encryption.private.jwk.json',
    ]);
    expect(r.code).toBe(0);
    const bundle = JSON.parse(r.stdout) as { type: string; objects: Array<{ type: string; id: string }> };
    expect(bundle.type).toBe('bundle');
    expect(stixValidator()(bundle)).toEqual([]);
    expect(bundle.objects.find((o) => o.type === 'marking-definition')?.id).toBe(
      'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
    );
    expect(
      JSON.parse(
        (
          await ewto([
            'intel',
            'stix',
            'network.jose',
            ...trustArgs(),
            '--key',
            'a/encryption.private.jwk.json',
          ])
        ).stdout,
      ),
    ).toEqual(bundle);
  });

  it('ewto intel inbox and receipt: an agency scripts its intake', async () => {
    const list = await ewto(['intel', 'inbox', '--hub', w.hub.url, '--format', 'jsonl'], agencyEnv());
    expect(list.code).toBe(0);
    const lines = list.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id?: string; nextCursor?: string });
    expect(lines.slice(0, -1).map((l) => l.id)).toEqual([ids.green, ids.amber, ids.network]);
    const cursor = lines.at(-1)!.nextCursor!;
    const again = await ewto(['intel', 'inbox', '--hub', w.hub.url, '--cursor', cursor], agencyEnv());
    expect(again.stdout).toBe(`next cursor: ${cursor}\n`);
    // The world's machine client signs the receipt (its key is registered for the agency).
    writeFileSync(f('client.jwk.json'), JSON.stringify(w.client.privateJwk));
    const r = await ewto(
      [
        'intel',
        'receipt',
        ids.amber!,
        '--key',
        'client.jwk.json',
        '--org',
        w.orgs.agency.id,
        '--hub',
        w.hub.url,
      ],
      agencyEnv(),
    );
    expect([r.code, r.stderr]).toEqual([0, '']);
    // A key the agency never registered is refused by the hub.
    const stranger = await ewto(
      ['intel', 'receipt', ids.green!, '--key', 'a/signing.private.jwk.json', '--hub', w.hub.url],
      agencyEnv(),
    );
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toMatch(/unknown kid/);
  });

  it('a retracted publication and a compromised hub key fail verification', async () => {
    const pub = (await (await call(w, 'convener-editor', 'GET', '/api/v1/intel/publications')).json()) as {
      items: Array<{ id: string; deliveries: Array<{ packageId: string }> }>;
    };
    const green = pub.items.find((p) => p.deliveries[0]?.packageId === ids.green)!;
    expect(
      (
        await call(w, 'convener-editor', 'POST', `/api/v1/intel/publications/${green.id}/retract`, {
          reason: 'test',
        })
      ).status,
    ).toBe(200);
    await saveTrust();
    const retracted = await verify('green.jose');
    expect([retracted.code, retracted.stderr]).toEqual([1, expect.stringMatching(/retracted/)]);
    const kid = JSON.parse(readFileSync(f('jwks.json'), 'utf8')).keys.find(
      (k: { status: string }) => k.status === 'active',
    ).kid;
    await w.hub.deps.keys.markCompromised(kid);
    await w.hub.deps.keys.reload();
    writeFileSync(f('status.jwt'), await (await fetch(`${w.hub.url}/api/v1/keys/status`)).text());
    // A verifier that keeps the keys it saw (old JWKS + the new one): the key-status list names the key.
    const cached = JSON.parse(readFileSync(f('jwks.json'), 'utf8')) as { keys: Array<{ kid: string }> };
    const fresh = (await (await fetch(`${w.hub.url}/.well-known/jwks.json`)).json()) as typeof cached;
    expect(fresh.keys.map((k) => k.kid)).not.toContain(kid);
    writeFileSync(
      f('jwks.json'),
      JSON.stringify({ keys: [...cached.keys, ...fresh.keys.filter((k) => k.kid !== kid)] }),
    );
    const compromised = await verify('amber.jose');
    expect([compromised.code, compromised.stderr]).toEqual([1, expect.stringMatching(/names compromised/)]);
    // A verifier with only the current JWKS (the key is gone from it): the key-status list still names it.
    writeFileSync(f('jwks.json'), JSON.stringify(fresh));
    const gone = await ewto([
      'intel',
      'verify',
      'amber.jose',
      '--jwks',
      'jwks.json',
      '--key-status',
      'status.jwt',
      '--key',
      'a/encryption.private.jwk.json',
    ]);
    expect([gone.code, gone.stderr]).toEqual([1, expect.stringMatching(/names compromised/)]);
  });
});

function publicationFor(world: World) {
  const now = Math.floor(Date.now() / 1000);
  return {
    issuer: world.hub.url,
    publication: '019a0000-0000-7000-8000-000000000097',
    author: world.orgs.convener.id,
    kind: 'trend-alert' as const,
    tlp: 'GREEN' as const,
    handling: 'H1' as const,
    grades: { source: 'B' as const, information: 2 as const },
    body: alert().alert,
    issuedAt: now,
    expiresAt: now + 3600,
  };
}

/** The signed JWS inside an encrypted package (what the agency holds after decrypting it). */
async function innerJws(token: string): Promise<string> {
  const { compactDecrypt } = await import('jose');
  const key = await importDecryptKey(JSON.parse(readFileSync(f('a/encryption.private.jwk.json'), 'utf8')));
  return new TextDecoder().decode((await compactDecrypt(token.trim(), key)).plaintext);
}
