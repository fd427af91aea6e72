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

const CURSOR_PREFIX = 'c1:';

export const encodeCursor = (key: string) => btoa(`${CURSOR_PREFIX}${key}`).replaceAll('=', '');

/** The key inside a cursor this hub gave out; anything else is a 400, never a silent restart. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  let text: string;
  try {
    text = atob(cursor);
  } catch {
    text = '';
  }
  if (!text.startsWith(CURSOR_PREFIX))
    throw new IdentityError('bad-request', 'cursor is not one this hub gave out: pass nextCursor unchanged');
  return text.slice(CURSOR_PREFIX.length);
}

/** A cursor over integer keys (e.g. audit seqs). */
export function decodeIntCursor(cursor: string | undefined): number | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  const n = Number(key);
  if (!Number.isSafeInteger(n)) throw new IdentityError('bad-request', 'cursor is not one this hub gave out');
  return n;
}

/** Builds a page from `limit + 1` rows sorted by key. */
export function toPage<T>(rows: T[], limit: number, key: (row: T) => string): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: more && last !== undefined ? encodeCursor(key(last)) : null };
}
