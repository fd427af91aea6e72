/* Generated from schemas/intel.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * Opaque, sortable, never reused id (UUIDv7).
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "id".
 */
export type Id = string;
/**
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "timestamp".
 */
export type Timestamp = string;
/**
 * Handling code in the style of Europol SIENA: H0 no restriction within law enforcement; H1 not for use as evidence in court without the originator's permission; H2 not to be disseminated further without the originator's permission; H3 other restrictions, stated in `handlingNote`.
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "handling".
 */
export type HandlingCode = 'H0' | 'H1' | 'H2' | 'H3';
/**
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "kind".
 */
export type IntelKind = 'trend-alert' | 'network-report';
/**
 * An agency or taskforce, by id or slug.
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "recipientRef".
 */
export type RecipientRef = string;
/**
 * Traffic Light Protocol 2.0 label.
 */
export type TlpLabel = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';
/**
 * POST /api/v1/intel/alerts.
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "alertPublish".
 */
export type AlertPublishRequest = PublishCommon & AlertPublish;
/**
 * `illustrative` for examples and demo data written for the hub; omitted for real intelligence.
 */
export type Provenance = 'published' | 'illustrative';
/**
 * Kind of keyword-library term. An associated-term counts only next to a species term.
 */
export type TermKind = 'search-word' | 'hashtag' | 'emoji' | 'code-word' | 'associated-term';
/**
 * Species group, as the Coalition's framework and keyword library are organised.
 */
export type SpeciesGroup =
  'elephant' | 'rhino' | 'pangolin' | 'big-cat' | 'bear' | 'marine-turtle' | 'primate' | 'bird' | 'reptile';
/**
 * POST /api/v1/intel/networks. Network reports are always encrypted to each recipient.
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "networkPublish".
 */
export type NetworkPublishRequest = PublishCommon & NetworkPublish;
/**
 * `illustrative` for examples and demo data written for the hub; omitted for real intelligence.
 */
export type Provenance1 = 'published' | 'illustrative';
/**
 * An id that actors, listings and relationships of this report use to refer to each other.
 *
 * This interface was referenced by `NetworkReport`'s JSON-Schema
 * via the `definition` "localId".
 */
export type LocalId = string;

/**
 * The intelligence exchange: publish requests, the claims of packages, receipts, retractions and the revocation list, and the hub's answers (docs/intelligence.md).
 */
export interface Intel {
  [k: string]: unknown | undefined;
}
/**
 * Europol 4×4 evaluation: source reliability (A always reliable, B mostly reliable, C not reliable, X cannot be judged) and information (1 known to be true without reservation, 2 known personally to the source, 3 not known personally but corroborated, 4 cannot be judged).
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "grades".
 */
export interface Grades {
  source: 'A' | 'B' | 'C' | 'X';
  information: 1 | 2 | 3 | 4;
}
/**
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "publishCommon".
 */
export interface PublishCommon {
  tlp: TlpLabel;
  /**
   * Agencies and taskforces (ids or slugs). A taskforce expands to its member agencies at send time; TLP:RED needs agencies named one by one.
   *
   * @maxItems 500
   */
  recipients: RecipientRef[];
  handling: HandlingCode;
  /**
   * The restriction of H3.
   */
  handlingNote?: string;
  grades: Grades;
  /**
   * When the packages expire (their `exp`): at most 2 years ahead.
   */
  expires: string;
}
export interface AlertPublish {
  alert: TrendAlert;
}
/**
 * A trend alert: new search words, hashtags, emojis and code words traffickers use, as a convener's analyst saw them. The body of an intelligence package of kind `trend-alert` (docs/intelligence.md).
 */
export interface TrendAlert {
  title: string;
  /**
   * What was seen and why it matters, for the recipient's analysts.
   */
  summary: string;
  provenance?: Provenance;
  /**
   * @minItems 1
   * @maxItems 1000
   */
  terms: [AlertTerm, ...AlertTerm[]];
}
/**
 * One term seen in the trade.
 *
 * This interface was referenced by `TrendAlert`'s JSON-Schema
 * via the `definition` "alertTerm".
 */
