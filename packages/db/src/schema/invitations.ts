import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { personalAccessTokens } from './credentials.ts';
import { organisations, users } from './organisations.ts';

/**
 * One-time invitation codes: a person added to an organisation without credentials redeems the code
 * (shown once, only its SHA-256 stored) for a first personal access token scoped to that organisation.
 * Single use: `redeemedAt` is set by a conditional update, so two concurrent redemptions cannot both win.
 */
export const invitations = sqliteTable(
  'invitations',
  {
    id: text().primaryKey(),
    orgId: text()
      .notNull()
      .references(() => organisations.id),
    userId: text()
      .notNull()
      .references(() => users.id),
    codeHash: text().notNull().unique(),
    /** The user id of the admin who invited, or `operator`. */
    createdBy: text().notNull(),
    createdAt: text().notNull(),
    expiresAt: text().notNull(),
    redeemedAt: text(),
    revokedAt: text(),
    /** The personal access token the redemption created. */
    tokenId: text().references(() => personalAccessTokens.id),
  },
  // An organisation's admins list its invitations.
  (t) => [index('invitations_org_idx').on(t.orgId)],
);
