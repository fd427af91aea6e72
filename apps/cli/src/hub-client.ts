/** Talking to a hub: `--hub <url>` and the token in EWTO_TOKEN (an access JWT, or a personal access token that is exchanged first). */
import { importJWK, type JWK, SignJWT } from 'jose';
import { CliError, type Io } from './cli.ts';

const PAT_PREFIX = 'ewto_pat_';

export interface HubClient {
  base: string;
  get<T>(path: string): Promise<T>;
  getText(path: string): Promise<string>;
  /** Any request with the caller's token; the response as it is, an error status included. */
  send(method: string, path: string, init?: { body?: string; contentType?: string }): Promise<Response>;
}

export function hubUrl(value: unknown): string {
  if (typeof value !== 'string' || !value) throw new CliError('usage', '--hub <url> is required');
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new CliError('usage', `--hub must be an http(s) URL, got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

export async function problemText(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const p = JSON.parse(text) as { detail?: string; title?: string };
    return `${res.status} ${p.title ?? ''}: ${p.detail ?? ''}`.trim();
  } catch {
    return `${res.status} ${text.slice(0, 200)}`;
  }
}

async function call(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    throw new CliError('usage', `cannot reach ${url}: ${(e as Error).cause ?? (e as Error).message}`);
  }
}

/** Exchanges a personal access token for an access JWT (RFC 8693). */
export async function exchangePat(base: string, pat: string): Promise<string> {
  const res = await call(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: pat,
      subject_token_type: 'urn:ewto:params:oauth:token-type:personal-access-token',
    }),
  });
  if (!res.ok) throw new CliError('hub-error', `token exchange failed: ${await problemText(res)}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Redeems an invitation code for a personal access token scoped to the inviting organisation. */
export async function redeemInvitation(
  base: string,
  code: string,
  name?: string,
): Promise<{ token: string; info: { id: string; scopeOrgId: string; expiresAt: string } }> {
  const res = await call(`${base}/api/v1/invitations/redeem`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, ...(name ? { name } : {}) }),
  });
  if (!res.ok) throw new CliError('hub-error', `invitation not redeemed: ${await problemText(res)}`);
  return (await res.json()) as { token: string; info: { id: string; scopeOrgId: string; expiresAt: string } };
}

export async function connect(io: Io, hub: unknown, { auth = true } = {}): Promise<HubClient> {
  const base = hubUrl(hub);
  let token = io.env.EWTO_TOKEN;
  if (auth && !token)
    throw new CliError('usage', 'set EWTO_TOKEN to an access token or personal access token');
  if (token?.startsWith(PAT_PREFIX)) token = await exchangePat(base, token);
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const getRes = async (path: string) => {
    const res = await call(`${base}${path}`, { headers });
    if (!res.ok) throw new CliError('hub-error', `GET ${path}: ${await problemText(res)}`);
    return res;
  };
  return {
    base,
    get: async <T>(path: string) => (await (await getRes(path)).json()) as T,
    getText: async (path: string) => (await getRes(path)).text(),
    send: (method, path, init = {}) =>
      call(`${base}${path}`, {
        method,
        headers: { ...headers, ...(init.contentType ? { 'content-type': init.contentType } : {}) },
        ...(init.body !== undefined ? { body: init.body } : {}),
      }),
  };
}

/** Follows `nextCursor` through every page of a list. */
export async function* allPages<T>(client: HubClient, path: string): AsyncGenerator<T> {
  let cursor: string | null = null;
  const sep = path.includes('?') ? '&' : '?';
  do {
    const page: { items: T[]; nextCursor: string | null } = await client.get(
      `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

/**
 * An agency machine client's one-time RFC 7523 assertion (`private_key_jwt`), signed with its
 * Ed25519 private JWK: `iss` = `sub` = the key's kid (the client id), `aud` = the token endpoint.
 */
export async function signClientAssertion(
  jwk: JWK & { kid: string },
  tokenEndpoint: string,
  { lifetime = '60s', jti = crypto.randomUUID() }: { lifetime?: string | number; jti?: string } = {},
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setIssuer(jwk.kid)
    .setSubject(jwk.kid)
    .setAudience(tokenEndpoint)
    .setIssuedAt()
    .setExpirationTime(lifetime)
    .setJti(jti)
    .sign(await importJWK(jwk, 'EdDSA'));
}

/** Sends a client assertion to the token endpoint (`client_credentials`); answers the raw response. */
export async function requestClientToken(tokenEndpoint: string, assertion: string): Promise<Response> {
  return call(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }),
  });
}