export interface AlertTerm {
  /**
   * The term exactly as seen (a word, a #hashtag, an emoji sequence, a code word).
   */
  text: string;
  kind: TermKind;
  /**
   * Species groups the term is used for.
   *
   * @minItems 1
   */
  groups: [SpeciesGroup, ...SpeciesGroup[]];
  /**
   * BCP 47 language tag (`und` when the term is no language, e.g. an emoji).
   */
  language: string;
  /**
   * Kinds of platform or named platforms where it was seen (e.g. `e-commerce`, `social-media`).
   */
  platforms?: string[];
  /**
   * When the analyst first saw it (YYYY-MM-DD).
   */
  firstSeen: string;
  /**
   * How it is used: what it stands for, what listings it appears in.
   */
  context?: string;
  /**
   * The analyst's confidence that the term signals wildlife trade.
   */
  confidence: 'low' | 'medium' | 'high';
}
export interface NetworkPublish {
  report: NetworkReport;
}
/**
 * A network report: the accounts, storefronts, phone and payment handles and listings of a seller network and how they connect. The body of an intelligence package of kind `network-report`, always encrypted to each recipient (docs/intelligence.md).
 */
export interface NetworkReport {
  title: string;
  summary: string;
  provenance?: Provenance1;
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
/**
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "delivery".
 */
export interface PackageRef {
  packageId: Id;
  /**
   * Opaque, sortable, never reused id (UUIDv7).
   */
  recipient: string;
}
/**
 * The member agencies a taskforce stood for when the publication was sent.
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "expansion".
 */
export interface TaskforceExpansion {
  taskforce: Id;
  agencies: Id[];
}
/**
 * The answer of a publish (201), and of a retried one with the same Idempotency-Key.
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "publishResult".
 */
export interface PublishResult {
  /**
   * Opaque, sortable, never reused id (UUIDv7).
   */
  id: string;
  kind: IntelKind;
  packages: PackageRef[];
  expansions: TaskforceExpansion[];
}
/**
 * The claims of a package JWS (`typ: ewto-intel+jwt`, EdDSA, signed by the hub). `aud` names only the one recipient agency.
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "packageClaims".
 */
export interface PackageClaims {
  /**
   * The hub's HUB_URL.
   */
  iss: string;
  /**
   * Opaque, sortable, never reused id (UUIDv7).
   */
  aud: string;
  iat: number;
  nbf: number;
  exp: number;
  /**
   * Opaque, sortable, never reused id (UUIDv7).
   */
  jti: string;
  kind: IntelKind;
  publication: Id;
  /**
   * Opaque, sortable, never reused id (UUIDv7).
   */
  author?: string;
  tlp: TlpLabel;
  handling: HandlingCode;
  handlingNote?: string;
  grades: Grades;
  /**
   * A trend alert or a network report, as `kind` says.
   */
  body: TrendAlert | NetworkReport;
}
/**
 * A receipt (`typ: ewto-receipt+jwt`, EdDSA, `kid` = the thumbprint of a signing key the agency registered): the agency states it received the package (or retraction) `sub`, whose compact serialisation has SHA-256 `digest` (base64url).
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "receiptClaims".
 */
export interface ReceiptClaims {
  /**
   * Opaque, sortable, never reused id (UUIDv7).
   */
  iss: string;
  /**
   * The hub's HUB_URL.
   */
  aud: string;
  /**
   * Opaque, sortable, never reused id (UUIDv7).
   */
  sub: string;
  iat: number;
  /**
   * At most 1 hour after iat.
   */
  exp: number;
  jti: string;
  digest: string;
}
/**
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "receiptRequest".
 */
export interface ReceiptRequest {
  /**
   * The compact JWS.
   */
  receipt: string;
}
/**
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "receiptResult".
 */
export interface ReceiptResult {
  id: Id;
  kind: 'package' | 'retraction';
  receivedAt: Timestamp;
}
/**
 * A retraction (`typ: ewto-retraction+jwt`, EdDSA, signed by the hub) of the package `sub`, sent to the same recipient through its inbox.
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "retractionClaims".
 */
export interface RetractionClaims {
  iss: string;
  aud: Id;
  /**
   * Opaque, sortable, never reused id (UUIDv7).
   */
  sub: string;
  iat: number;
  /**
   * Opaque, sortable, never reused id (UUIDv7).
   */
  jti: string;
  publication: Id;
  reason: string;
}
/**
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "retractRequest".
 */
export interface RetractRequest {
  reason: string;
}
/**
 * The signed revocation list (`typ: ewto-revocations+jwt`): every retracted publication. A package whose `publication` is listed must not be used.
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "revocationClaims".
 */
export interface RevocationListClaims {
  iss: string;
  iat: number;
  publications: {
    id: Id;
    retractedAt: Timestamp;
  }[];
}
/**
 * One delivery in an agency's inbox: a package, or the retraction of one. Fetch it at `url` (application/jose).
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "inboxItem".
 */
export interface InboxItem {
  id: Id;
  kind: 'package' | 'retraction';
  intelKind?: IntelKind;
  recipient: Id;
  publication: Id;
  /**
   * Opaque, sortable, never reused id (UUIDv7).
   */
  packageId: string;
  tlp?: TlpLabel;
  /**
   * A JWE to the agency's X25519 key (else a JWS).
   */
  encrypted: boolean;
  deliveredAt: Timestamp;
  expiresAt?: Timestamp;
  url: string;
}
/**
 * A page of the inbox. `nextCursor` is always given, also on the last page: poll with it for what arrives later.
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "inboxPage".
 */
export interface InboxPage {
  items: InboxItem[];
  nextCursor: string;
}
/**
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "deliveryState".
 */
export interface DeliveryState {
  packageId: Id;
  recipient: Id;
  /**
   * Opaque, sortable, never reused id (UUIDv7).
   */
  via?: string;
  encrypted: boolean;
  fetchedAt: Timestamp | null;
  receiptAt: Timestamp | null;
  retractionId?: Id;
  retractionFetchedAt?: Timestamp | null;
  retractionAcknowledgedAt?: Timestamp | null;
}
/**
 * What the author's organisation sees of its publication: the content and the delivery state per recipient.
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "publication".
 */
export interface Publication {
  id: Id;
  kind: IntelKind;
  author: Id;
  createdBy: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  tlp: TlpLabel;
  handling: HandlingCode;
  handlingNote?: string;
  grades: Grades;
  /**
   * As requested (ids).
   */
  recipients: string[];
  expansions: TaskforceExpansion[];
  title?: string;
  /**
   * The trend alert or network report (on GET of one publication).
   */
  body?: {
    [k: string]: unknown | undefined;
  };
  retractedAt?: Timestamp;
  retractionReason?: string;
  deliveries: DeliveryState[];
}
/**
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "publicationPage".
 */
export interface PublicationPage {
  items: Publication[];
  nextCursor: string | null;
}
/**
 * POST /api/v1/keywords/promotions: put the terms of a TLP:CLEAR or TLP:GREEN trend alert into the keyword library.
 *
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "promoteRequest".
 */
export interface PromoteRequest {
  /**
   * Opaque, sortable, never reused id (UUIDv7).
   */
  publication: string;
  /**
   * Only these texts of the alert (default: every term).
   */
  terms?: string[];
}
/**
 * This interface was referenced by `Intel`'s JSON-Schema
 * via the `definition` "promoteResult".
 */
export interface PromoteResult {
  /**
   * The new library version.
   */
  version: number;
  publication: Id;
  /**
   * Term ids added.
   */
  added: string[];
  /**
   * Terms already in the library.
   */
  skipped: {
    id: string;
    reason: string;
  }[];
}
