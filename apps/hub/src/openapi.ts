/**
 * The OpenAPI 3.1 document, built from the route table and the JSON Schemas of `schemas/`
 * (bundled under components.schemas with their cross-file `$ref`s rewritten), never written twice.
 */
import { schemas } from '@ewto/schemas';
import type { JsonSchema, ParamSpec, RouteTable, SchemaRef } from './routing.ts';

const ID_PREFIX = 'https://schemas.ewto.invalid/';

/** Rewrites `x.schema.json#/$defs/y` refs to `#/components/schemas/x/$defs/y`, drops `$id`/`$schema`. */
function bundle(node: unknown, self: string): unknown {
  if (Array.isArray(node)) return node.map((n) => bundle(n, self));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$id' || k === '$schema') continue;
    if (k === '$ref' && typeof v === 'string') {
      out[k] = rewriteRef(v, self);
      continue;
    }
    out[k] = bundle(v, self);
  }
  return out;
}

function rewriteRef(ref: string, self: string): string {
  const [file = '', fragment = ''] = ref.replace(ID_PREFIX, '').split('#');
  const name = file === '' ? self : file.replace(/\.schema\.json$/, '');
  return `#/components/schemas/${name}${fragment}`;
}

const ref = (s: SchemaRef): JsonSchema =>
  typeof s === 'string'
    ? { $ref: `#/components/schemas/${s.replace('#/', '/')}` }
    : (bundle(s, '') as JsonSchema);

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/problem' } } },
});

const param = (p: ParamSpec, where: 'query' | 'path' | 'header') => ({
  name: p.name,
  in: where,
  description: p.description,
  required: where === 'path' ? true : (p.required ?? false),
  schema: p.schema ?? { type: 'string' },
});

export function buildOpenApi(table: RouteTable, { hubUrl, version }: { hubUrl: string; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of table) {
    const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const pathParams = [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
    const responses: Record<string, unknown> = {};
    for (const [status, res] of Object.entries(r.responses)) {
      responses[status] = {
        description: res.description,
        ...(res.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(res.headers).map(([h, d]) => [
                  h,
                  { description: d, schema: { type: 'string' } },
                ]),
              ),
            }
          : {}),
        ...(res.schema || res.contentType
          ? {
              content: {
                [res.contentType ?? 'application/json']: res.schema ? { schema: ref(res.schema) } : {},
              },
            }
          : {}),
      };
    }
    if (r.body) responses['400'] ??= problemResponse('Malformed request body');
    if (r.body) responses['413'] ??= problemResponse('Request body over MAX_BODY_BYTES');
    if (r.body && typeof r.body.schema === 'string')
      responses['422'] ??= problemResponse('Validation failed');
    if (r.auth === 'bearer') {
      responses['401'] ??= problemResponse('Missing, invalid or expired access token');
      responses['403'] ??= problemResponse('The caller may not do this');
      responses['429'] ??= problemResponse(
        'Too many failed authentication attempts from this address or with this token; see Retry-After',
      );
    }
    responses.default = problemResponse('Error');
    paths[path] ??= {};
    paths[path][r.method] = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: r.tags,
      ...(r.auth === 'bearer' ? { security: [{ bearerAuth: [] }, { sessionCookie: [] }] } : { security: [] }),
      parameters: [
        ...pathParams.map((name) => param({ name, description: `${name} (path parameter)` }, 'path')),
        ...(r.query ?? []).map((p) => param(p, 'query')),
        ...(r.headers ?? []).map((p) => param(p, 'header')),
      ],
      ...(r.body
        ? {
            requestBody: {
              required: r.body.required ?? true,
              ...(r.body.description ? { description: r.body.description } : {}),
              content: Object.fromEntries(
                ['application/json', ...(r.body.contentTypes ?? [])].map((t) => [
                  t,
                  t === 'application/json'
                    ? {
                        schema: ref(r.body!.schema),
                        ...(r.body!.example !== undefined ? { example: r.body!.example } : {}),
                      }
                    : { schema: { type: 'string' } },
                ]),
              ),
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'EWTO Hub API',
      version,
      description:
        'The Coalition to End Wildlife Trafficking Online hub: framework alignment, action plans, intelligence exchange and keyword screening. Errors are RFC 9457 problem+json.',
    },
    servers: [{ url: hubUrl }],
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An access JWT from POST /api/v1/auth/token',
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'ewto_session',
          description:
            'Browsers: the HttpOnly session cookie (`__Host-ewto_session` on https) set by the sign-in routes; accepted only from the hub origin, and writes must send X-CSRF-Token.',
        },
      },
      schemas: Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, bundle(s, name)])),
    },
  };
}
