/**
 * The authorisation matrix: every route × every role × own/other organisation, with the expected
 * status of each cell written out literally below — NOT derived from the authorisation module.
 *
 * Targets: {company} is the company personas' own organisation, {other} another company,
 * {agency} the agency personas' own, {otherAgency} another agency. Conveners own neither.
 *
 * Column `sco` is a scoped credential (issue 8 item 1): a person who is admin of {company} and of the
 * convener, editor of {other} and viewer of {agency}, calling with a token scoped to {company}. It
 * must behave exactly as the company admin (`coA`): its other memberships give it nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addMember,
  addPasskey,
  createInvitation,
  createPat,
  createSession,
  createUser,
  csrfTokenFor,
  registerClientKey,
} from '@ewto/identity';
import { signReceipt } from '@ewto/intel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alert, clientSigningKey, network, registerEncryptionKey } from './support/intel.ts';
import { repoRoot } from './support/paths.ts';
import { createWorld, exchange, makeClientKey, type Persona, type World } from './support/world.ts';

const MATRIX = `
route                                                   anon cvA cvE cvV coA coE coV agA agV cli sco coo
GET    /healthz                                          200 200 200 200 200 200 200 200 200 200 200 200
GET    /.well-known/jwks.json                            200 200 200 200 200 200 200 200 200 200 200 200
GET    /api/v1/openapi.json                              200 200 200 200 200 200 200 200 200 200 200 200
GET    /api/v1/keys/status                               200 200 200 200 200 200 200 200 200 200 200 200
POST   /api/v1/auth/token                                400 400 400 400 400 400 400 400 400 400 400 400
GET    /api/v1/me                                        401 200 200 200 200 200 200 200 200 200 200 200
GET    /api/v1/me/tokens                                 401 200 200 200 200 200 200 200 200 403 200 200
POST   /api/v1/me/tokens                                 401 201 201 201 201 201 201 201 201 403 201 201
GET    /api/v1/me/tokens/{ownToken}                      401 200 200 200 200 200 200 200 200 403 200 200
DELETE /api/v1/me/tokens/{ownToken}                      401 200 200 200 200 200 200 200 200 403 200 200
GET    /api/v1/orgs                                      401 200 200 200 200 200 200 200 200 200 200 200
POST   /api/v1/orgs                                      401 201 403 403 403 403 403 403 403 403 403 403
GET    /api/v1/orgs/{company}                            401 200 200 200 200 200 200 404 404 404 200 200
GET    /api/v1/orgs/{other}                              401 200 200 200 404 404 404 404 404 404 404 404
GET    /api/v1/orgs/{agency}                             401 200 200 200 404 404 404 200 200 200 404 404
GET    /api/v1/orgs/{otherAgency}                        401 200 200 200 404 404 404 404 404 404 404 404
GET    /api/v1/orgs/{taskforce}                          401 200 200 200 404 404 404 200 200 200 404 404
GET    /api/v1/orgs/{company}/members                    401 200 403 403 200 403 403 404 404 404 200 200
GET    /api/v1/orgs/{other}/members                      401 200 403 403 404 404 404 404 404 404 404 404
GET    /api/v1/orgs/{company}/members/{member}           401 200 403 403 200 403 403 404 404 404 200 200
POST   /api/v1/orgs/{company}/members                    401 403 403 403 201 403 403 404 404 404 201 201
POST   /api/v1/orgs/{other}/members                      401 403 403 403 404 404 404 404 404 404 404 404
PATCH  /api/v1/orgs/{company}/members/{throwaway}        401 403 403 403 200 403 403 404 404 404 200 200
DELETE /api/v1/orgs/{company}/members/{throwaway}        401 403 403 403 204 403 403 404 404 404 204 204
POST   /api/v1/orgs/{company}/members/{member}/tokens    401 403 403 403 201 403 403 404 404 404 201 201
POST   /api/v1/orgs/{other}/members/{otherMember}/tokens 401 403 403 403 404 404 404 404 404 404 404 404
GET    /api/v1/orgs/{company}/members/{member}/tokens     401 403 403 403 200 403 403 404 404 404 200 200
GET    /api/v1/orgs/{other}/members/{otherMember}/tokens  401 403 403 403 404 404 404 404 404 404 404 404
GET    /api/v1/orgs/{company}/members/{member}/tokens/{memberToken} 401 403 403 403 200 403 403 404 404 404 200 200
DELETE /api/v1/orgs/{company}/members/{member}/tokens/{memberToken} 401 403 403 403 200 403 403 404 404 404 200 200
POST   /api/v1/invitations/redeem                   201 201 201 201 201 201 201 201 201 201 201 201
GET    /api/v1/orgs/{company}/invitations                401 403 403 403 200 403 403 404 404 404 200 200
GET    /api/v1/orgs/{other}/invitations                  401 403 403 403 404 404 404 404 404 404 404 404
POST   /api/v1/orgs/{company}/invitations                401 403 403 403 201 403 403 404 404 404 201 201
POST   /api/v1/orgs/{other}/invitations                  401 403 403 403 404 404 404 404 404 404 404 404
DELETE /api/v1/orgs/{company}/invitations/{invitation}   401 403 403 403 200 403 403 404 404 404 200 200
GET    /api/v1/orgs/{agency}/keys                        401 200 403 403 404 404 404 200 403 403 404 404
GET    /api/v1/orgs/{otherAgency}/keys                   401 200 403 403 404 404 404 404 404 404 404 404
GET    /api/v1/orgs/{company}/keys                       401 403 403 403 403 403 403 404 404 404 403 403
POST   /api/v1/orgs/{agency}/keys                        401 403 403 403 404 404 404 201 403 403 404 404
POST   /api/v1/orgs/{otherAgency}/keys                   401 403 403 403 404 404 404 404 404 404 404 404
GET    /api/v1/orgs/{agency}/keys/{throwawayKey}         401 200 403 403 404 404 404 200 403 403 404 404
DELETE /api/v1/orgs/{agency}/keys/{throwawayKey}         401 403 403 403 404 404 404 200 403 403 404 404
GET    /api/v1/frameworks                                401 200 200 200 200 200 200 200 200 200 200 200
GET    /api/v1/frameworks/{latest}                       401 200 200 200 200 200 200 200 200 200 200 200
GET    /api/v1/frameworks/{first}/changes/{latest}       401 200 200 200 200 200 200 200 200 200 200 200
POST   /api/v1/orgs/{company}/policies                   401 403 403 403 201 201 403 404 404 404 201 201
POST   /api/v1/orgs/{other}/policies                     401 403 403 403 404 404 404 404 404 404 404 404
GET    /api/v1/orgs/{company}/policies                   401 200 200 200 200 200 200 404 404 404 200 200
GET    /api/v1/orgs/{other}/policies                     401 200 200 200 404 404 404 404 404 404 404 404
GET    /api/v1/orgs/{company}/policies/{submission}      401 200 200 200 200 200 200 404 404 404 200 200
GET    /api/v1/orgs/{other}/policies/{otherSubmission}   401 200 200 200 404 404 404 404 404 404 404 404
POST   /api/v1/orgs/{company}/plans                      401 201 201 403 403 403 403 404 404 404 403 403
POST   /api/v1/orgs/{other}/plans                        401 201 201 403 404 404 404 404 404 404 404 404
GET    /api/v1/orgs/{company}/plans                      401 200 200 200 200 200 200 404 404 404 200 200
GET    /api/v1/orgs/{other}/plans                        401 200 200 200 404 404 404 404 404 404 404 404
GET    /api/v1/plans                                     401 200 200 200 200 200 200 200 200 200 200 200
GET    /api/v1/plans/{plan}                              401 200 200 200 200 200 200 404 404 404 200 200
GET    /api/v1/plans/{otherPlan}                         401 200 200 200 404 404 404 404 404 404 404 404
POST   /api/v1/plans/{plan}/versions                     401 201 201 403 201 201 403 404 404 404 201 201
POST   /api/v1/plans/{otherPlan}/versions                401 201 201 403 404 404 404 404 404 404 404 404
GET    /api/v1/plans/{plan}/versions                     401 200 200 200 200 200 200 404 404 404 200 200
POST   /api/v1/plans/{plan}/versions/{version}/restore   401 200 200 403 200 200 403 404 404 404 200 200
GET    /api/v1/plans/{plan}/activity                     401 200 200 200 200 200 200 404 404 404 200 200
GET    /api/v1/plans/{otherPlan}/activity                401 200 200 200 404 404 404 404 404 404 404 404
POST   /api/v1/plans/{plan}/activities/from-submission   401 200 200 403 200 200 403 404 404 404 200 200
GET    /api/v1/progress?period=2027                      401 200 200 200 200 200 200 403 403 403 200 200
POST   /api/v1/plans/{archivePlan}/archive               401 200 200 403 403 403 403 404 404 404 403 403
POST   /api/v1/plans/{otherPlan}/archive                 401 200 200 403 404 404 404 404 404 404 404 404
GET    /api/v1/keywords                                  401 200 200 200 200 200 200 200 200 200 200 200
GET    /api/v1/keywords/changes?since=0                  401 200 200 200 200 200 200 200 200 200 200 200
POST   /api/v1/screen                                    401 200 200 200 200 200 200 403 403 403 200 200
GET    /api/v1/audit/checkpoint                          401 200 200 200 200 200 200 200 200 200 200 200
GET    /api/v1/audit/checkpoints                         401 200 200 200 200 200 200 200 200 200 200 200
GET    /api/v1/audit/entries                             401 200 403 403 403 403 403 403 403 403 403 403
GET    /api/v1/audit/entries?org={company}               401 200 403 403 200 403 403 404 404 404 200 200
GET    /api/v1/audit/entries?org={other}                 401 200 403 403 404 404 404 404 404 404 404 404
GET    /api/v1/audit/proofs/inclusion?seq={companySeq}&treeSize={size} 401 200 403 403 200 403 403 404 404 404 200 200
GET    /api/v1/audit/proofs/consistency?from=1&to={size} 401 200 200 200 200 200 200 200 200 200 200 200
POST   /api/v1/intel/alerts                              401 201 201 403 403 403 403 403 403 403 403 403
POST   /api/v1/intel/networks                            401 201 201 403 403 403 403 403 403 403 403 403
GET    /api/v1/intel/publications                        401 200 200 200 403 403 403 403 403 403 403 403
GET    /api/v1/intel/publications/{publication}          401 200 200 200 404 404 404 404 404 404 404 404
POST   /api/v1/intel/publications/{throwawayPublication}/retract 401 200 200 403 404 404 404 403 403 403 404 404
GET    /api/v1/intel/inbox                               401 403 403 403 403 403 403 200 200 200 403 403
GET    /api/v1/intel/packages/{package}                  401 404 404 404 404 404 404 200 200 200 404 404
GET    /api/v1/intel/packages/{otherPackage}             401 404 404 404 404 404 404 404 404 404 404 404
GET    /api/v1/intel/packages/{package}/stix             401 404 404 404 404 404 404 200 200 200 404 404
GET    /api/v1/intel/packages/{otherPackage}/stix        401 404 404 404 404 404 404 404 404 404 404 404
POST   /api/v1/intel/packages/{package}/receipt          401 404 404 404 404 404 404 200 403 200 404 404
POST   /api/v1/intel/packages/{otherPackage}/receipt     401 404 404 404 404 404 404 404 404 404 404 404
POST   /api/v1/keywords/promotions                     401 201 201 403 403 403 403 403 403 403 403 403
GET    /api/v1/intel/revocations                         401 200 200 200 200 200 200 200 200 200 200 200
POST   /api/v1/auth/session                          401 401 401 401 401 401 401 401 401 401 401 401
GET    /api/v1/auth/session                          401 401 401 401 401 401 401 401 401 401 401 200
DELETE /api/v1/auth/session                          401 401 401 401 401 401 401 401 401 401 401 204
GET    /api/v1/me/sessions                           401 200 200 200 200 200 200 200 200 403 200 200
DELETE /api/v1/me/sessions/{ownSession}              401 200 200 200 200 200 200 200 200 403 200 200
POST   /api/v1/auth/passkeys/registration/options    401 200 200 200 200 200 200 200 200 403 200 200
POST   /api/v1/auth/passkeys/registration            401 400 400 400 400 400 400 400 400 403 400 400
POST   /api/v1/auth/passkeys/authentication/options  200 200 200 200 200 200 200 200 200 200 200 200
POST   /api/v1/auth/passkeys/authentication          401 401 401 401 401 401 401 401 401 401 401 401
GET    /api/v1/me/passkeys                           401 200 200 200 200 200 200 200 200 403 200 200
DELETE /api/v1/me/passkeys/{ownPasskey}              401 200 200 200 200 200 200 200 200 403 200 200
GET    /api/v1/orgs/{company}/policies/{submission}/report 401 200 200 200 200 200 200 404 404 404 200 200
GET    /api/v1/orgs/{other}/policies/{otherSubmission}/report 401 200 200 200 404 404 404 404 404 404 404 404
GET    /api/v1/orgs/{company}/policies/{submission}/changes/{latest} 401 200 200 200 200 200 200 404 404 404 200 200
`;

type Column = Persona | 'anonymous' | 'scoped' | 'cookie';
const COLUMNS: Column[] = [
  'anonymous',
  'convener-admin',
  'convener-editor',
  'convener-viewer',
  'company-admin',
  'company-editor',
  'company-viewer',
  'agency-admin',
  'agency-viewer',
  'agency-client',
  'scoped',
  // `coo`: a browser session of the company admin — the session cookie, with Origin and X-CSRF-Token.
  'cookie',
];

interface Row {
  method: string;
  path: string;
  expected: number[];
}

const rows: Row[] = MATRIX.trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const parts = line.trim().split(/\s+/);
    const expected = parts.slice(-COLUMNS.length).map(Number);
    return { method: parts[0]!, path: parts.slice(1, -COLUMNS.length).join(' '), expected };
  });

const POLICY = readFileSync(join(repoRoot, 'policies/companies/examples/tessellate-market.yaml'), 'utf8');

let w: World;
let seq = 0;
let intelPublish: (recipients: string[], over?: Record<string, unknown>) => Promise<{ id: string }>;
const vars: Record<string, string> = {};
/** The `sco` column's person and access token (scoped to the company). */
let scoped: { userId: string; token: string };
const tokenOf = (c: Exclude<Column, 'anonymous' | 'cookie'>) => (c === 'scoped' ? scoped.token : w.tokens[c]);

