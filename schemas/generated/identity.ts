/* Generated from schemas/identity.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * Opaque, sortable, never reused id (UUIDv7).
 *
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "id".
 */
export type Id = string;
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "timestamp".
 */
export type Timestamp = string;
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "slug".
 */
export type Slug = string;
/**
 * Organisation kind.
 */
export type OrgKind = 'convener' | 'company' | 'agency' | 'taskforce';
/**
 * A user's role in one organisation.
 */
export type Role = 'admin' | 'editor' | 'viewer';

/**
 * Organisations, members, personal access tokens, agency keys and the OAuth 2.0 token endpoint's answers.
 */
export interface Identity {
  [k: string]: unknown | undefined;
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "organisation".
 */
export interface Organisation {
  id: Id;
  slug: Slug;
  name: string;
  kind: OrgKind;
  createdAt: Timestamp;
  /**
   * A taskforce's member agencies (ids).
   */
  agencies?: Id[];
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "organisationCreate".
 */
export interface OrganisationCreate {
  slug: Slug;
  name: string;
  kind: OrgKind;
  /**
   * For a taskforce: its agencies, by id or slug.
   */
  agencies?: string[];
  /**
   * The organisation's first admin (created as a user when new).
   */
  adminEmail?: string;
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "organisationPage".
 */
export interface OrganisationPage {
  items: Organisation[];
  nextCursor: string | null;
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "member".
 */
export interface Member {
  userId: Id;
  email: string;
  name: string;
  role: Role;
  createdAt: Timestamp;
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "memberPage".
 */
export interface MemberPage {
  items: Member[];
  nextCursor: string | null;
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "memberAdd".
 */
export interface MemberAdd {
  email: string;
  /**
   * Used when the user does not exist yet.
   */
  name?: string;
  role: Role;
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "memberUpdate".
 */
export interface MemberUpdate {
  role: Role;
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "tokenCreate".
 */
export interface TokenCreate {
  name: string;
  expiresInDays?: number;
  /**
   * Confine the new token to one of your organisations (id or slug). A token created with a scoped credential always gets that credential's scope; only an unscoped credential may choose.
   */
  scopeOrg?: string;
}
/**
 * A personal access token, without its secret.
 *
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "tokenInfo".
 */
export interface TokenInfo {
  id: Id;
  userId: Id;
  name: string;
  createdBy?: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  revokedAt?: string | null;
  lastUsedAt?: string | null;
  /**
   * The one organisation this token acts in, for its whole life; null: every organisation of its user.
   */
  scopeOrgId?: string | null;
}
/**
 * The new token: `token` is shown this once and never again.
 *
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "tokenCreated".
 */
export interface TokenCreated {
  token: string;
  info: TokenInfo;
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "tokenPage".
 */
export interface TokenPage {
  items: TokenInfo[];
  nextCursor: string | null;
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "publicJwk".
 */
export interface PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519' | 'X25519';
  x: string;
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "clientKeyRegister".
 */
export interface ClientKeyRegister {
  name?: string;
  publicJwk: PublicJwk;
}
/**
 * An agency's registered public key. For a `sig` key, `kid` is also the machine client's client id.
 *
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "clientKey".
 */
export interface ClientKey {
  kid: string;
  orgId: Id;
  name: string;
  use: 'sig' | 'enc';
  publicJwk: PublicJwk;
  createdAt: Timestamp;
  createdBy?: string;
  revokedAt?: string | null;
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "clientKeyPage".
 */
export interface ClientKeyPage {
  items: ClientKey[];
  nextCursor: string | null;
}
/**
 * OAuth 2.0 access token response (RFC 6749 §5.1, RFC 8693 §2.2.1).
 *
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "tokenResponse".
 */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  issued_token_type?: string;
}
/**
 * Token endpoint form fields (application/x-www-form-urlencoded; JSON accepted too).
 *
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "tokenRequest".
 */
export interface TokenRequest {
  grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange' | 'client_credentials';
  subject_token?: string;
  subject_token_type?: string;
  client_id?: string;
  client_assertion_type?: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
  client_assertion?: string;
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "me".
 */
export interface Me {
  kind: 'user' | 'client';
  userId?: string;
  email?: string;
  clientId?: string;
  memberships?: {
    orgId: string;
    orgSlug: string;
    orgKind: OrgKind;
    role: Role;
  }[];
  /**
   * The organisation the credential behind this call is confined to (null: unscoped). Only memberships inside it are listed.
   */
  scopeOrgId?: string | null;
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "jwks".
 */
export interface Jwks {
  keys: {
    kty: string;
    /**
     * RFC 7638 thumbprint (SHA-256, base64url).
     */
    kid: string;
    status: 'active' | 'retired';
  }[];
}
/**
 * A one-time invitation to an organisation, without its code.
 *
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "invitation".
 */
export interface Invitation {
  id: Id;
  orgId: Id;
  /**
   * Opaque, sortable, never reused id (UUIDv7).
   */
  userId: string;
  status: 'pending' | 'redeemed' | 'revoked' | 'expired';
  /**
   * User id of the admin who invited, or `operator`.
   */
  createdBy?: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  redeemedAt?: string | null;
  revokedAt?: string | null;
  /**
   * The personal access token the redemption gave.
   */
  tokenId?: string | null;
}
/**
 * A new invitation with its code, shown once.
 *
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "invitationCreated".
 */
export interface InvitationCreated {
  id: Id;
  orgId: Id;
  /**
   * Opaque, sortable, never reused id (UUIDv7).
   */
  userId: string;
  status: 'pending' | 'redeemed' | 'revoked' | 'expired';
  /**
   * User id of the admin who invited, or `operator`.
   */
  createdBy?: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  redeemedAt?: string | null;
  revokedAt?: string | null;
  /**
   * The personal access token the redemption gave.
   */
  tokenId?: string | null;
  /**
   * The one-time code (`ewto_inv_…`), shown this once: give it to the person, who redeems it within 7 days.
   */
  code: string;
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "invitationPage".
 */
export interface InvitationPage {
  items: Invitation[];
  nextCursor: string | null;
}
/**
 * A new code for a member who has none that works (e.g. the first expired); it replaces their pending one.
 *
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "invitationIssue".
 */
export interface InvitationIssue {
  userId: Id;
}
/**
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "invitationRedeem".
 */
export interface InvitationRedeem {
  code: string;
  /**
   * What the new personal access token is for (default `invitation`).
   */
  name?: string;
}
/**
 * The new membership; `invitation` (with its one-time code) when the person holds no credential that acts here yet.
 *
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "memberAdded".
 */
export interface MemberAdded {
  userId: Id;
  email: string;
  name: string;
  role: Role;
  createdAt: Timestamp;
  invitation?: InvitationCreated;
}
/**
 * The new organisation; `adminInvitation` (with its one-time code) when `adminEmail` named a person without a credential that acts here.
 *
 * This interface was referenced by `Identity`'s JSON-Schema
 * via the `definition` "organisationCreated".
 */
export interface OrganisationCreated {
  id: Id;
  slug: Slug;
  name: string;
  kind: OrgKind;
  createdAt: Timestamp;
  /**
   * A taskforce's member agencies (ids).
   */
  agencies?: Id[];
  adminInvitation?: InvitationCreated;
}
