import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '@ewto/db';
import { hubMeta } from '@ewto/db/schema';
import { eq } from 'drizzle-orm';
import { IdentityError } from './errors.ts';

/** Cursor pagination: `?cursor=&limit=` → `{ items, nextCursor }`. Cursors are opaque to clients. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/**
 * Cursors are signed (HMAC-SHA-256, 128 bits) with a secret kept in the database (`hub_meta`), so
 * every hub process on one database accepts the cursors any of them gave out, also after a restart,
 * and nothing else: a well-formed cursor the hub did not sign is a 400, never a page from elsewhere.
 * The hub runs each request inside `withCursorSecret`; code outside a request (tests, tools) signs
 * with a secret of its process.
 */
const secrets = new AsyncLocalStorage<string>();
const processSecret = randomBytes(32).toString('base64url');
const CURSOR_SECRET_KEY = 'cursor.secret';

/** Runs `fn` with the secret that signs and checks the cursors it gives out and takes. */
export function withCursorSecret<T>(secret: string, fn: () => T): T {
  return secrets.run(secret, fn);
}

/** The database's cursor secret, created on first use (shared by every hub process on it). */
export async function loadCursorSecret(db: Database): Promise<string> {
  const read = async () => (await db.select().from(hubMeta).where(eq(hubMeta.key, CURSOR_SECRET_KEY)))[0];
  const found = await read();
  if (found) return found.value;
  await db
    .insert(hubMeta)
    .values({ key: CURSOR_SECRET_KEY, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  return (await read())!.value;
}

const mac = (key: string) =>
  createHmac('sha256', secrets.getStore() ?? processSecret)
    .update(`ewto-cursor:${key}`)
    .digest()
    .subarray(0, 16);

/** An opaque, signed cursor for `key`. */
export const encodeCursor = (key: string) =>
  `${Buffer.from(key, 'utf8').toString('base64url')}.${mac(key).toString('base64url')}`;

const notOurs = () =>
  new IdentityError('bad-request', 'cursor is not one this hub gave out: pass nextCursor unchanged');

/** The key inside a cursor this hub gave out; anything else is a 400, never a silent restart. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const m = /^([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]{22})$/.exec(cursor);
  if (!m) throw notOurs();
  const key = Buffer.from(m[1]!, 'base64url').toString('utf8');
  const given = Buffer.from(m[2]!, 'base64url');
  if (given.length !== 16 || !timingSafeEqual(given, mac(key))) throw notOurs();
  return key;
}

/** A cursor over integer keys (e.g. audit seqs). */
export function decodeIntCursor(cursor: string | undefined): number | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  const n = Number(key);
  if (!Number.isSafeInteger(n)) throw notOurs();
  return n;
}

/** Builds a page from `limit + 1` rows sorted by key. */
export function toPage<T>(rows: T[], limit: number, key: (row: T) => string): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: more && last !== undefined ? encodeCursor(key(last)) : null };
}
