/**
 * A populated hub for cross-package tests: two companies, a convener, an agency (with a machine
 * client key) and a taskforce, a user per role, and an access token for each.
 */

import { exchangePat, requestClientToken, signClientAssertion } from '@ewto/cli/hub-client';
import { type RunningHub, startTestHub } from '@ewto/hub/testing';
import {
  addMember,
  createOrg,
  createPat,
  createUser,
  type Organisation,
  registerClientKey,
} from '@ewto/identity';
import type { Role } from '@ewto/schemas';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

export type Persona =
  | 'convener-admin'
  | 'convener-editor'
  | 'convener-viewer'
  | 'company-admin'
  | 'company-editor'
  | 'company-viewer'
  | 'agency-admin'
  | 'agency-viewer'
  | 'agency-client';

export interface World {
  hub: RunningHub;
  orgs: {
    convener: Organisation;
    company: Organisation;
    otherCompany: Organisation;
    agency: Organisation;
    otherAgency: Organisation;
    taskforce: Organisation;
  };
  /** Access JWTs by persona. */
  tokens: Record<Persona, string>;
  /** Personal access tokens by persona (users only). */
  pats: Partial<Record<Persona, string>>;
  userIds: Partial<Record<Persona, string>>;
  client: { kid: string; privateJwk: JWK };
  close(): Promise<void>;
}

/** A personal access token exchanged for an access JWT, as the CLI does it. */
export const exchange = (url: string, pat: string): Promise<string> => exchangePat(url, pat);

export async function clientAssertion(
  url: string,
  client: { kid: string; privateJwk: JWK },
  overrides: { jti?: string; exp?: string | number; aud?: string } = {},
): Promise<string> {
  return signClientAssertion(
    { ...client.privateJwk, kid: client.kid },
    overrides.aud ?? `${url}/api/v1/auth/token`,
    {
      ...(overrides.exp !== undefined ? { lifetime: overrides.exp } : {}),
      ...(overrides.jti ? { jti: overrides.jti } : {}),
    },
  );
}

export const clientToken = (url: string, assertion: string): Promise<Response> =>
  requestClientToken(`${url}/api/v1/auth/token`, assertion);

export async function makeClientKey() {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  return { kid, publicJwk, privateJwk: { ...(await exportJWK(privateKey)), kid } };
}

export async function createWorld(overrides: Parameters<typeof startTestHub>[0] = {}): Promise<World> {
  const hub = await startTestHub(overrides);
  const db = hub.deps.db;
  const convener = await createOrg(db, { slug: 'wwf', name: 'WWF', kind: 'convener' });
  const company = await createOrg(db, { slug: 'alpha-market', name: 'Alpha Market', kind: 'company' });
  const otherCompany = await createOrg(db, { slug: 'beta-social', name: 'Beta Social', kind: 'company' });
  const agency = await createOrg(db, { slug: 'unit-a', name: 'Unit A', kind: 'agency' });
  const otherAgency = await createOrg(db, { slug: 'unit-b', name: 'Unit B', kind: 'agency' });
  const taskforce = await createOrg(db, {
    slug: 'netshield',
    name: 'Netshield',
    kind: 'taskforce',
    agencies: ['unit-a'],
  });
  const people: Array<[Persona, Organisation, Role]> = [
    ['convener-admin', convener, 'admin'],
    ['convener-editor', convener, 'editor'],
    ['convener-viewer', convener, 'viewer'],
    ['company-admin', company, 'admin'],
    ['company-editor', company, 'editor'],
    ['company-viewer', company, 'viewer'],
    ['agency-admin', agency, 'admin'],
    ['agency-viewer', agency, 'viewer'],
  ];
  const tokens = {} as Record<Persona, string>;
  const pats: World['pats'] = {};
  const userIds: World['userIds'] = {};
  for (const [persona, org, role] of people) {
    const user = await createUser(db, { email: `${persona}@test.example`, name: persona });
    await addMember(db, org.id, user.id, role);
    const { token } = await createPat(db, { userId: user.id, name: 'test', createdBy: 'test' });
    pats[persona] = token;
    userIds[persona] = user.id;
    tokens[persona] = await exchange(hub.url, token);
  }
  const key = await makeClientKey();
  await registerClientKey(db, {
    orgId: agency.id,
    name: 'machine',
    publicJwk: key.publicJwk,
    createdBy: 'test',
  });
  const client = { kid: key.kid, privateJwk: key.privateJwk };
  const res = await clientToken(hub.url, await clientAssertion(hub.url, client));
  tokens['agency-client'] = ((await res.json()) as { access_token: string }).access_token;
  return {
    hub,
    orgs: { convener, company, otherCompany, agency, otherAgency, taskforce },
    tokens,
    pats,
    userIds,
    client,
    close: () => hub.close(),
  };
}
