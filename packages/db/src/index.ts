export {
  checkDatabaseUrl,
  type Database,
  type DbHandle,
  migrateDatabase,
  migrationsFolder,
  openDatabase,
  openMigratedDatabase,
  pingDatabase,
} from './client.ts';
export { DB_ERROR_CODES, DbError, type DbErrorCode } from './errors.ts';
export { LOCK_WAIT_MS, runAsTransactionBody } from './serialise.ts';
