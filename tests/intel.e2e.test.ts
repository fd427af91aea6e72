/**
 * The intelligence exchange against a real hub: publishing to agencies and taskforces, what is
 * refused before anything is sent, inboxes, packages a recipient verifies and decrypts with only
 * the published JWKS and its own key, receipts, retractions and the revocation list, STIX, audit.
 */

import { registerClientKey } from '@ewto/identity';
import {
  importSignKey,
  signReceipt,
  tokenDigest,
  verifyPackage,
  verifyRetraction,
  verifyRevocationList,
} from '@ewto/intel';
import { flipPart } from '@ewto/intel/testing';
import { CompactEncrypt, CompactSign, decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alert, call, clientSigningKey, network, registerEncryptionKey } from './support/intel.ts';
import { stixValidator } from './support/stix.ts';
import { createWorld, makeClientKey, type World } from './support/world.ts';

const b64url = (s: string) => btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

let w: World;
let enc: Awaited<ReturnType<typeof registerEncryptionKey>>;
const trust = () => ({ jwks: w.hub.deps.keys.jwks(), issuer: w.hub.url });

beforeAll(async () => {
  w = await createWorld();
}, 60_000);
afterAll(async () => {
  await w?.close();
});

async function inbox(persona: 'agency-client' | 'agency-admin' | 'agency-viewer', cursor?: string) {
  const res = await call(
    w,
    persona,
    'GET',
    `/api/v1/intel/inbox?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
  );
  expect(res.status).toBe(200);
  return (await res.json()) as {
    items: Array<{
      id: string;
      kind: string;
      packageId: string;
      publication: string;
      encrypted: boolean;
      url: string;
    }>;
    nextCursor: string;
  };
}

async function auditActions(): Promise<
  Array<{ action: string; outcome: string; resource?: { id: string } }>
> {
  const res = await call(w, 'convener-admin', 'GET', '/api/v1/audit/entries?limit=200');
  const out: Array<{ action: string; outcome: string; resource?: { id: string } }> = [];
  let page = (await res.json()) as { items: Array<{ entry: never }>; nextCursor: string | null };
  out.push(...page.items.map((i) => i.entry));
  while (page.nextCursor) {
    page = (await (
      await call(w, 'convener-admin', 'GET', `/api/v1/audit/entries?limit=200&cursor=${page.nextCursor}`)
    ).json()) as typeof page;
    out.push(...page.items.map((i) => i.entry));
  }
  return out;
}

describe('publishing', () => {
  it('sends one JWS per agency, expanding a taskforce and recording the expansion', async () => {
    const res = await call(
      w,
      'convener-editor',
      'POST',
      '/api/v1/intel/alerts',
      alert({ recipients: ['netshield', 'unit-b'] }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      id: string;
      packages: Array<{ packageId: string; recipient: string }>;
      expansions: unknown[];
    };
    expect(res.headers.get('location')).toBe(`${w.hub.url}/api/v1/intel/publications/${body.id}`);
    expect(body.packages.map((p) => p.recipient).sort()).toEqual(
      [w.orgs.agency.id, w.orgs.otherAgency.id].sort(),
    );
    expect(body.expansions).toEqual([{ taskforce: w.orgs.taskforce.id, agencies: [w.orgs.agency.id] }]);
    const mine = body.packages.find((p) => p.recipient === w.orgs.agency.id)!;
    const token = await (
      await call(w, 'agency-client', 'GET', `/api/v1/intel/packages/${mine.packageId}`)
    ).text();
    expect(token.split('.')).toHaveLength(3);
    const v = await verifyPackage(token, { ...trust(), audience: w.orgs.agency.id });
    expect(v.claims.aud).toBe(w.orgs.agency.id);
    // At rest, the publication and the signed package are sealed under the hub's key-encryption key.
    const { getPublication, getDelivery } = await import('@ewto/hub/services/intel/store');
    const row = (await getPublication(w.hub.deps.db, body.id))!;
    expect(row.content).toMatch(/^ewto-kek1\./);
    expect(row.content).not.toContain('ivory');
    const stored = (await getDelivery(w.hub.deps.db, mine.packageId))!;
    expect(stored.token).toMatch(/^ewto-kek1\./);
    expect(stored.token).not.toContain(token.split('.')[1]!.slice(0, 20));
    expect(JSON.stringify(v.claims)).not.toContain(w.orgs.otherAgency.id);
  });

  it('refuses, sending nothing, an empty recipient set, TLP:RED to a taskforce, a company, a missing encryption key', async () => {
    const before = (await inbox('agency-client')).items.length;
    for (const [body, detail] of [
      [alert({ recipients: [] }), /recipients is empty/],
      [alert({ tlp: 'RED', recipients: ['netshield'] }), /TLP:RED goes only to agencies/],
      [alert({ recipients: ['alpha-market'] }), /not an agency or taskforce/],
      [alert({ tlp: 'AMBER', recipients: ['unit-a', 'unit-b'] }), /unit-a, unit-b registered no X25519/],
      [network({ recipients: ['unit-a'] }), /unit-a registered no X25519/],
    ] as const) {
      const res = await call(
        w,
        'convener-editor',
        'POST',
        'report' in body ? '/api/v1/intel/networks' : '/api/v1/intel/alerts',
        body,
      );
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(((await res.json()) as { detail: string }).detail).toMatch(detail);
    }
    expect((await inbox('agency-client')).items.length).toBe(before);
  });

  it('Idempotency-Key: a retry returns the first result; another body with the key gets 409', async () => {
    const key = { 'idempotency-key': `k-${Date.now()}` };
    const first = await call(w, 'convener-editor', 'POST', '/api/v1/intel/alerts', alert(), key);
    const again = await call(w, 'convener-editor', 'POST', '/api/v1/intel/alerts', alert(), key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    const other = await call(
      w,
      'convener-editor',
      'POST',
      '/api/v1/intel/alerts',
      alert({ handling: 'H2' }),
      key,
    );
    expect(other.status).toBe(409);
  });

  it('Idempotency-Key: concurrent retries publish once', async () => {
    const key = { 'idempotency-key': `race-${Date.now()}` };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(w, 'convener-editor', 'POST', '/api/v1/intel/alerts', alert(), key),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const ids = new Set(await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    const list = (await (
      await call(w, 'convener-editor', 'GET', '/api/v1/intel/publications?limit=200')
    ).json()) as {
      items: Array<{ id: string }>;
    };
    expect(list.items.filter((p) => ids.has(p.id))).toHaveLength(1);
  });
});

describe('encrypted packages, receipts, retractions', () => {
  let pubId: string;
  let packageId: string;

  it('a network report is a JWE to the agency key; the recipient decrypts and verifies it', async () => {
    enc = await registerEncryptionKey(w, w.orgs.agency.id);
    const res = await call(w, 'convener-editor', 'POST', '/api/v1/intel/networks', network());
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; packages: Array<{ packageId: string }> };
    pubId = body.id;
    packageId = body.packages[0]!.packageId;
    const page = await inbox('agency-client');
    const it = page.items.find((i) => i.packageId === packageId)!;
    expect(it).toMatchObject({ kind: 'package', encrypted: true, publication: pubId });
    const res2 = await call(w, 'agency-client', 'GET', it.url);
    expect(res2.headers.get('content-type')).toBe('application/jose');
    const token = await res2.text();
    expect(decodeProtectedHeader(token)).toMatchObject({
      alg: 'ECDH-ES+A256KW',
      enc: 'A256GCM',
      cty: 'JWT',
      kid: enc.kid,
    });
    const v = await verifyPackage(token, { ...trust(), audience: w.orgs.agency.id, decryptionKey: enc.key });
    expect(v.claims.body).toEqual(network().report);
  });

  it('a non-recipient gets 404 for the package, and the denied fetch is audited', async () => {
    const res = await call(
      w,
      'convener-editor',
      'POST',
      '/api/v1/intel/alerts',
      alert({ recipients: ['unit-b'] }),
    );
    const { packages } = (await res.json()) as { packages: Array<{ packageId: string }> };
    const id = packages[0]!.packageId;
    for (const persona of ['agency-client', 'agency-admin', 'company-admin', 'convener-admin'] as const)
      expect((await call(w, persona, 'GET', `/api/v1/intel/packages/${id}`)).status).toBe(404);
    expect((await inbox('agency-client')).items.some((i) => i.id === id)).toBe(false);
    const denied = (await auditActions()).filter((e) => e.action === 'access.denied');
    expect(denied.length).toBeGreaterThanOrEqual(4);
  });

  it('a receipt signed by the agency key is verified and stored; forged ones are refused', async () => {
    const token = await (await call(w, 'agency-client', 'GET', `/api/v1/intel/packages/${packageId}`)).text();
    const key = await clientSigningKey(w);
    const receipt = await signReceipt({
      token,
      subject: packageId,
      agencyId: w.orgs.agency.id,
      hubUrl: w.hub.url,
      key,
    });
    const bad = await signReceipt({
      token: 'other',
      subject: packageId,
      agencyId: w.orgs.agency.id,
      hubUrl: w.hub.url,
      key,
    });
    const badRes = await call(w, 'agency-client', 'POST', `/api/v1/intel/packages/${packageId}/receipt`, {
      receipt: bad,
    });
    expect(badRes.status).toBe(422);
    expect(((await badRes.json()) as { detail: string }).detail).toMatch(/digest/);
    const none = `${btoa(JSON.stringify({ alg: 'none', typ: 'ewto-receipt+jwt', kid: key.kid })).replace(/=+$/, '')}.${receipt.split('.')[1]}.`;
    expect(
      (
        await call(w, 'agency-client', 'POST', `/api/v1/intel/packages/${packageId}/receipt`, {
          receipt: none,
        })
      ).status,
    ).toBe(422);
    const ok = await call(w, 'agency-client', 'POST', `/api/v1/intel/packages/${packageId}/receipt`, {
      receipt,
    });
    expect(ok.status).toBe(200);
    const view = (await (
      await call(w, 'convener-viewer', 'GET', `/api/v1/intel/publications/${pubId}`)
    ).json()) as {
      deliveries: Array<{ fetchedAt: string | null; receiptAt: string | null }>;
    };
    expect(view.deliveries[0]!.fetchedAt).not.toBeNull();
    expect(view.deliveries[0]!.receiptAt).not.toBeNull();
    expect(await tokenDigest(token)).toHaveLength(43);
  });

  it('the receipt route rejects every RFC 8725 pitfall with 422 and the reason', async () => {
    const token = await (await call(w, 'agency-client', 'GET', `/api/v1/intel/packages/${packageId}`)).text();
    const key = await clientSigningKey(w);
    const base = { token, subject: packageId, agencyId: w.orgs.agency.id, hubUrl: w.hub.url, key };
    const good = await signReceipt(base);
    const [h, p] = good.split('.');
    const other = await makeClientKey();
    await registerClientKey(w.hub.deps.db, {
      orgId: w.orgs.otherAgency.id,
      name: 'b',
      publicJwk: other.publicJwk,
      createdBy: 't',
    });
    const otherKey = { kid: other.kid, key: await importSignKey(other.privateJwk) };
    const hs = await new CompactSign(new TextEncoder().encode(JSON.stringify(decodeJwt(good))))
      .setProtectedHeader({ alg: 'HS256', typ: 'ewto-receipt+jwt', kid: key.kid })
      .sign(new TextEncoder().encode(JSON.stringify(w.client.privateJwk).padEnd(32, 'x')));
    const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(decodeJwt(good))))
      .setProtectedHeader({ alg: 'ECDH-ES+A256KW', enc: 'A256GCM', cty: 'JWT' })
      .encrypt(enc.publicKey);
    const cases: Array<[string, string, RegExp]> = [
      [
        'alg none',
        `${b64url(JSON.stringify({ alg: 'none', typ: 'ewto-receipt+jwt', kid: key.kid }))}.${p}.`,
        /alg "none"/,
      ],
      ['algorithm substitution', hs, /alg "HS256"/],
      ['unknown kid', await signReceipt({ ...base, key: { kid: 'nobody', key: key.key } }), /unknown kid/],
      ["another agency's registered key", await signReceipt({ ...base, key: otherKey }), /unknown kid/],
      ['wrong aud', await signReceipt({ ...base, hubUrl: 'https://other-hub.example' }), /addressed to/],
      ['expired', await signReceipt({ ...base, now: Date.now() - 7_200_000 }), /expired/],
      ['encrypted, not signed', jwe, /not a compact JWS/],
      [
        'another package',
        await signReceipt({ ...base, subject: '019a0000-0000-7000-8000-000000000001' }),
        /not for/,
      ],
      ...[0, 1, 2].map((i): [string, string, RegExp] => [
        `flipped byte in part ${i}`,
        flipPart(good, i),
        /./,
      ]),
    ];
    expect(h).toBeTruthy();
    for (const [name, receipt, reason] of cases) {
      const res = await call(w, 'agency-client', 'POST', `/api/v1/intel/packages/${packageId}/receipt`, {
        receipt,
      });
      const detail = ((await res.json()) as { detail: string }).detail;
      expect([name, res.status]).toEqual([name, 422]);
      expect(detail).toMatch(reason);
    }
  });

  it('a retraction reaches the recipient through its inbox, is acknowledged, and revokes the publication', async () => {
    const cursor = (await inbox('agency-client')).nextCursor;
    expect(
      (await call(w, 'agency-client', 'POST', `/api/v1/intel/publications/${pubId}/retract`, { reason: 'x' }))
        .status,
    ).toBe(403);
    const res = await call(w, 'convener-editor', 'POST', `/api/v1/intel/publications/${pubId}/retract`, {
      reason: 'misattributed storefront',
    });
    expect(res.status).toBe(200);
    expect(
      (
        await call(w, 'convener-editor', 'POST', `/api/v1/intel/publications/${pubId}/retract`, {
          reason: 'again',
        })
      ).status,
    ).toBe(409);
    const page = await inbox('agency-client', cursor);
    expect(page.items).toHaveLength(1);
    const r = page.items[0]!;
    expect(r).toMatchObject({ kind: 'retraction', packageId, publication: pubId });
    const jws = await (await call(w, 'agency-client', 'GET', r.url)).text();
    const claims = await verifyRetraction(jws, { ...trust(), audience: w.orgs.agency.id });
    expect(claims).toMatchObject({ sub: packageId, publication: pubId, reason: 'misattributed storefront' });
    const key = await clientSigningKey(w);
    const ack = await signReceipt({
      token: jws,
      subject: r.id,
      agencyId: w.orgs.agency.id,
      hubUrl: w.hub.url,
      key,
    });
    expect(
      (await call(w, 'agency-client', 'POST', `/api/v1/intel/packages/${r.id}/receipt`, { receipt: ack }))
        .status,
    ).toBe(200);
    const view = (await (
      await call(w, 'convener-editor', 'GET', `/api/v1/intel/publications/${pubId}`)
    ).json()) as {
      retractedAt: string;
      deliveries: Array<{ retractionAcknowledgedAt: string | null; retractionFetchedAt: string | null }>;
    };
    expect(view.retractedAt).toBeTruthy();
    expect(view.deliveries[0]!.retractionFetchedAt).not.toBeNull();
    expect(view.deliveries[0]!.retractionAcknowledgedAt).not.toBeNull();
    const list = await (await call(w, 'agency-client', 'GET', '/api/v1/intel/revocations')).text();
    const revoked = await verifyRevocationList(list, trust());
    expect(revoked.has(pubId)).toBe(true);
    const token = await (await call(w, 'agency-client', 'GET', `/api/v1/intel/packages/${packageId}`)).text();
    await expect(
      verifyPackage(token, {
        ...trust(),
        audience: w.orgs.agency.id,
        decryptionKey: enc.key,
        revokedPublications: revoked,
      }),
    ).rejects.toThrow(/retracted/);
  });

  it('the STIX export is for the recipient, with the official TLP:AMBER marking', async () => {
    const res = await call(w, 'agency-client', 'GET', `/api/v1/intel/packages/${packageId}/stix`);
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as { type: string; objects: Array<{ type: string; id: string }> };
    expect(bundle.type).toBe('bundle');
    expect(stixValidator()(bundle)).toEqual([]);
    expect(bundle.objects.find((o) => o.type === 'marking-definition')?.id).toBe(
      'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
    );
    expect((await call(w, 'convener-admin', 'GET', `/api/v1/intel/packages/${packageId}/stix`)).status).toBe(
      404,
    );
  });

  it('every publish, fetch, receipt, retraction and acknowledgement is in the audit log', async () => {
    const actions = new Set((await auditActions()).map((e) => `${e.action}:${e.outcome}`));
    for (const a of [
      'intel.published:success',
      'intel.fetched:success',
      'intel.receipt:success',
      'intel.receipt:failure',
      'intel.retracted:success',
      'intel.acknowledged:success',
      'access.denied:denied',
    ])
      expect(actions).toContain(a);
  });
});
