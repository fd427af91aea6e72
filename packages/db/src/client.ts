import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient, type ResultSet } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { DbError } from './errors.ts';
import * as schema from './schema/index.ts';
import { serialiseClient } from './serialise.ts';

/**
 * The database or a transaction on it: every query function takes either, so that a change and its
 * audit entry can run in one transaction (`AuditLog.transaction` of @ewto/identity).
 */
export type Database = BaseSQLiteDatabase<'async', ResultSet, typeof schema>;

export interface DbHandle {
  db: LibSQLDatabase<typeof schema>;
  client: Client;
  /** What kind of database this is, for logs: `memory`, `file` or `server`. */
  kind: 'memory' | 'file' | 'server';
  close(): void;
}

const SCHEMES = ['file:', 'http:', 'https:', 'ws:', 'wss:', 'libsql:'];

/** Checks a DATABASE_URL; returns an error message or undefined. */
export function checkDatabaseUrl(url: string): string | undefined {
  if (url === ':memory:') return undefined;
  const scheme = /^[a-z]+:/i.exec(url)?.[0]?.toLowerCase();
  if (!scheme || !SCHEMES.includes(scheme))
    return `expected :memory:, file:<path>, http(s)://, ws(s):// or libsql:// but got "${url}"`;
  if (scheme !== 'file:') {
    try {
      new URL(url);
    } catch {
      return `"${url}" is not a valid URL`;
    }
  }
  return undefined;
}

/**
 * Opens the database named by a DATABASE_URL. Files get their folder created and WAL mode.
 * @example const { db, close } = await openDatabase({ url: 'file:./data/hub.db' });
 */
export async function openDatabase({
  url,
  authToken,
}: {
  url: string;
  authToken?: string | undefined;
}): Promise<DbHandle> {
  const problem = checkDatabaseUrl(url);
  if (problem) throw new DbError('bad-url', `DATABASE_URL: ${problem}`);
  const kind = url === ':memory:' ? 'memory' : url.startsWith('file:') ? 'file' : 'server';
  if (kind === 'file') {
    const path = url.slice('file:'.length).split('?')[0] ?? '';
    if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  // Embedded: one connection (its PRAGMAs hold for every statement), statements queued in order.
  const raw = createClient({
    url,
    ...(authToken ? { authToken } : {}),
    ...(kind !== 'server' && { concurrency: 1 }),
  });
  const client = kind === 'server' ? raw : serialiseClient(raw);
  try {
    if (kind === 'file') {
      await client.execute('PRAGMA journal_mode = WAL');
      await client.execute('PRAGMA busy_timeout = 5000');
    }
    if (kind !== 'server') await client.execute('PRAGMA foreign_keys = ON');
    else await client.execute('SELECT 1');
  } catch (cause) {
    client.close();
    throw new DbError('unreachable', `cannot open database ${redact(url)}: ${(cause as Error).message}`, {
      cause,
    });
  }
  const db = drizzle(client, { schema, casing: 'snake_case' });
  return { db, client, kind, close: () => client.close() };
}

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../migrations');

/** Applies the committed migrations (idempotent). */
export async function migrateDatabase(handle: DbHandle): Promise<void> {
  try {
    await migrate(handle.db, { migrationsFolder });
  } catch (cause) {
    throw new DbError('migration-failed', `migrations failed: ${(cause as Error).message}`, { cause });
  }
}

/** Opens and migrates: what the hub, the CLI's admin commands and each test file do. */
export async function openMigratedDatabase(opts: { url: string; authToken?: string | undefined }) {
  const handle = await openDatabase(opts);
  try {
    await migrateDatabase(handle);
  } catch (e) {
    handle.close();
    throw e;
  }
  return handle;
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** Answers when the database does (used by the health check). */
export async function pingDatabase(handle: DbHandle): Promise<void> {
  await handle.client.execute('select 1');
}
