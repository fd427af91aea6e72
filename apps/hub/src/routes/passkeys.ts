/**
 * Passkeys (WebAuthn, verified by @simplewebauthn/server): a signed-in person registers one; anyone
 * signs in with one (discoverable credentials, so no user name is asked). The relying-party id is
 * the host of HUB_URL and the expected origin its origin. A passkey keeps the organisation scope of
 * the credential that registered it, and so does every session it opens.
 */
import {
  addPasskey,
  credentialScope,
  findPasskey,
  findUser,
  listPasskeys,
  recordPasskeyUse,
  revokePasskey,
  saveChallenge,
  takeChallenge,
} from '@ewto/identity';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Context, Hono } from 'hono';
import { audited, authFailed, clip, refuseIfThrottled, requireActor } from '../auth.ts';
import { created, param } from '../http.ts';
import { ApiError } from '../problem.ts';
import { defineRoute, type RouteTable } from '../routing.ts';
import { openSession } from '../services/sessions.ts';
import { checkOrigin, hubOrigin } from '../session-cookie.ts';
import type { AppEnv } from '../types.ts';

const tags = ['sessions'];
const RP_NAME = 'EWTO Hub';
const problem = (description: string) => ({
  description,
  schema: 'problem' as const,
  contentType: 'application/problem+json',
});

const rp = (c: Context<AppEnv>) => {
  const { config } = c.var.deps;
  return { id: new URL(config.hubUrl).hostname, origin: hubOrigin(config) };
};

/** The challenge the browser signed, read from the response's clientDataJSON. */
function challengeOf(response: { response?: { clientDataJSON?: unknown } }): string {
  try {
    const json = isoBase64URL.toUTF8String(String(response.response?.clientDataJSON ?? ''));
    const challenge = (JSON.parse(json) as { challenge?: unknown }).challenge;
    if (typeof challenge === 'string' && challenge) return challenge;
  } catch {
    // answered below
  }
  throw new ApiError(
    400,
    'bad-request',
    'response.response.clientDataJSON is not a WebAuthn client data object',
  );
}

function userActor(c: Context<AppEnv>) {
  const a = requireActor(c);
  if (a.kind !== 'user') throw new ApiError(403, 'forbidden', 'only people register passkeys');
  return a;
}

