/** Small request helpers shared by routes: pagination, ETags, Location. */
import type { Context } from 'hono';
import { ApiError } from './problem.ts';
import type { AppEnv } from './types.ts';

export const pageParams = [
  { name: 'cursor', description: 'nextCursor of the previous page' },
  {
    name: 'limit',
    description: 'items per page (1-200, default 50)',
    schema: { type: 'integer', minimum: 1, maximum: 200 },
  },
];

export function pageQuery(c: Context<AppEnv>): { cursor?: string; limit?: number } {
  const cursor = c.req.query('cursor') || undefined;
  const raw = c.req.query('limit');
  if (raw === undefined || raw === '') return cursor ? { cursor } : {};
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    throw new ApiError(400, 'bad-request', `limit must be a whole number from 1 to 200, got "${raw}"`);
  return { ...(cursor ? { cursor } : {}), limit };
}

export const etag = (version: number) => `"${version}"`;

/** The version named by If-Match, or undefined when the header is absent. */
export function ifMatch(c: Context<AppEnv>): number | undefined {
  const h = c.req.header('if-match');
  if (h === undefined) return undefined;
  const n = Number(h.replace(/^W\//, '').replaceAll('"', '').trim());
  if (!Number.isInteger(n)) throw new ApiError(412, 'precondition-failed', `If-Match ${h} does not match`);
  return n;
}

/** 201 Created with a Location header. */
export function created(c: Context<AppEnv>, path: string, body: unknown) {
  c.header('Location', `${c.var.deps.config.hubUrl}${path}`);
  return c.json(body as object, 201);
}

/** A path parameter the route declares (hono types it as optional when the handler is untyped). */
export function param(c: Context<AppEnv>, name: string): string {
  const v = c.req.param(name);
  if (v === undefined) throw new ApiError(404, 'not-found', `missing path parameter ${name}`);
  return v;
}
