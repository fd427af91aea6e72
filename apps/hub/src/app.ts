/**
 * The hono app, without listen: tests call `app.request()`; server.ts serves it.
 */

import { withCursorSecret } from '@ewto/identity';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate } from './auth.ts';
import { buildOpenApi } from './openapi.ts';
import { ApiError, makeProblem, statusForCode } from './problem.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { frameworkRoutes } from './routes/frameworks.ts';
import { healthRoutes } from './routes/health.ts';
import { intelRoutes } from './routes/intel/index.ts';
import { invitationRoutes } from './routes/invitations.ts';
import { keywordRoutes } from './routes/keywords.ts';
import { meRoutes } from './routes/me.ts';
import { memberTokenRoutes } from './routes/member-tokens.ts';
import { orgRoutes } from './routes/orgs.ts';
import { passkeyRoutes } from './routes/passkeys.ts';
import { plansRoutes } from './routes/plans/index.ts';
import { policyReportRoutes } from './routes/policy-reports.ts';
import { demoRoutes, sessionRoutes } from './routes/sessions.ts';
import { defineRoute, type RouteTable } from './routing.ts';
import type { AppEnv, HubDeps } from './types.ts';
import { HUB_VERSION } from './version.ts';

/**
 * The web UI's scripts and styles come from the hub itself (Mantine adds inline styles); nothing may
 * frame it.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  connectSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  frameAncestors: ["'none'"],
};

export interface HubApp {
  app: Hono<AppEnv>;
  /** Every route the app serves, as declared (the OpenAPI document is built from it). */
  routes: RouteTable;
}

export function createApp(deps: HubDeps): HubApp {
  const app = new Hono<AppEnv>();
  const routes: RouteTable = [];
  const { log, config } = deps;

  // Our own id for every request (a client-supplied X-Request-Id is not trusted: it goes into the audit log).
  app.use(async (c, next) => {
    const id = crypto.randomUUID();
    c.set('requestId', id);
    c.header('X-Request-Id', id);
    await next();
  });
  // Cursors given out and taken in this request are signed with the database's secret.
  app.use((_c, next) => withCursorSecret(deps.cursorSecret, next));
  app.use(async (c, next) => {
    c.set('deps', deps);
    const start = performance.now();
    await next();
    log.info('request', {
      requestId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
    });
  });
  // On every response, errors and the web UI included (set after the handler, so nothing overrides them).
  app.use(
    secureHeaders({
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      xContentTypeOptions: 'nosniff',
      referrerPolicy: 'no-referrer',
    }),
  );
  // What was sent with credentials is never stored by a browser or a shared cache.
  app.use(async (c, next) => {
    await next();
    const credentialed =
      c.req.header('authorization') !== undefined || (c.var.actor && c.var.actor.kind !== 'anonymous');
    if (credentialed) c.header('Cache-Control', 'no-store');
  });
  app.use(
    bodyLimit({
      maxSize: config.maxBodyBytes,
      onError: () => {
        throw new ApiError(
          413,
          'body-too-large',
          `request body over ${config.maxBodyBytes} bytes (MAX_BODY_BYTES)`,
        );
      },
    }),
  );

  app.onError((err, c) => {
    const rid = c.var.requestId ?? 'unknown';
    let status: number;
    let code: string;
    let detail: string | undefined;
    let extra: Record<string, unknown> = {};
    let headers: Record<string, string> = {};
    if (err instanceof ApiError) {
      ({ status, code } = err);
      detail = err.message;
      const { headers: h, ...rest } = err.extra;
      headers = h ?? {};
      extra = rest;
    } else if (err instanceof HTTPException) {
      status = err.status;
      code = status === 413 ? 'body-too-large' : 'bad-request';
      detail = err.message;
    } else if ('code' in err && typeof err.code === 'string' && statusForCode(err.code) !== 500) {
      code = err.code;
      status = statusForCode(code);
      detail = err.message;
      const issues = (err as { issues?: unknown }).issues;
      if (Array.isArray(issues)) extra = { errors: issues };
    } else {
      status = 500;
      code = 'internal';
      detail = 'internal error; the request id identifies it in the hub log';
      log.error('unhandled error', { requestId: rid, error: err.message, stack: err.stack });
    }
    const body = makeProblem(status, code, detail, rid, { instance: c.req.path, ...extra });
    return c.body(JSON.stringify(body), status as 400, {
      ...headers,
      'Content-Type': 'application/problem+json',
    });
  });
  app.notFound((c) =>
    c.body(
      JSON.stringify(
        makeProblem(
          404,
          'not-found',
          `no route for ${c.req.method} ${c.req.path}`,
          c.var.requestId ?? 'unknown',
          {
            instance: c.req.path,
          },
        ),
      ),
      404,
      { 'Content-Type': 'application/problem+json' },
    ),
  );

  app.use(authenticate);
  healthRoutes(app, routes);
  authRoutes(app, routes);
  meRoutes(app, routes);
  orgRoutes(app, routes);
  memberTokenRoutes(app, routes);
  invitationRoutes(app, routes);
  auditRoutes(app, routes);
  frameworkRoutes(app, routes);
  keywordRoutes(app, routes);
  intelRoutes(app, routes);
  plansRoutes(app, routes);
  policyReportRoutes(app, routes);
  sessionRoutes(app, routes);
  passkeyRoutes(app, routes);
  if (config.demo) demoRoutes(app, routes);

  let openapi: unknown;
  defineRoute(
    app,
    routes,
    {
      method: 'get',
      path: '/api/v1/openapi.json',
      operationId: 'getOpenApi',
      summary: 'This OpenAPI 3.1 document',
      tags: ['meta'],
      auth: 'none',
      responses: { 200: { description: 'OpenAPI 3.1 document', schema: { type: 'object' } } },
    },
    (c) => {
      openapi ??= buildOpenApi(routes, { hubUrl: config.hubUrl, version: HUB_VERSION });
      return c.json(openapi as object);
    },
  );
  return { app, routes };
}
