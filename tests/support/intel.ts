/** Helpers for the intelligence-exchange tests: publishing, an agency's keys, fetching as an agency. */
import { registerClientKey } from '@ewto/identity';
import { importDecryptKey, importSignKey } from '@ewto/intel';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { World } from './world.ts';

export const EXPIRES = new Date(Date.now() + 30 * 86_400_000).toISOString();

export const alert = (over: Record<string, unknown> = {}) => ({
  tlp: 'GREEN',
  recipients: ['netshield'],
  handling: 'H1',
  grades: { source: 'B', information: 2 },
  expires: EXPIRES,
  alert: {
    title: 'New code word for ivory bangles',
    summary: 'Sellers moved to a colour code word.',
    provenance: 'illustrative',
    terms: [
      {
        text: 'white gold bangle',
        kind: 'code-word',
        groups: ['elephant'],
        language: 'en',
        firstSeen: '2026-10-12',
        confidence: 'medium',
      },
      {
        text: '#oldbonecarving',
        kind: 'hashtag',
        groups: ['elephant', 'rhino'],
        language: 'en',
        firstSeen: '2026-10-20',
        confidence: 'high',
      },
    ],
  },
  ...over,
});

export const network = (over: Record<string, unknown> = {}) => ({
  tlp: 'AMBER',
  recipients: ['unit-a'],
  handling: 'H2',
  grades: { source: 'A', information: 3 },
  expires: EXPIRES,
  report: {
    title: 'Storefront network',
    summary: 'Two storefronts, one operator.',
    provenance: 'illustrative',
    actors: [
      { id: 's1', kind: 'storefront', platform: 'example-market', handle: 'herbal-bulk' },
      { id: 'a1', kind: 'account', platform: 'example-social', handle: 'scales.direct' },
    ],
    listings: [
      {
        id: 'l1',
        url: 'https://market.example/item/1',
        platform: 'example-market',
        observedAt: '2026-11-14T09:30:00Z',
        group: 'pangolin',
        product: 'scales',
        evidenceSha256: 'c'.repeat(64),
      },
    ],
    relationships: [
      { source: 's1', target: 'l1', type: 'posted' },
      { source: 'a1', target: 's1', type: 'linked-to' },
    ],
  },
  ...over,
});

export async function call(
  w: World,
  persona: keyof World['tokens'],
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${w.hub.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${w.tokens[persona]}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

/** An X25519 key pair registered for `orgId`; the private JWK and its imported key. */
export async function registerEncryptionKey(w: World, orgId: string) {
  const { publicKey, privateKey } = await generateKeyPair('ECDH-ES+A256KW', {
    crv: 'X25519',
    extractable: true,
  });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  await registerClientKey(w.hub.deps.db, { orgId, name: 'enc', publicJwk, createdBy: 'test' });
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid };
  return { kid, privateJwk, publicKey, key: await importDecryptKey(privateJwk) };
}

/** The world's agency machine client's signing key, as @ewto/intel wants it. */
export async function clientSigningKey(w: World) {
  return { kid: w.client.kid, key: await importSignKey(w.client.privateJwk) };
}
