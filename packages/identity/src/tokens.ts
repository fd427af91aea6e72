/**
 * Access tokens (RFC 9068 `at+jwt`, EdDSA), issued at the OAuth 2.0 token endpoint for a personal
 * access token (RFC 8693 token exchange) or an agency client's `private_key_jwt` assertion
 * (RFC 7523, `client_credentials`), and verified as RFC 8725 asks: an algorithm allow-list,
 * explicit `typ`, `iss`/`aud`/`exp`/`nbf` checked with a small clock tolerance, keys only from the
 * hub's own key store (never from token headers).
 */
import type { Database } from '@ewto/db';
import { usedAssertionIds } from '@ewto/db/schema';
import { lt } from 'drizzle-orm';
import { decodeJwt, decodeProtectedHeader, importJWK, type JWTPayload, jwtVerify } from 'jose';
import { findOrg } from './accounts.ts';
import type { Actor } from './actor.ts';
import { findUsablePat, getClientKey, getPat, touchPat } from './credentials.ts';
import { IdentityError } from './errors.ts';
import { loopbackAliases } from './hub-url.ts';
import { newId, nowIso } from './ids.ts';
import type { HubKeyStore } from './keystore.ts';
import { loadUserActor } from './user-actor.ts';

export const GRANT_TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const GRANT_CLIENT_CREDENTIALS = 'client_credentials';
export const TOKEN_TYPE_PAT = 'urn:ewto:params:oauth:token-type:personal-access-token';
export const TOKEN_TYPE_ACCESS = 'urn:ietf:params:oauth:token-type:access_token';
export const ASSERTION_TYPE_JWT = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Longest lifetime accepted for a client assertion (seconds). */
export const MAX_ASSERTION_LIFETIME = 300;

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  issued_token_type?: string;
  /** Not part of the response: who got it, for the audit log. */
  actor: Actor;
}

export interface TokenServiceOptions {
  db: Database;
  keys: HubKeyStore;
  /** HUB_URL: `iss` and `aud` of access tokens. */
  issuer: string;
  /** Access-token lifetime in seconds. */
  ttl?: number;
  /** Clock tolerance in seconds. */
  clockTolerance?: number;
}

const invalidToken = (why: string, cause?: unknown) =>
  new IdentityError('invalid-token', why, cause ? { cause } : {});

export class TokenService {
  readonly tokenEndpoint: string;
  readonly #db: Database;
  readonly #keys: HubKeyStore;
  readonly #issuer: string;
  readonly #ttl: number;
  readonly #tolerance: number;

  constructor({ db, keys, issuer, ttl = 900, clockTolerance = 30 }: TokenServiceOptions) {
    this.#db = db;
    this.#keys = keys;
    this.#issuer = issuer;
    this.#ttl = ttl;
    this.#tolerance = clockTolerance;
    this.tokenEndpoint = `${issuer}/api/v1/auth/token`;
  }

