import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Facts about this hub instance (e.g. its instance id), one row per key. */
export const hubMeta = sqliteTable('hub_meta', {
  key: text().primaryKey(),
  value: text().notNull(),
});
