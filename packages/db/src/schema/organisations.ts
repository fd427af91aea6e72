import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Conveners, companies, agencies and taskforces. Ids are UUIDv7, never reused; slugs are for people. */
export const organisations = sqliteTable('organisations', {
  id: text().primaryKey(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  kind: text({ enum: ['convener', 'company', 'agency', 'taskforce'] }).notNull(),
  createdAt: text().notNull(),
  /** Bumped on every change; the ETag of the resource. */
  version: integer().notNull().default(1),
});

/** Which agencies make up a taskforce: what is sent to a taskforce goes to each of them. */
export const taskforceMembers = sqliteTable(
  'taskforce_members',
  {
    taskforceId: text()
      .notNull()
      .references(() => organisations.id),
    agencyId: text()
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.taskforceId, t.agencyId] })],
);

export const users = sqliteTable('users', {
  id: text().primaryKey(),
  /** Stored lower-case; unique. */
  email: text().notNull().unique(),
  name: text().notNull(),
  createdAt: text().notNull(),
  disabledAt: text(),
});

/** A user's role in one organisation. */
export const memberships = sqliteTable(
  'memberships',
  {
    userId: text()
      .notNull()
      .references(() => users.id),
    orgId: text()
      .notNull()
      .references(() => organisations.id),
    role: text({ enum: ['admin', 'editor', 'viewer'] }).notNull(),
    createdAt: text().notNull(),
    version: integer().notNull().default(1),
  },
  // Listing an organisation's members is the hot query; the primary key serves a user's memberships.
  (t) => [primaryKey({ columns: [t.userId, t.orgId] }), index('memberships_org_idx').on(t.orgId)],
);
