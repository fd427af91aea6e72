/** The keyword library (optionally as a JWS signed by the hub key) and listing screening. */
import { changesSince, type Listing, type ScreenResult, screenListing } from '@ewto/keywords';
import type { Context, Hono } from 'hono';
import { permit } from '../auth.ts';
import { ApiError } from '../problem.ts';
import { defineRoute, type RouteTable } from '../routing.ts';
import type { AppEnv } from '../types.ts';

const tags = ['keywords'];
/** `typ` of the signed library documents: a compact JWS whose payload is the JSON the plain route answers. */
export const KEYWORDS_JWS_TYPE = 'ewto-keywords+jws';
/** Most listings one screening request may carry. */
export const MAX_LISTINGS = 1000;
/** Most matches answered per listing: a listing stuffed with terms must not blow the answer up. */
export const MAX_MATCHES = 100;

function capMatches(result: ScreenResult): ScreenResult {
  if (result.matches.length <= MAX_MATCHES) return result;
  return {
    ...result,
    matches: result.matches.slice(0, MAX_MATCHES),
    matchesOmitted: result.matches.length - MAX_MATCHES,
  };
}

const formatParam = {
  name: 'format',
  description:
    '`json` (default) or `jws`: the same JSON as the payload of a compact JWS signed by the hub key (verify with /.well-known/jwks.json)',
  schema: { type: 'string', enum: ['json', 'jws'] },
};

/** Answers JSON, or the same JSON signed as a compact JWS when `?format=jws`. */
async function answer(c: Context<AppEnv>, body: unknown) {
  const format = c.req.query('format') ?? 'json';
  if (format === 'json') return c.json(body as object);
  if (format !== 'jws') throw new ApiError(400, 'bad-request', `format must be json or jws, got "${format}"`);
  const jws = await c.var.deps.keys.signBytes(
    new TextEncoder().encode(JSON.stringify(body)),
    KEYWORDS_JWS_TYPE,
    'json',
  );
  return c.body(jws, 200, { 'Content-Type': 'application/jose' });
}

export function keywordRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/keywords',
      operationId: 'getKeywordLibrary',
      summary: 'The keyword library: every term with its species group, kind, language and source; versioned',
      tags,
      auth: 'bearer',
      query: [formatParam],
      responses: {
        200: {
          description: 'The library (JSON), or a compact JWS of it with ?format=jws',
          schema: 'keyword-library',
        },
      },
    },
    async (c) => {
      await permit(c, 'keywords.read');
      const { library } = await c.var.deps.keywords.current();
      c.header('ETag', `"${library.version}"`);
      return answer(c, library);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/keywords/changes',
      operationId: 'getKeywordChanges',
      summary:
        'Terms added, changed and removed since a library version, for companies updating their filters',
      tags,
      auth: 'bearer',
      query: [
        {
          name: 'since',
          description: 'the library version you have',
          required: true,
          schema: { type: 'integer', minimum: 0 },
        },
        formatParam,
      ],
      responses: {
        200: {
          description: 'The changes (JSON), or a compact JWS of them',
          schema: 'keyword-library#/$defs/changes',
        },
      },
    },
    async (c) => {
      await permit(c, 'keywords.read');
      const raw = c.req.query('since');
      const since = Number(raw);
      if (raw === undefined || raw === '' || !Number.isInteger(since))
        throw new ApiError(400, 'bad-request', 'since must be a library version (a whole number)');
      let changes: unknown;
      try {
        changes = changesSince((await c.var.deps.keywords.current()).library, since);
      } catch (e) {
        throw new ApiError(400, 'bad-request', (e as Error).message);
      }
      return answer(c, changes);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/screen',
      operationId: 'screenListings',
      summary: `Screen a batch of listings (at most ${MAX_LISTINGS}) against the keyword library`,
      description:
        'Each result: `{ id, flagged, score, matches: [{ term, group, kind, field, start, end }] }`, offsets in UTF-16 code units of the original field; at most 100 matches per listing (`matchesOmitted` counts the rest). See docs/keywords.md for normalisation and scoring.',
      tags,
      auth: 'bearer',
      body: { schema: 'screen-request' },
      responses: {
        200: { description: 'One result per listing, in order', schema: 'screen-result#/$defs/response' },
      },
    },
    async (c) => {
      await permit(c, 'screen.run');
      const { listings } = c.var.body as { listings: Listing[] };
      if (listings.length > MAX_LISTINGS)
        throw new ApiError(
          422,
          'validation-failed',
          `at most ${MAX_LISTINGS} listings per request, got ${listings.length}`,
        );
      const { library, screener } = await c.var.deps.keywords.current();
      return c.json({
        libraryVersion: library.version,
        results: listings.map((l) => capMatches(screenListing(screener, l))),
      });
    },
  );
}
