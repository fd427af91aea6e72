import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { organisations } from './organisations.ts';

/**
 * What a convener published: one trend alert or network report, sent as one package per recipient
 * agency. The content is sealed at rest (AES-256-GCM under the hub's key-encryption key); it serves
 * the author's view and the STIX export.
 */
export const intelPublications = sqliteTable(
  'intel_publications',
  {
    id: text().primaryKey(),
    kind: text({ enum: ['trend-alert', 'network-report'] }).notNull(),
    authorOrgId: text()
      .notNull()
      .references(() => organisations.id),
    createdBy: text().notNull(),
    /** RFC 3339, whole seconds: the packages' `iat`/`nbf`. */
    createdAt: text().notNull(),
    /** The packages' `exp`. */
    expiresAt: text().notNull(),
    tlp: text({ enum: ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] }).notNull(),
    handling: text({ enum: ['H0', 'H1', 'H2', 'H3'] }).notNull(),
    handlingNote: text(),
    grades: text({ mode: 'json' })
      .notNull()
      .$type<{ source: 'A' | 'B' | 'C' | 'X'; information: 1 | 2 | 3 | 4 }>(),
    /** The recipients as requested, resolved to ids (agencies and taskforces). */
    recipients: text({ mode: 'json' }).notNull().$type<string[]>(),
    /** The member agencies each taskforce stood for at send time. */
    expansions: text({ mode: 'json' }).notNull().$type<Array<{ taskforce: string; agencies: string[] }>>(),
    /** The alert or report as JSON, sealed (envelope text). */
    content: text().notNull(),
    /** Idempotency-Key of the publish request, with the SHA-256 of its body: a retry answers the first result. */
    idempotencyKey: text(),
    requestHash: text(),
    retractedAt: text(),
    retractionReason: text(),
  },
  (t) => [
    // One publication per key and author organisation: a concurrent retry loses the insert race and reads the winner.
    uniqueIndex('intel_publications_idempotency_idx').on(t.authorOrgId, t.idempotencyKey),
    // The author's list, newest first.
    index('intel_publications_author_idx').on(t.authorOrgId, t.id),
    index('intel_publications_retracted_idx').on(t.retractedAt),
  ],
);

/**
 * Every delivery to an agency's inbox: a package, or the retraction of one. `seq` is the inbox
 * cursor: assigned by the database inside the transaction that stores the delivery, increasing
 * (AUTOINCREMENT never reuses a value, also after a restart), and committed in order because the
 * database has one writer — so a cursor over it never skips or repeats an item, however many
 * deliveries share a millisecond.
 */
export const intelDeliveries = sqliteTable(
  'intel_deliveries',
  {
    seq: integer().primaryKey({ autoIncrement: true }),
    /** The package id (its `jti`), or the retraction id. */
    id: text().notNull().unique(),
    kind: text({ enum: ['package', 'retraction'] }).notNull(),
    publicationId: text()
      .notNull()
      .references(() => intelPublications.id),
    /** The package; for a retraction, the package it retracts. */
    packageId: text().notNull(),
    recipientOrgId: text()
      .notNull()
      .references(() => organisations.id),
    /** The taskforce the agency was reached through, if any. */
    via: text(),
    /** A JWE to the agency's X25519 key (stored as sent); otherwise a JWS, sealed at rest. */
    encrypted: integer({ mode: 'boolean' }).notNull(),
    token: text().notNull(),
    createdAt: text().notNull(),
    fetchedAt: text(),
    receiptAt: text(),
    /** The agency's signed receipt (or acknowledgement of a retraction), as verified. */
    receipt: text(),
  },
  (t) => [
    // The inbox: one agency's deliveries in seq order.
    index('intel_deliveries_inbox_idx').on(t.recipientOrgId, t.seq),
    // The author's delivery state of one publication.
    index('intel_deliveries_publication_idx').on(t.publicationId),
  ],
);
