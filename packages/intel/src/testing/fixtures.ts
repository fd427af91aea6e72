/** Keys, publications and tampering helpers for the tests of @ewto/intel (and the hub's). */
import type { NetworkReport, TrendAlert } from '@ewto/schemas/generated/intel';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { EncryptionKey, SigningKey } from '../keys.ts';
import type { PublicationInput } from '../package.ts';

export async function hubKey(): Promise<SigningKey & { publicJwk: JWK & { kid: string } }> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const pub = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(pub, 'sha256');
  return { kid, key: privateKey, publicJwk: { ...pub, kid, alg: 'EdDSA', use: 'sig' } };
}

export async function agencyKeys() {
  const sig = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const enc = await generateKeyPair('ECDH-ES+A256KW', { crv: 'X25519', extractable: true });
  const encPub = await exportJWK(enc.publicKey);
  const sigPub = await exportJWK(sig.publicKey);
  const encKid = await calculateJwkThumbprint(encPub, 'sha256');
  const sigKid = await calculateJwkThumbprint(sigPub, 'sha256');
  return {
    signing: { kid: sigKid, key: sig.privateKey } as SigningKey,
    signingPublic: sig.publicKey,
    signingPrivateJwk: { ...(await exportJWK(sig.privateKey)), kid: sigKid },
    encryption: { kid: encKid, key: enc.publicKey } as EncryptionKey,
    decryption: enc.privateKey,
    encryptionPrivateJwk: { ...(await exportJWK(enc.privateKey)), kid: encKid },
    encryptionPublicJwk: { ...encPub, kid: encKid },
  };
}

export const ISSUER = 'https://hub.example.org';

export const ALERT: TrendAlert = {
  title: 'New code word for ivory bangles',
  summary: "Sellers moved to a colour code word after filters caught 'ivory'.",
  provenance: 'illustrative',
  terms: [
    {
      text: 'white gold bangle',
      kind: 'code-word',
      groups: ['elephant'],
      language: 'en',
      platforms: ['e-commerce'],
      firstSeen: '2026-10-12',
      context: 'Used for ivory bangles.',
      confidence: 'medium',
    },
    {
      text: '🥥',
      kind: 'emoji',
      groups: ['elephant', 'rhino'],
      language: 'und',
      firstSeen: '2026-11-02',
      confidence: 'low',
    },
  ],
};

export const REPORT: NetworkReport = {
  title: 'Storefront network selling pangolin scales',
  summary: 'Two storefronts run by one operator.',
  provenance: 'illustrative',
  actors: [
    {
      id: 'store-1',
      kind: 'storefront',
      platform: 'example-market',
      handle: 'herbal-bulk',
      url: 'https://market.example/s/herbal-bulk',
    },
    { id: 'acct-1', kind: 'account', platform: 'example-social', handle: "o'brien.scales" },
    {
      id: 'pay-1',
      kind: 'payment-handle',
      handleHash: { alg: 'HMAC-SHA256', keyId: 'k1', value: 'a'.repeat(64) },
    },
  ],
  listings: [
    {
      id: 'l-1',
      url: "https://market.example/item/1?q=it's",
      platform: 'example-market',
      observedAt: '2026-11-14T09:30:00Z',
      group: 'pangolin',
      product: 'scales',
      evidenceSha256: 'b'.repeat(64),
    },
  ],
  relationships: [
    { source: 'store-1', target: 'l-1', type: 'posted' },
    { source: 'pay-1', target: 'store-1', type: 'pays-to' },
    { source: 'acct-1', target: 'store-1', type: 'linked-to' },
  ],
};

export function publication(over: Partial<PublicationInput> = {}): PublicationInput {
  const now = Math.floor(Date.now() / 1000);
  return {
    issuer: ISSUER,
    publication: '019a0000-0000-7000-8000-000000000001',
    author: '019a0000-0000-7000-8000-0000000000aa',
    kind: 'trend-alert',
    tlp: 'GREEN',
    handling: 'H1',
    grades: { source: 'B', information: 2 },
    body: ALERT,
    issuedAt: now,
    expiresAt: now + 86_400,
    ...over,
  };
}

/** Changes one character in the middle of part `index` of a compact serialisation. */
export function flipPart(token: string, index: number): string {
  const parts = token.split('.');
  const p = parts[index]!;
  const at = Math.floor(p.length / 2);
  const c = p[at] === 'A' ? 'B' : 'A';
  parts[index] = p.slice(0, at) + c + p.slice(at + 1);
  return parts.join('.');
}

export const b64 = (s: string | Uint8Array) =>
  btoa(
    typeof s === 'string' ? String.fromCharCode(...new TextEncoder().encode(s)) : String.fromCharCode(...s),
  )
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