beforeAll(async () => {
  w = await createWorld();
  const db = w.hub.deps.db;
  vars.latest = 'latest';
  vars.first = '2016';
  vars.company = w.orgs.company.slug;
  vars.other = w.orgs.otherCompany.id;
  vars.agency = w.orgs.agency.id;
  vars.taskforce = w.orgs.taskforce.slug;
  vars.otherAgency = w.orgs.otherAgency.slug;
  vars.member = w.userIds['company-viewer']!;
  const other = await createUser(db, { email: 'someone@beta.example', name: 'x' });
  await addMember(db, w.orgs.otherCompany.id, other.id, 'viewer');
  vars.otherMember = other.id;
  const sc = await createUser(db, { email: 'scoped@alpha.example', name: 'scoped' });
  await addMember(db, w.orgs.company.id, sc.id, 'admin');
  await addMember(db, w.orgs.convener.id, sc.id, 'admin');
  await addMember(db, w.orgs.otherCompany.id, sc.id, 'editor');
  await addMember(db, w.orgs.agency.id, sc.id, 'viewer');
  const scPat = await createPat(db, {
    userId: sc.id,
    name: 's',
    createdBy: 't',
    scopeOrgId: w.orgs.company.id,
  });
  scoped = { userId: sc.id, token: await exchange(w.hub.url, scPat.token) };
  // A policy submission of each company.
  for (const [org, persona, v] of [
    [w.orgs.company, 'company-editor', 'submission'],
    [w.orgs.otherCompany, 'convener-admin', 'otherSubmission'],
  ] as const) {
    const res = await w.hub.hub.app.request(`/api/v1/orgs/${org.id}/policies`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens[persona]}`, 'content-type': 'application/yaml' },
      body: POLICY,
    });
    if (persona === 'company-editor') expect(res.status).toBe(201);
    vars[v] = res.headers.get('location')?.split('/').pop() ?? '';
  }
  if (!vars.otherSubmission) {
    const { storeSubmission } = await import('@ewto/hub/services/policies');
    vars.otherSubmission = (
      await storeSubmission(db, {
        orgId: w.orgs.otherCompany.id,
        submittedBy: 't',
        frameworkVersion: '2020',
        mediaType: 'application/yaml',
        document: POLICY,
        score: 0,
        report: {},
      })
    ).id;
  }
  // Intelligence: an agency encryption key, a package for the agency and one for another agency.
  await registerEncryptionKey(w, w.orgs.agency.id);
  const publish = async (recipients: string[], over: Record<string, unknown> = {}) => {
    const res = await w.hub.hub.app.request('/api/v1/intel/alerts', {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens['convener-editor']}`, 'content-type': 'application/json' },
      body: JSON.stringify(alert({ recipients, ...over })),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; packages: Array<{ packageId: string }> };
  };
  const mine = await publish(['unit-a']);
  vars.publication = mine.id;
  vars.package = mine.packages[0]!.packageId;
  vars.otherPackage = (await publish(['unit-b'])).packages[0]!.packageId;
  intelPublish = publish;
  // Action plans of each company, a named version, and a plan to archive.
  for (const [org, v] of [
    [w.orgs.company, 'plan'],
    [w.orgs.otherCompany, 'otherPlan'],
    [w.orgs.company, 'archivePlan'],
  ] as const) {
    const res = await w.hub.hub.app.request(`/api/v1/orgs/${org.id}/plans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens['convener-editor']}`, 'content-type': 'application/json' },
      body: JSON.stringify({ period: '2027', title: 'Plan' }),
    });
    expect(res.status).toBe(201);
    vars[v] = ((await res.json()) as { id: string }).id;
  }
  const version = await w.hub.hub.app.request(`/api/v1/plans/${vars.plan}/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.tokens['company-editor']}`, 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'v1' }),
  });
  expect(version.status).toBe(201);
  vars.version = ((await version.json()) as { id: string }).id;
  // An audit entry about the company, and a checkpoint covering it.
  await w.hub.deps.audit.record({
    action: 'resource.read',
    outcome: 'success',
    actor: { kind: 'anonymous' },
    orgId: w.orgs.company.id,
    details: {},
  });
  vars.companySeq = String(w.hub.deps.audit.size - 1);
  vars.size = String((await w.hub.deps.audit.checkpoint())!.treeSize);
}, 60_000);
afterAll(async () => {
  await w?.close();
});