export function passkeyRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/auth/passkeys/registration/options',
      operationId: 'passkeyRegistrationOptions',
      summary: 'Start registering a passkey for myself: WebAuthn creation options (valid 5 minutes)',
      tags,
      auth: 'bearer',
      responses: {
        200: {
          description: 'PublicKeyCredentialCreationOptionsJSON',
          schema: 'session#/$defs/webauthnOptions',
        },
      },
    },
    async (c) => {
      const a = userActor(c);
      const { db } = c.var.deps;
      const user = await findUser(db, a.userId);
      const existing = await listPasskeys(db, a.userId);
      const options = await generateRegistrationOptions({
        rpName: RP_NAME,
        rpID: rp(c).id,
        userName: a.email,
        userDisplayName: user?.name ?? a.email,
        userID: new TextEncoder().encode(a.userId),
        attestationType: 'none',
        excludeCredentials: existing.map((p) => ({
          id: p.credentialId,
          ...(p.transports ? { transports: p.transports } : {}),
        })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      });
      await saveChallenge(db, {
        challenge: options.challenge,
        purpose: 'register',
        userId: a.userId,
        scopeOrgId: credentialScope(a),
      });
      c.header('Cache-Control', 'no-store');
      return c.json(options);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/auth/passkeys/registration',
      operationId: 'registerPasskey',
      summary: "Finish registering a passkey: the authenticator's answer to the creation options",
      tags,
      auth: 'bearer',
      body: { schema: 'session#/$defs/passkeyRegistration' },
      responses: {
        201: { description: 'The registered passkey', schema: 'session#/$defs/passkey' },
        400: problem('The challenge is unknown or expired, or the answer does not verify'),
      },
    },
    async (c) => {
      const a = userActor(c);
      const { db } = c.var.deps;
      const body = c.var.body as { name?: string; response: RegistrationResponseJSON };
      const stored = await takeChallenge(db, challengeOf(body.response), 'register');
      if (!stored || stored.userId !== a.userId)
        throw new ApiError(
          400,
          'bad-request',
          'the registration challenge is unknown or expired: start again',
        );
      let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
      try {
        verified = await verifyRegistrationResponse({
          response: body.response,
          expectedChallenge: stored.challenge,
          expectedOrigin: rp(c).origin,
          expectedRPID: rp(c).id,
          requireUserVerification: true,
        });
      } catch (e) {
        throw new ApiError(400, 'bad-request', `the passkey could not be verified: ${(e as Error).message}`);
      }
      if (!verified.verified || !verified.registrationInfo)
        throw new ApiError(400, 'bad-request', 'the passkey could not be verified');
      const { credential } = verified.registrationInfo;
      const info = await audited(c, async (tx, record) => {
        const added = await addPasskey(tx, {
          credentialId: credential.id,
          userId: a.userId,
          name: body.name?.trim() || 'Passkey',
          publicKey: isoBase64URL.fromBuffer(credential.publicKey),
          counter: credential.counter,
          transports: credential.transports ?? null,
          // The scope of the credential that asked for the challenge (inherited, never widened).
          scopeOrgId: stored.scopeOrgId,
        });
        record('passkey.registered', {
          resource: { type: 'passkey', id: added.id },
          details: { scoped: Boolean(added.scopeOrgId) },
        });
        return added;
      });
      return created(c, `/api/v1/me/passkeys/${info.id}`, info);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/auth/passkeys/authentication/options',
      operationId: 'passkeyAuthenticationOptions',
      summary: 'Start signing in with a passkey: WebAuthn request options (valid 5 minutes)',
      tags,
      auth: 'none',
      responses: {
        200: {
          description: 'PublicKeyCredentialRequestOptionsJSON',
          schema: 'session#/$defs/webauthnOptions',
        },
      },
    },
    async (c) => {
      checkOrigin(c, { required: false });
      const options = await generateAuthenticationOptions({ rpID: rp(c).id, userVerification: 'required' });
      await saveChallenge(c.var.deps.db, {
        challenge: options.challenge,
        purpose: 'authenticate',
        userId: null,
        scopeOrgId: null,
      });
      c.header('Cache-Control', 'no-store');
      return c.json(options);
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/auth/passkeys/authentication',
      operationId: 'signInWithPasskey',
      summary: "Sign in with a passkey: the authenticator's answer opens a browser session (cookie)",
      tags,
      auth: 'none',
      body: { schema: 'session#/$defs/passkeyAuthentication' },
      responses: {
        201: {
          description: 'Signed in',
          schema: 'session#/$defs/session',
          headers: { 'Set-Cookie': 'the session cookie' },
        },
        401: problem('Unknown passkey, expired challenge, or the answer does not verify'),
      },
    },
    async (c) => {
      checkOrigin(c, { required: false });
      const { db } = c.var.deps;
      const { response } = c.var.body as { response: AuthenticationResponseJSON };
      const credential = typeof response?.id === 'string' ? `passkey:${response.id}` : undefined;
      await refuseIfThrottled(c, credential);
      const failed = async (why: string): Promise<never> => {
        await authFailed(c, credential, { endpoint: 'passkey', reason: clip(why) });
        throw new ApiError(401, 'invalid-token', why);
      };
      const stored = await takeChallenge(db, challengeOf(response), 'authenticate');
      if (!stored) return failed('the sign-in challenge is unknown or expired: try again');
      const passkey = await findPasskey(db, response.id);
      if (!passkey) return failed('this passkey is not registered with the hub (or was revoked)');
      let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
      try {
        verified = await verifyAuthenticationResponse({
          response,
          expectedChallenge: stored.challenge,
          expectedOrigin: rp(c).origin,
          expectedRPID: rp(c).id,
          credential: {
            id: passkey.credentialId,
            publicKey: isoBase64URL.toBuffer(passkey.publicKey),
            counter: passkey.counter,
            ...(passkey.transports ? { transports: passkey.transports } : {}),
          },
          requireUserVerification: true,
        });
      } catch (e) {
        return failed(`the passkey answer does not verify: ${(e as Error).message}`);
      }
      if (!verified.verified) return failed('the passkey answer does not verify');
      await recordPasskeyUse(db, passkey.id, verified.authenticationInfo.newCounter);
      return openSession(c, {
        userId: passkey.userId,
        method: 'passkey',
        credentialId: passkey.id,
        scopeOrgId: passkey.scopeOrgId,
      });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/me/passkeys',
      operationId: 'listMyPasskeys',
      summary: 'My passkeys',
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'Passkeys', schema: 'session#/$defs/passkeyList' } },
    },
    async (c) => {
      const a = userActor(c);
      return c.json({ items: await listPasskeys(c.var.deps.db, a.userId) });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'delete',
      path: '/api/v1/me/passkeys/:id',
      operationId: 'revokeMyPasskey',
      summary: 'Revoke one of my passkeys (it can no longer sign in)',
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'Revoked', schema: 'session#/$defs/passkey' } },
    },
    async (c) => {
      const a = userActor(c);
      const info = await audited(c, async (tx, record) => {
        const revoked = await revokePasskey(tx, a.userId, param(c, 'id'));
        record('passkey.revoked', { resource: { type: 'passkey', id: revoked.id } });
        return revoked;
      });
      return c.json(info);
    },
  );
}
