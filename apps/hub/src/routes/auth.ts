/** The OAuth 2.0 token endpoint, the JWKS and the signed key-status list. */
import {
  ASSERTION_TYPE_JWT,
  GRANT_CLIENT_CREDENTIALS,
  GRANT_TOKEN_EXCHANGE,
  IdentityError,
  type IssuedToken,
} from '@ewto/identity';
import type { Context, Hono } from 'hono';
import { decodeJwt } from 'jose';
import { authFailed, clip, refuseIfThrottled } from '../auth.ts';
import { ApiError } from '../problem.ts';
import { defineRoute, type RouteTable, readJson } from '../routing.ts';
import type { AppEnv } from '../types.ts';

async function readForm(c: Context<AppEnv>): Promise<Record<string, string>> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    const data = await readJson(c);
    if (!data || typeof data !== 'object') throw oauth(400, 'invalid_request', 'expected a JSON object');
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)]));
  }
  if (type !== 'application/x-www-form-urlencoded')
    throw new ApiError(415, 'unsupported-media-type', 'send application/x-www-form-urlencoded (or JSON)');
  return Object.fromEntries(new URLSearchParams(await c.req.text()));
}

/**
 * What the rate limit counts failures against: the personal access token, or the agency client
 * (its client id, else the `iss` its assertion claims; unverified, only a counter's key).
 */
function presentedCredential(form: Record<string, string>): string | undefined {
  if (form.grant_type === GRANT_TOKEN_EXCHANGE) return form.subject_token || undefined;
  if (form.client_id) return `client:${form.client_id}`;
  try {
    const iss = form.client_assertion && decodeJwt(form.client_assertion).iss;
    return iss ? `client:${iss}` : undefined;
  } catch {
    return undefined;
  }
}

/** The grant type as the audit log records it: one of the supported values, never caller text. */
const knownGrant = (g: string | undefined) =>
  g === GRANT_TOKEN_EXCHANGE || g === GRANT_CLIENT_CREDENTIALS ? g : 'unsupported';

const oauth = (status: number, error: string, description: string) =>
  new ApiError(status, status === 401 ? 'invalid-token' : 'bad-request', description, {
    error,
    error_description: description,
  });

export function authRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/auth/token',
      operationId: 'issueToken',
      summary:
        'OAuth 2.0 token endpoint: exchange a personal access token or a client assertion for an access JWT',
      description:
        "RFC 8693 token exchange (`grant_type=urn:ietf:params:oauth:grant-type:token-exchange`, `subject_token=<personal access token>`, `subject_token_type=urn:ewto:params:oauth:token-type:personal-access-token`) or `client_credentials` with an RFC 7523 `private_key_jwt` assertion signed by an agency key registered with the hub (`client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`; `iss` = `sub` = the key's thumbprint, `aud` = this endpoint, one-time `jti`, at most 5 minutes). Errors carry the OAuth `error` member.",
      tags: ['auth'],
      auth: 'none',
      body: {
        schema: 'identity#/$defs/tokenRequest',
        contentTypes: ['application/x-www-form-urlencoded'],
      },
      responses: {
        200: { description: 'An access JWT (typ at+jwt)', schema: 'identity#/$defs/tokenResponse' },
        400: {
          description: 'invalid_request, invalid_grant or unsupported_grant_type',
          schema: 'problem',
          contentType: 'application/problem+json',
        },
        401: {
          description: 'invalid_client (bad, replayed or expired assertion)',
          schema: 'problem',
          contentType: 'application/problem+json',
        },
        429: {
          description:
            'Too many failed attempts from this address or with this credential (AUTH_FAILURES_PER_ADDRESS, AUTH_FAILURES_PER_CREDENTIAL); see Retry-After',
          schema: 'problem',
          contentType: 'application/problem+json',
          headers: { 'Retry-After': 'seconds until the window ends' },
        },
      },
    },
    async (c) => {
      const { tokens, audit } = c.var.deps;
      const form = (c.var.body as Record<string, string> | undefined) ?? (await readForm(c));
      const credential = presentedCredential(form);
      await refuseIfThrottled(c, credential);
      let issued: IssuedToken;
      try {
        if (form.grant_type === GRANT_TOKEN_EXCHANGE) {
          if (!form.subject_token) throw oauth(400, 'invalid_request', 'subject_token is required');
          issued = await tokens.exchangePat(form.subject_token, form.subject_token_type ?? '');
        } else if (form.grant_type === GRANT_CLIENT_CREDENTIALS) {
          if (form.client_assertion_type !== ASSERTION_TYPE_JWT || !form.client_assertion)
            throw oauth(
              400,
              'invalid_request',
              `client_assertion_type must be ${ASSERTION_TYPE_JWT} with a client_assertion`,
            );
          issued = await tokens.clientCredentials(form.client_assertion, form.client_id);
        } else {
          throw oauth(
            400,
            'unsupported_grant_type',
            `grant_type ${form.grant_type ?? '(none)'} is not supported`,
          );
        }
      } catch (e) {
        const reason = (e as Error).message;
        await authFailed(c, credential, {
          endpoint: 'token',
          grantType: knownGrant(form.grant_type),
          reason: clip(reason),
        });
        if (e instanceof IdentityError) {
          const error = e.extra.oauthError ?? 'invalid_grant';
          throw oauth(error === 'invalid_client' ? 401 : 400, error, reason);
        }
        throw e;
      }
      const { actor, ...response } = issued;
      await audit.record({
        action: 'token.issued',
        outcome: 'success',
        actor,
        orgId: actor.kind === 'client' ? actor.orgId : undefined,
        details: { grantType: knownGrant(form.grant_type) },
        requestId: c.var.requestId,
      });
      c.header('Cache-Control', 'no-store');
      return c.json(response);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/.well-known/jwks.json',
      operationId: 'getJwks',
      summary: "The hub's public signing keys (active and retired), kid = RFC 7638 thumbprint",
      tags: ['auth'],
      auth: 'none',
      responses: {
        200: {
          description: 'JSON Web Key Set',
          schema: 'identity#/$defs/jwks',
          contentType: 'application/jwk-set+json',
        },
      },
    },
    async (c) => {
      await c.var.deps.keys.reload();
      c.header('Cache-Control', 'public, max-age=60');
      return c.body(JSON.stringify(c.var.deps.keys.jwks()), 200, {
        'Content-Type': 'application/jwk-set+json',
      });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/keys/status',
      operationId: 'getKeyStatus',
      summary: 'Signed key-status list: every hub key with its status; compromised keys are named here',
      description:
        'A compact JWS (typ ewto-key-status+jwt) signed by the active hub key; claims `iss`, `iat`, `keys[]` with `kid`, `status` (active, retired, compromised) and dates.',
      tags: ['auth'],
      auth: 'none',
      responses: {
        200: { description: 'Compact JWS', schema: { type: 'string' }, contentType: 'application/jwt' },
      },
    },
    async (c) => {
      const jws = await c.var.deps.keys.keyStatusList(c.var.deps.config.hubUrl);
      return c.body(jws, 200, { 'Content-Type': 'application/jwt' });
    },
  );
}
