/* Generated from schemas/session.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * Organisation kind.
 */
export type OrgKind = 'convener' | 'company' | 'agency' | 'taskforce';
/**
 * A user's role in one organisation.
 */
export type Role = 'admin' | 'editor' | 'viewer';

/**
 * Requests and answers of the browser sign-in routes: sessions opened with a personal access token, a passkey (WebAuthn) or the demo sign-in, and the passkeys of a person.
 */
export interface BrowserSessionsAndPasskeys {
  [k: string]: unknown | undefined;
}
/**
 * Sign in once with a personal access token (to register a passkey afterwards).
 *
 * This interface was referenced by `BrowserSessionsAndPasskeys`'s JSON-Schema
 * via the `definition` "tokenSignIn".
 */
export interface TokenSignIn {
  token: string;
}
/**
 * HUB_DEMO only: sign in as one of the demo accounts.
 *
 * This interface was referenced by `BrowserSessionsAndPasskeys`'s JSON-Schema
 * via the `definition` "demoSignIn".
 */
export interface DemoSignIn {
  email: string;
}
/**
 * The caller's browser session. `csrfToken` must be sent as X-CSRF-Token on every write made with the session cookie.
 *
 * This interface was referenced by `BrowserSessionsAndPasskeys`'s JSON-Schema
 * via the `definition` "session".
 */
export interface Session {
  id: string;
  userId: string;
  email: string;
  method: 'passkey' | 'token' | 'demo';
  scopeOrgId?: string | null;
  createdAt: string;
  expiresAt: string;
  csrfToken: string;
  /**
   * true when the hub runs with HUB_DEMO=true
   */
  demo?: boolean;
  memberships: {
    orgId: string;
    orgSlug: string;
    orgKind: OrgKind;
    role: Role;
  }[];
}
/**
 * One of my browser sessions (without its secret).
 *
 * This interface was referenced by `BrowserSessionsAndPasskeys`'s JSON-Schema
 * via the `definition` "sessionInfo".
 */
export interface SessionInfo {
  id: string;
  userId: string;
  method: 'passkey' | 'token' | 'demo';
  credentialId?: string | null;
  scopeOrgId?: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
  userAgent?: string | null;
  current?: boolean;
}
/**
 * This interface was referenced by `BrowserSessionsAndPasskeys`'s JSON-Schema
 * via the `definition` "sessionList".
 */
export interface SessionList {
  items: SessionInfo[];
}
/**
 * PublicKeyCredentialCreationOptionsJSON or PublicKeyCredentialRequestOptionsJSON (WebAuthn Level 3), to pass to @simplewebauthn/browser.
 *
 * This interface was referenced by `BrowserSessionsAndPasskeys`'s JSON-Schema
 * via the `definition` "webauthnOptions".
 */
export interface WebAuthnOptions {
  challenge: string;
}
/**
 * A WebAuthn credential as @simplewebauthn/browser serialises it (RegistrationResponseJSON or AuthenticationResponseJSON).
 *
 * This interface was referenced by `BrowserSessionsAndPasskeys`'s JSON-Schema
 * via the `definition` "credentialResponse".
 */
export interface CredentialResponse {
  id: string;
  rawId: string;
  type: 'public-key';
  response: {
    clientDataJSON: string;
  };
  clientExtensionResults?: {};
  authenticatorAttachment?: string;
}
/**
 * The authenticator's answer to the registration options (RegistrationResponseJSON), and a name for the passkey.
 *
 * This interface was referenced by `BrowserSessionsAndPasskeys`'s JSON-Schema
 * via the `definition` "passkeyRegistration".
 */
export interface PasskeyRegistration {
  name?: string;
  response: CredentialResponse;
}
/**
 * The authenticator's answer to the authentication options (AuthenticationResponseJSON).
 *
 * This interface was referenced by `BrowserSessionsAndPasskeys`'s JSON-Schema
 * via the `definition` "passkeyAuthentication".
 */
export interface PasskeyAuthentication {
  response: CredentialResponse;
}
/**
 * This interface was referenced by `BrowserSessionsAndPasskeys`'s JSON-Schema
 * via the `definition` "passkey".
 */
export interface Passkey {
  id: string;
  credentialId: string;
  userId: string;
  name: string;
  transports?: string[] | null;
  scopeOrgId?: string | null;
  createdAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}
/**
 * This interface was referenced by `BrowserSessionsAndPasskeys`'s JSON-Schema
 * via the `definition` "passkeyList".
 */
export interface PasskeyList {
  items: Passkey[];
}
/**
 * This interface was referenced by `BrowserSessionsAndPasskeys`'s JSON-Schema
 * via the `definition` "demoAccounts".
 */
export interface DemoAccounts {
  items: {
    email: string;
    name: string;
    orgSlug: string;
    orgName?: string;
    orgKind: string;
    role: string;
  }[];
}
