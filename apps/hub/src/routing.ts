/**
 * The route table: each route is declared once, with the metadata the OpenAPI document is built
 * from, and registered on the hono app by the same call. Declared JSON bodies are parsed and
 * validated against their JSON Schema before the handler runs.
 */
import { decodeUtf8, jsonTooDeep, type SchemaPath, validate } from '@ewto/schemas';
import type { Context, Handler, Hono } from 'hono';
import { requireActor } from './auth.ts';
import { ApiError } from './problem.ts';
import type { AppEnv } from './types.ts';

export type JsonSchema = Record<string, unknown>;
/** A schema of `schemas/` (`identity`, or a definition `identity#/$defs/member`), or an inline JSON Schema. */
export type SchemaRef = SchemaPath | JsonSchema;

export interface ParamSpec {
  name: string;
  description: string;
  schema?: JsonSchema;
  required?: boolean;
}

export interface ResponseSpec {
  description: string;
  schema?: SchemaRef;
  /** Defaults to application/json when a schema is given. */
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** hono-style path, e.g. `/api/v1/orgs/:org`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** `bearer`: needs `Authorization: Bearer <access JWT>`. */
  auth: 'none' | 'bearer';
  query?: ParamSpec[];
  headers?: ParamSpec[];
  body?: {
    schema: SchemaRef;
    /** Extra accepted media types (e.g. application/yaml); the handler parses those itself. */
    contentTypes?: string[];
    description?: string;
    required?: boolean;
    /** A complete, valid request body, shown in the OpenAPI document (and checked against the schema by the tests). */
    example?: unknown;
  };
  responses: Record<number, ResponseSpec>;
}

export type RouteTable = RouteSpec[];

/** Registers `spec` on `app` and records it in `table`. */
export function defineRoute(app: Hono<AppEnv>, table: RouteTable, spec: RouteSpec, handler: Handler<AppEnv>) {
  table.push(spec);
  if (spec.auth === 'bearer')
    app.on(spec.method.toUpperCase(), spec.path, async (c, next) => {
      requireActor(c);
      return next();
    });
  const body = spec.body;
  if (body && typeof body.schema === 'string') {
    const schemaName = body.schema;
    const extra = body.contentTypes ?? [];
    app.on(spec.method.toUpperCase(), spec.path, async (c, next) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (extra.includes(type)) return next();
      if (type !== 'application/json' && !type.endsWith('+json') && type !== '')
        throw new ApiError(
          415,
          'unsupported-media-type',
          `expected application/json${extra.length ? ` or ${extra.join(', ')}` : ''}, got ${type}`,
        );
      const data = await readJson(c);
      const issues = validate(schemaName, data);
      if (issues.length) throw new ApiError(422, 'validation-failed', issues[0]!.message, { errors: issues });
      c.set('body', data);
      return next();
    });
  }
  app.on(spec.method.toUpperCase(), spec.path, handler);
}

/** Parses the request body as JSON, answering 400 with the parser's message when it is malformed. */
export async function readJson(c: Context<AppEnv>): Promise<unknown> {
  // Strict decoding: bytes that are not UTF-8 are refused (400 naming the offset), never replaced by U+FFFD.
  const decoded = decodeUtf8(new Uint8Array(await c.req.arrayBuffer()));
  if (!decoded.ok) throw new ApiError(400, 'invalid-utf8', decoded.message, { offset: decoded.offset });
  const text = decoded.text.replace(/^\uFEFF/, ''); // a leading byte-order mark is ignored, as fetch's text() does
  if (text.trim() === '')
    throw new ApiError(400, 'malformed-json', 'the request body is empty; expected JSON');
  // Nothing after this point (parsing, validation, handlers) sees deeper nesting than a document may have.
  const deep = jsonTooDeep(text);
  if (deep)
    throw new ApiError(
      422,
      'too-deep',
      `the request body nests more than ${deep.max} levels deep (line ${deep.line}, column ${deep.col})`,
      {
        errors: [
          { pointer: '', message: `nests more than ${deep.max} levels`, line: deep.line, col: deep.col },
        ],
      },
    );
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, 'malformed-json', `the request body is not valid JSON: ${(e as Error).message}`);
  }
  return data;
}