  async #mint(claims: JWTPayload): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return this.#keys.signJwt(
      {
        ...claims,
        iss: this.#issuer,
        aud: this.#issuer,
        iat: now,
        nbf: now,
        exp: now + this.#ttl,
        jti: newId(),
      },
      'at+jwt',
    );
  }

  /** RFC 8693: a personal access token in, an access JWT out. */
  async exchangePat(subjectToken: string, subjectTokenType: string): Promise<IssuedToken> {
    if (subjectTokenType !== TOKEN_TYPE_PAT && subjectTokenType !== TOKEN_TYPE_ACCESS)
      throw new IdentityError('invalid', `subject_token_type must be ${TOKEN_TYPE_PAT}`, {
        oauthError: 'invalid_request',
      });
    const pat = await findUsablePat(this.#db, subjectToken);
    if (!pat)
      throw new IdentityError('invalid-token', 'the personal access token is unknown, revoked or expired', {
        oauthError: 'invalid_grant',
      });
    let actor: Actor;
    try {
      actor = await loadUserActor(this.#db, {
        userId: pat.userId,
        credentialId: pat.id,
        scopeOrgId: pat.scopeOrgId,
      });
    } catch (e) {
      if (!(e instanceof IdentityError)) throw e;
      throw new IdentityError('invalid-token', e.message, { oauthError: 'invalid_grant' });
    }
    await touchPat(this.#db, pat.id);
    const access_token = await this.#mint({
      sub: pat.userId,
      client_id: 'ewto-personal-access-token',
      sid: pat.id,
      // The credential's organisation scope (absent: unscoped). The PAT row stays the authority.
      ...(pat.scopeOrgId ? { org: pat.scopeOrgId } : {}),
    });
    return {
      access_token,
      token_type: 'Bearer',
      expires_in: this.#ttl,
      issued_token_type: TOKEN_TYPE_ACCESS,
      actor,
    };
  }

  /** RFC 7523 `private_key_jwt`: an agency client's one-time signed assertion in, an access JWT out. */
  async clientCredentials(assertion: string, clientIdParam: string | undefined): Promise<IssuedToken> {
    const bad = (why: string, cause?: unknown) =>
      new IdentityError('invalid-token', why, { oauthError: 'invalid_client', ...(cause ? { cause } : {}) });
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(assertion);
    } catch (e) {
      throw bad('client_assertion is not a JWT', e);
    }
    const clientId = unverified.iss;
    if (!clientId || unverified.sub !== clientId)
      throw bad('client_assertion must have iss = sub = the client id');
    if (clientIdParam !== undefined && clientIdParam !== clientId)
      throw bad('client_id does not match the assertion');
    const key = await getClientKey(this.#db, clientId);
    if (key?.use !== 'sig' || key.revokedAt) throw bad('unknown or revoked client');
    const org = await findOrg(this.#db, key.orgId);
    if (org?.kind !== 'agency') throw bad('the client does not belong to an agency');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(assertion, await importJWK(key.publicJwk, 'EdDSA'), {
        algorithms: ['EdDSA'],
        issuer: clientId,
        subject: clientId,
        audience: [...loopbackAliases(this.tokenEndpoint), ...loopbackAliases(this.#issuer)],
        clockTolerance: this.#tolerance,
        requiredClaims: ['exp', 'iat', 'jti'],
      }));
    } catch (e) {
      const aud = (e as { claim?: string }).claim === 'aud' ? ` (it must be ${this.tokenEndpoint})` : '';
      throw bad(`client_assertion rejected: ${(e as Error).message}${aud}`, e);
    }
    const header = decodeProtectedHeader(assertion);
    if (header.typ && !['JWT', 'client-authentication+jwt'].includes(header.typ))
      throw bad(`client_assertion has typ ${header.typ}; expected JWT or client-authentication+jwt`);
    const now = Math.floor(Date.now() / 1000);
    if (
      payload.exp! - payload.iat! > MAX_ASSERTION_LIFETIME ||
      payload.exp! - now > MAX_ASSERTION_LIFETIME + this.#tolerance
    )
      throw bad(`client_assertion must expire within ${MAX_ASSERTION_LIFETIME} seconds`);
    await this.#consumeJti(String(payload.jti), clientId, payload.exp!);
    const actor: Actor = {
      kind: 'client',
      clientId,
      orgId: org.id,
      orgKind: org.kind,
      orgSlug: org.slug,
      scopeOrgId: org.id,
    };
    const access_token = await this.#mint({ sub: clientId, client_id: clientId, org: org.id });
    return { access_token, token_type: 'Bearer', expires_in: this.#ttl, actor };
  }

  /** Records a client assertion's jti; a second use (also after a restart) is a replay and fails. */
  async #consumeJti(jti: string, clientId: string, exp: number): Promise<void> {
    await this.#db.delete(usedAssertionIds).where(lt(usedAssertionIds.expiresAt, nowIso()));
    try {
      await this.#db
        .insert(usedAssertionIds)
        .values({ jti: `${clientId}:${jti}`, clientId, expiresAt: nowIso((exp + this.#tolerance) * 1000) });
    } catch (e) {
      throw new IdentityError('invalid-token', 'client_assertion was already used (replay)', {
        oauthError: 'invalid_client',
        cause: e,
      });
    }
  }

  /** Verifies a bearer access token and loads who it stands for, as of now. */
  async verifyAccessToken(token: string): Promise<Actor> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(
        token,
        async (header) => {
          if (!header.kid) throw invalidToken('token has no kid');
          const key = await this.#keys.verificationKey(header.kid);
          if (!key) throw invalidToken(`unknown or compromised key ${header.kid}`);
          return key;
        },
        {
          algorithms: ['EdDSA'],
          typ: 'at+jwt',
          issuer: this.#issuer,
          audience: this.#issuer,
          clockTolerance: this.#tolerance,
          requiredClaims: ['exp', 'iat', 'nbf', 'jti', 'sub'],
        },
      ));
    } catch (e) {
      if (e instanceof IdentityError) throw e;
      throw invalidToken(`invalid access token: ${(e as Error).message}`, e);
    }
    if (typeof payload.sid === 'string') {
      const pat = await getPat(this.#db, payload.sid);
      if (!pat || pat.revokedAt || pat.expiresAt <= nowIso() || pat.userId !== payload.sub)
        throw invalidToken('the personal access token behind this access token was revoked or expired');
      if ((payload.org ?? null) !== pat.scopeOrgId)
        throw invalidToken('the access token does not carry the scope of its personal access token');
      return loadUserActor(this.#db, {
        userId: pat.userId,
        credentialId: pat.id,
        scopeOrgId: pat.scopeOrgId,
      });
    }
    const key = await getClientKey(this.#db, payload.sub!);
    if (!key || key.revokedAt || key.orgId !== payload.org) throw invalidToken('the client key was revoked');
    const org = await findOrg(this.#db, key.orgId);
    if (!org) throw invalidToken('the client organisation no longer exists');
    return {
      kind: 'client',
      clientId: key.kid,
      orgId: org.id,
      orgKind: org.kind,
      orgSlug: org.slug,
      scopeOrgId: org.id,
    };
  }
}
