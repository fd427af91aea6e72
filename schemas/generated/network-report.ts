/* Generated from schemas/network-report.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * `illustrative` for examples and demo data written for the hub; omitted for real intelligence.
 */
export type Provenance = 'published' | 'illustrative';
/**
 * An id that actors, listings and relationships of this report use to refer to each other.
 *
 * This interface was referenced by `NetworkReport`'s JSON-Schema
 * via the `definition` "localId".
 */
export type LocalId = string;
/**
 * Species group, as the Coalition's framework and keyword library are organised.
 */
export type SpeciesGroup =
  'elephant' | 'rhino' | 'pangolin' | 'big-cat' | 'bear' | 'marine-turtle' | 'primate' | 'bird' | 'reptile';

/**
 * A network report: the accounts, storefronts, phone and payment handles and listings of a seller network and how they connect. The body of an intelligence package of kind `network-report`, always encrypted to each recipient (docs/intelligence.md).
 */
export interface NetworkReport {
  title: string;
  summary: string;
  provenance?: Provenance;
  /**
   * @minItems 1
   * @maxItems 5000
   */
  actors: [NetworkActor, ...NetworkActor[]];
  /**
   * @maxItems 20000
   */
  listings: NetworkListing[];
  /**
   * @maxItems 50000
   */
  relationships: NetworkRelationship[];
}
/**
 * An account, storefront, phone number or payment handle of the network. Accounts and storefronts are named by their public handle or URL; phone numbers and payment handles only by a keyed hash.
 *
 * This interface was referenced by `NetworkReport`'s JSON-Schema
 * via the `definition` "actor".
 */
export interface NetworkActor {
  id: LocalId;
  kind: 'account' | 'storefront' | 'phone' | 'payment-handle';
  platform?: string;
  /**
   * Public account or storefront name on the platform.
   */
  handle?: string;
  url?: string;
  handleHash?: KeyedHash;
  note?: string;
}
/**
 * A personal identifier given as a keyed hash: HMAC-SHA-256 of the normalised identifier (E.164 for phone numbers, lower-case for handles) under a key shared out of band with the recipients (`keyId` names it). A recipient who holds the key can match it against its own records; nobody else learns the identifier.
 *
 * This interface was referenced by `NetworkReport`'s JSON-Schema
 * via the `definition` "keyedHash".
 */
export interface KeyedHash {
  alg: 'HMAC-SHA256';
  keyId: string;
  value: string;
}
/**
 * One listing the network posted, with the SHA-256 of the evidence the analyst kept (screenshot or archive).
 *
 * This interface was referenced by `NetworkReport`'s JSON-Schema
 * via the `definition` "listing".
 */
export interface NetworkListing {
  id: LocalId;
  url: string;
  platform: string;
  observedAt: string;
  group: SpeciesGroup;
  /**
   * What is offered, e.g. `carved bangle`, `scales`.
   */
  product: string;
  evidenceSha256: string;
  /**
   * The listing's title as seen.
   */
  title?: string;
}
/**
 * A link between two actors, or an actor and a listing: `source` → `target`.
 *
 * This interface was referenced by `NetworkReport`'s JSON-Schema
 * via the `definition` "relationship".
 */
export interface NetworkRelationship {
  source: LocalId;
  target: LocalId;
  /**
   * posted: an account or storefront posted a listing; operates: an account runs a storefront; contact-for / pays-to: a phone or payment handle given in an actor's listings; same-operator-as: two actors run by the same people; linked-to: any other link the analyst saw.
   */
  type: 'posted' | 'operates' | 'contact-for' | 'pays-to' | 'same-operator-as' | 'linked-to';
  note?: string;
}
