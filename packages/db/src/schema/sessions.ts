import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organisations, users } from './organisations.ts';

/**
 * Browser sessions: the cookie holds a random secret; only its SHA-256 is stored. A session
 * carries the organisation scope of the credential that opened it (null = unscoped) for its
 * whole life; it expires at `expiresAt` and can be revoked.
 */
export const browserSessions = sqliteTable(
  'browser_sessions',
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id),
    secretHash: text().notNull().unique(),
    /** How it was opened: a passkey, a personal access token, or the demo sign-in (HUB_DEMO only). */
    method: text({ enum: ['passkey', 'token', 'demo'] }).notNull(),
    /** The passkey (or personal access token) that opened it. */
    credentialId: text(),
    scopeOrgId: text().references(() => organisations.id),
    createdAt: text().notNull(),
    expiresAt: text().notNull(),
    lastUsedAt: text(),
    revokedAt: text(),
    userAgent: text(),
  },
  // "My sessions" is per user; expiry sweeps read expiresAt.
  (t) => [index('browser_sessions_user_idx').on(t.userId), index('browser_sessions_exp_idx').on(t.expiresAt)],
);

/** Registered WebAuthn credentials (passkeys). The private key stays in the authenticator. */
export const passkeys = sqliteTable(
  'passkeys',
  {
    id: text().primaryKey(),
    /** The credential id, base64url, as the authenticator reports it. */
    credentialId: text().notNull().unique(),
    userId: text()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    /** COSE public key, base64url. */
    publicKey: text().notNull(),
    counter: integer().notNull(),
    transports: text({ mode: 'json' }).$type<string[]>(),
    /** Inherited from the credential that registered it; sessions it opens carry it. */
    scopeOrgId: text().references(() => organisations.id),
    createdAt: text().notNull(),
    lastUsedAt: text(),
    revokedAt: text(),
  },
  (t) => [index('passkeys_user_idx').on(t.userId)],
);

/** One-time WebAuthn challenges (kept in the database so several hub processes share them). */
export const webauthnChallenges = sqliteTable(
  'webauthn_challenges',
  {
    challenge: text().primaryKey(),
    purpose: text({ enum: ['register', 'authenticate'] }).notNull(),
    /** Registration: who asks (and the scope of the credential they used). */
    userId: text(),
    scopeOrgId: text(),
    expiresAt: text().notNull(),
  },
  (t) => [index('webauthn_challenges_exp_idx').on(t.expiresAt)],
);
