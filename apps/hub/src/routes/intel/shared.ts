/** What the intelligence routes share: the author organisation of a caller, views, examples. */
import { actorOrgs } from '@ewto/identity';
import type { Context } from 'hono';
import { requireActor } from '../../auth.ts';
import { ApiError } from '../../problem.ts';
import type { AppEnv } from '../../types.ts';

export const tags = ['intelligence'];

/** The convener organisation the caller publishes for: the first where they are an editor or admin. */
export function authorOrg(c: Context<AppEnv>): string {
  const actor = requireActor(c);
  const org =
    actor.kind === 'user'
      ? actorOrgs(actor).find((m) => m.orgKind === 'convener' && m.role !== 'viewer')
      : undefined;
  if (!org) throw new ApiError(403, 'forbidden', "only conveners' editors and admins publish intelligence");
  return org.orgId;
}

/** The organisations of the caller of the given kind. */
export function callerOrgs(c: Context<AppEnv>, kind: 'agency' | 'convener'): string[] {
  return actorOrgs(requireActor(c))
    .filter((m) => m.orgKind === kind)
    .map((m) => m.orgId);
}

export const packageUrl = (id: string) => `/api/v1/intel/packages/${id}`;

const example = {
  recipients: ['operation-netshield', 'demo-wildlife-crime-unit'],
  handling: 'H1',
  grades: { source: 'B', information: 2 },
  expires: '2027-06-30T00:00:00Z',
};

/** Complete, valid request bodies for the OpenAPI document (a test validates them against the schemas). */
export const ALERT_EXAMPLE = {
  tlp: 'GREEN',
  ...example,
  alert: {
    title: 'New code word for ivory bangles',
    summary: "Sellers moved to a colour code word after keyword filters caught 'ivory'.",
    provenance: 'illustrative',
    terms: [
      {
        text: 'white gold bangle',
        kind: 'code-word',
        groups: ['elephant'],
        language: 'en',
        platforms: ['e-commerce'],
        firstSeen: '2026-10-12',
        context: 'Used for ivory bangles; genuine white-gold jewellery is listed with a carat mark.',
        confidence: 'medium',
      },
    ],
  },
};

export const NETWORK_EXAMPLE = {
  tlp: 'AMBER',
  ...example,
  recipients: ['demo-wildlife-crime-unit'],
  handling: 'H2',
  report: {
    title: 'Storefront network selling pangolin scales',
    summary: 'Two storefronts run by one operator, paid through one payment handle.',
    provenance: 'illustrative',
    actors: [
      { id: 'store-1', kind: 'storefront', platform: 'example-market', handle: 'herbal-bulk-supplies' },
      { id: 'store-2', kind: 'storefront', platform: 'example-market', handle: 'tcm-wholesale-88' },
      {
        id: 'pay-1',
        kind: 'payment-handle',
        handleHash: {
          alg: 'HMAC-SHA256',
          keyId: 'netshield-2026-q4',
          value: '3f1c9a0d6e2b4c8f7a5d1e0b9c8a7f6e5d4c3b2a190817263544536271809a1b',
        },
      },
    ],
    listings: [
      {
        id: 'l-1',
        url: 'https://market.example/item/880011',
        platform: 'example-market',
        observedAt: '2026-11-14T09:30:00Z',
        group: 'pangolin',
        product: 'scales',
        evidenceSha256: '9b2e6f0c1d4a8e7b3c5f9a1d2e4b6c8a0f1e3d5c7b9a2e4f6a8c0e2d4f6b8a0c',
      },
    ],
    relationships: [
      { source: 'store-1', target: 'l-1', type: 'posted' },
      { source: 'store-1', target: 'store-2', type: 'same-operator-as' },
      { source: 'pay-1', target: 'store-1', type: 'pays-to' },
    ],
  },
};