/** Per-cell set-up for rows that need a fresh resource or a body. */
async function request(row: Row, column: Column): Promise<{ path: string; init: RequestInit }> {
  const persona = column === 'cookie' ? 'company-admin' : column;
  const db = w.hub.deps.db;
  const n = ++seq;
  const local = { ...vars };
  if (row.path.includes('{throwaway}')) {
    const u = await createUser(db, { email: `throwaway${n}@alpha.example`, name: 't' });
    await addMember(db, w.orgs.company.id, u.id, 'viewer');
    local.throwaway = u.id;
  }
  if (row.path.includes('{throwawayKey}')) {
    const k = await makeClientKey();
    await registerClientKey(db, {
      orgId: w.orgs.agency.id,
      name: 't',
      publicJwk: k.publicJwk,
      createdBy: 't',
    });
    local.throwawayKey = k.kid;
  }
  if (row.path.includes('{ownToken}')) {
    const userId =
      persona === 'anonymous' || persona === 'agency-client'
        ? w.userIds['company-admin']!
        : persona === 'scoped'
          ? scoped.userId
          : w.userIds[persona]!;
    const scopeOrgId = persona === 'scoped' ? w.orgs.company.id : null;
    local.ownToken = (await createPat(db, { userId, name: 'x', createdBy: 't', scopeOrgId })).info.id;
  }
  if (row.path.includes('{memberToken}')) {
    const userId = w.userIds['company-viewer']!;
    const scopeOrgId = w.orgs.company.id;
    local.memberToken = (await createPat(db, { userId, name: 'm', createdBy: 't', scopeOrgId })).info.id;
  }
  if (row.path.includes('{throwawayPublication}'))
    local.throwawayPublication = (await intelPublish(['unit-a'])).id;
  let invitationCode = '';
  if (row.path.includes('{invitation}') || row.path === '/api/v1/invitations/redeem') {
    const u = await createUser(db, { email: `invited${n}@alpha.example`, name: 'i' });
    await addMember(db, w.orgs.company.id, u.id, 'viewer');
    const inv = await createInvitation(db, { orgId: w.orgs.company.id, userId: u.id, createdBy: 't' });
    local.invitation = inv.invitation.id;
    invitationCode = inv.code;
  }
  const ownUser =
    persona === 'anonymous' || persona === 'agency-client'
      ? w.userIds['company-admin']!
      : persona === 'scoped'
        ? scoped.userId
        : w.userIds[persona]!;
  if (row.path.includes('{ownSession}'))
    local.ownSession = (
      await createSession(db, { userId: ownUser, method: 'token', ttlSeconds: 600 })
    ).session.id;
  if (row.path.includes('{ownPasskey}'))
    local.ownPasskey = (
      await addPasskey(db, {
        credentialId: `cred-${n}`,
        userId: ownUser,
        name: 'k',
        publicKey: 'AA',
        counter: 0,
        transports: null,
        scopeOrgId: null,
      })
    ).id;
  const path = row.path.replace(/\{(\w+)\}/g, (_, k: string) => local[k] ?? `{${k}}`);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (column === 'cookie') {
    const { secret } = await createSession(db, {
      userId: w.userIds['company-admin']!,
      method: 'token',
      ttlSeconds: 600,
    });
    headers.cookie = `ewto_session=${secret}`;
    headers.origin = w.hub.deps.config.hubUrl;
    headers['x-csrf-token'] = await csrfTokenFor(secret);
  } else if (persona !== 'anonymous') headers.authorization = `Bearer ${tokenOf(persona)}`;
  let body: unknown;
  const key = `${row.method} ${row.path}`;
  if (key === 'POST /api/v1/auth/token') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    return { path, init: { method: 'POST', headers, body: 'grant_type=password' } };
  }
  if (row.method === 'POST' && key.endsWith('/tokens')) body = { name: `t${n}` };
  if (key === 'POST /api/v1/orgs') body = { slug: `new-org-${n}`, name: 'New', kind: 'company' };
  if (key.endsWith('/members') && row.method === 'POST')
    body = { email: `new${n}@example.org`, role: 'viewer' };
  if (row.method === 'PATCH') {
    body = { role: 'editor' };
    headers['if-match'] = '"1"';
  }
  if (key.endsWith('/policies') && row.method === 'POST') {
    headers['content-type'] = 'application/yaml';
    return { path, init: { method: 'POST', headers, body: POLICY } };
  }
  if (key === 'POST /api/v1/invitations/redeem') body = { code: invitationCode };
  if (key === 'POST /api/v1/orgs/{company}/invitations') body = { userId: local.member };
  if (key === 'POST /api/v1/orgs/{other}/invitations') body = { userId: local.otherMember };
  if (key.endsWith('/plans') && row.method === 'POST') body = { period: '2027', title: `Plan ${n}` };
  if (key.endsWith('/versions') && row.method === 'POST') body = { label: `v${n}` };
  if (key.endsWith('/from-submission')) body = { submissionId: local.submission };
  if (key === 'POST /api/v1/auth/session') body = { token: 'ewto_pat_unknown' };
  if (key.startsWith('POST /api/v1/auth/passkeys/') && !key.endsWith('/options'))
    body = {
      response: {
        id: 'unknown',
        rawId: 'unknown',
        type: 'public-key',
        response: {
          clientDataJSON: Buffer.from(
            JSON.stringify({ type: 'webauthn.get', challenge: `unknown-${n}` }),
          ).toString('base64url'),
        },
      },
    };
  if (key === 'POST /api/v1/screen') body = { listings: [{ id: 'a', title: 'carved ivory bangle' }] };
  if (key === 'POST /api/v1/intel/alerts') body = alert({ recipients: ['unit-a'] });
  if (key === 'POST /api/v1/intel/networks') body = network({ recipients: ['unit-a'] });
  if (key.endsWith('/retract')) body = { reason: 'matrix' };
  if (key === 'POST /api/v1/keywords/promotions') {
    const terms = [
      {
        text: `matrix code ${n}`,
        kind: 'code-word',
        groups: ['bear'],
        language: 'en',
        firstSeen: '2026-11-01',
        confidence: 'high',
      },
    ];
    const a = alert().alert;
    body = { publication: (await intelPublish(['unit-a'], { alert: { ...a, terms } })).id };
  }
  if (key.endsWith('/receipt')) {
    const id = local[key.includes('{otherPackage}') ? 'otherPackage' : 'package']!;
    const token = await w.hub.deps.intelAtRest.open(
      (await (await import('@ewto/hub/services/intel/store')).getDelivery(db, id))!.token,
      `intel-delivery:${id}`,
    );
    body = {
      receipt: await signReceipt({
        token,
        subject: id,
        agencyId: w.orgs.agency.id,
        hubUrl: w.hub.url,
        key: await clientSigningKey(w),
      }),
    };
  }
  if (key.endsWith('/keys') && row.method === 'POST')
    body = { name: 'k', publicJwk: (await makeClientKey()).publicJwk };
  return { path, init: { method: row.method, headers, ...(body ? { body: JSON.stringify(body) } : {}) } };
}

describe('authorisation matrix', () => {
  for (const row of rows) {
    it(`${row.method} ${row.path}`, async () => {
      const got: number[] = [];
      for (const persona of COLUMNS) {
        const { path, init } = await request(row, persona);
        const res = await fetch(`${w.hub.url}${path}`, init);
        got.push(res.status);
        if (res.status >= 400) expect(res.headers.get('content-type')).toBe('application/problem+json');
        await res.body?.cancel();
      }
      expect(Object.fromEntries(COLUMNS.map((p, i) => [p, got[i]]))).toEqual(
        Object.fromEntries(COLUMNS.map((p, i) => [p, row.expected[i]])),
      );
    }, 30_000);
  }

  it('covers every route the hub serves', () => {
    const covered = new Set(rows.map((r) => `${r.method} ${r.path.split('?')[0]!.replace(/\{\w+\}/g, '*')}`));
    const missing = w.hub.hub.routes
      .map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:\w+/g, '*')}`)
      .filter((r) => !covered.has(r));
    expect(missing).toEqual([]);
  });
});
