import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The versions of the keyword library as served: each is a version of the files in
 * policies/keywords/ (`fileVersion`) or a promotion of a trend alert's terms. The files are read at
 * start and promotions live here on top of them, so the served version numbers are assigned here,
 * one more for every change from either source, and never reused.
 */
export const keywordVersions = sqliteTable('keyword_versions', {
  version: integer().primaryKey(),
  source: text({ enum: ['files', 'promotion'] }).notNull(),
  /** For `files`: the version of policies/keywords/library.yaml it stands for. */
  fileVersion: integer().unique(),
  /** For `promotion`: the trend alert (publication id) whose terms were promoted. */
  publicationId: text(),
  summary: text(),
  /** YYYY-MM-DD. */
  date: text().notNull(),
  createdBy: text(),
});

/** Terms promoted from trend alerts (`provenance: intelligence`), one per text, kind and species group. */
export const promotedTerms = sqliteTable(
  'promoted_terms',
  {
    /** The library term id `<group>/<kind>/<text>`. */
    id: text().primaryKey(),
    version: integer()
      .notNull()
      .references(() => keywordVersions.version),
    group: text().notNull(),
    kind: text().notNull(),
    text: text().notNull(),
    language: text().notNull(),
    /** The publication id of the trend alert. */
    alert: text().notNull(),
    ambiguous: integer({ mode: 'boolean' }).notNull(),
    note: text(),
  },
  // Assembling the library reads them in version order.
  (t) => [index('promoted_terms_version_idx').on(t.version)],
);
