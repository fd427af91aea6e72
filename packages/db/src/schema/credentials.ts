import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organisations, users } from './organisations.ts';

/**
 * Personal access tokens: only the SHA-256 of the secret is stored; the secret is shown once.
 * `scopeOrgId` is the one organisation the token acts in for its whole life (null: every organisation
 * of its user); set from the credential that created it and never changed.
 */
export const personalAccessTokens = sqliteTable(
  'personal_access_tokens',
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    secretHash: text().notNull().unique(),
    createdBy: text().notNull(),
    createdAt: text().notNull(),
    expiresAt: text().notNull(),
    revokedAt: text(),
    lastUsedAt: text(),
    scopeOrgId: text().references(() => organisations.id),
  },
  (t) => [index('pats_user_idx').on(t.userId)],
);

/**
 * Public keys registered by agencies: Ed25519 (`use: sig`) for their machine clients' assertions and
 * receipts, X25519 (`use: enc`) for encrypted intelligence. Private halves never reach the hub.
 */
export const clientKeys = sqliteTable(
  'client_keys',
  {
    /** RFC 7638 thumbprint of the public JWK; also the client id of a `sig` key. */
    kid: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organisations.id),
    name: text().notNull(),
    use: text({ enum: ['sig', 'enc'] }).notNull(),
    publicJwk: text({ mode: 'json' }).notNull().$type<Record<string, string>>(),
    createdAt: text().notNull(),
    createdBy: text().notNull(),
    revokedAt: text(),
  },
  (t) => [index('client_keys_org_idx').on(t.orgId)],
);

/** One-time `jti`s of client assertions, kept until the assertion expires (survives restarts). */
export const usedAssertionIds = sqliteTable(
  'used_assertion_ids',
  {
    jti: text().primaryKey(),
    clientId: text().notNull(),
    expiresAt: text().notNull(),
  },
  (t) => [index('used_assertion_ids_exp_idx').on(t.expiresAt)],
);

/**
 * The hub's own Ed25519 signing keys. `retired` keys stay published (to verify what they signed);
 * `compromised` ones are named in the signed key-status list and rejected.
 */
export const hubKeys = sqliteTable('hub_keys', {
  kid: text().primaryKey(),
  status: text({ enum: ['active', 'retired', 'compromised'] }).notNull(),
  publicJwk: text({ mode: 'json' }).notNull().$type<Record<string, string>>(),
  /**
   * The private JWK sealed with AES-256-GCM under the key-encryption key (HUB_KEY_ENCRYPTION_KEY),
   * which never enters the database: a backup alone cannot sign as the hub. The column keeps its
   * first name; a row still in clear (written before encryption at rest) is sealed at the next start.
   */
  sealedPrivateKey: text('private_jwk').notNull(),
  createdAt: text().notNull(),
  retiredAt: text(),
  compromisedAt: text(),
});
