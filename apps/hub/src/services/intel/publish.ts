/**
 * Publishing: resolve the recipients (a taskforce expands to its member agencies now, and the
 * expansion is recorded), refuse what cannot be sent as asked before anything is stored, sign (and
 * encrypt) one package per agency, and store the publication, its deliveries and the audit entry in
 * one transaction.
 */
import type { Database } from '@ewto/db';
import { newId, nowIso } from '@ewto/identity';
import {
  type BuiltPackage,
  checkNetworkReport,
  type EncryptionKey,
  importEncryptKey,
  needsEncryption,
  preparePublication,
} from '@ewto/intel';
import type { Grades, HandlingCode, IntelKind, PublishResult } from '@ewto/schemas/generated/intel';
import type { TlpLabel } from '@ewto/schemas/vocabularies';
import { ApiError } from '../../problem.ts';
import type { AtRest } from './at-rest.ts';
import { agencyKeys, findOrgs, type NewDelivery, type PublicationRow, taskforceAgencies } from './store.ts';

export interface PublishInput {
  kind: IntelKind;
  tlp: TlpLabel;
  recipients: string[];
  handling: HandlingCode;
  handlingNote?: string;
  grades: Grades;
  expires: string;
  body: unknown;
}

/** The longest a package may be valid. */
export const MAX_EXPIRY_DAYS = 731;
const DAY = 86_400_000;

const unsendable = (message: string, errors?: Array<{ pointer: string; message: string }>) =>
  new ApiError(422, 'unsendable', `nothing was sent: ${message}`, errors ? { errors } : {});

export interface ResolvedRecipients {
  /** Agency id → the taskforce it was reached through (undefined when named directly). */
  agencies: Map<string, string | undefined>;
  /** The requested recipients, as ids. */
  requested: string[];
  expansions: Array<{ taskforce: string; agencies: string[] }>;
  slugs: Map<string, string>;
}

export async function resolvePublishRecipients(
  db: Database,
  refs: readonly string[],
  tlp: TlpLabel,
): Promise<ResolvedRecipients> {
  const agencies = new Map<string, string | undefined>();
  const requested: string[] = [];
  const expansions: ResolvedRecipients['expansions'] = [];
  const slugs = new Map<string, string>();
  const problems: Array<{ pointer: string; message: string }> = [];
  const orgs = await findOrgs(db, refs);
  const members = await taskforceAgencies(db, [
    ...new Set([...orgs.values()].filter((o) => o.kind === 'taskforce').map((o) => o.id)),
  ]);
  for (const [i, ref] of refs.entries()) {
    const org = orgs.get(ref);
    const pointer = `/recipients/${i}`;
    if (!org || (org.kind !== 'agency' && org.kind !== 'taskforce')) {
      problems.push({ pointer, message: `"${ref}" is not an agency or taskforce` });
      continue;
    }
    slugs.set(org.id, org.slug);
    requested.push(org.id);
    if (org.kind === 'agency') {
      agencies.set(org.id, undefined);
      continue;
    }
    if (tlp === 'RED') {
      problems.push({
        pointer,
        message: `TLP:RED goes only to agencies named one by one, and "${org.slug}" is a taskforce: name its agencies`,
      });
      continue;
    }
    const list = members.get(org.id) ?? [];
    expansions.push({ taskforce: org.id, agencies: list });
    for (const a of list) if (!agencies.has(a)) agencies.set(a, org.id);
  }
  if (problems.length) throw unsendable(problems.map((p) => p.message).join('; '), problems);
  if (agencies.size === 0)
    throw unsendable(
      refs.length === 0
        ? 'recipients is empty: name at least one agency or taskforce'
        : 'the recipients come to no agency (a taskforce without member agencies)',
      [{ pointer: '/recipients', message: 'no recipient agency' }],
    );
  return { agencies, requested, expansions, slugs };
}

/** Checks what the schema cannot: expiry, H3's note, a network report's references. */
export function checkPublishInput(input: PublishInput, now = Date.now()): void {
  const exp = Date.parse(input.expires);
  if (!(exp > now))
    throw new ApiError(422, 'validation-failed', `expires (${input.expires}) must be in the future`, {
      errors: [{ pointer: '/expires', message: 'must be in the future' }],
    });
  if (exp > now + MAX_EXPIRY_DAYS * DAY)
    throw new ApiError(422, 'validation-failed', 'expires may be at most two years ahead', {
      errors: [{ pointer: '/expires', message: 'at most two years ahead' }],
    });
  if (input.handling === 'H3' && !input.handlingNote?.trim())
    throw new ApiError(422, 'validation-failed', 'handling H3 needs handlingNote saying the restriction', {
      errors: [{ pointer: '/handlingNote', message: 'required with H3' }],
    });
  if (input.kind === 'network-report') {
    const issues = checkNetworkReport(input.body as Parameters<typeof checkNetworkReport>[0], '/report');
    if (issues.length) throw new ApiError(422, 'validation-failed', issues[0]!.message, { errors: issues });
  }
}

/** Imported agency keys by kid (the RFC 7638 thumbprint names exactly one key, so it never goes stale). */
const imported = new Map<string, Promise<CryptoKey>>();
function encryptionKey(kid: string, jwk: Record<string, string>): Promise<CryptoKey> {
  let key = imported.get(kid);
  if (!key) {
    if (imported.size > 10_000) imported.clear();
    key = importEncryptKey(jwk);
    imported.set(kid, key);
    key.catch(() => imported.delete(kid));
  }
  return key;
}

export interface PreparedPublication {
  row: PublicationRow;
  deliveries: NewDelivery[];
  result: PublishResult;
}

/**
 * Signs and encrypts every package and seals what is stored, without writing anything: the caller
 * stores the result in one audited transaction.
 */
export async function preparePublish({
  db,
  input,
  authorOrgId,
  createdBy,
  issuer,
  signer,
  atRest,
  idempotency,
}: {
  db: Database;
  input: PublishInput;
  authorOrgId: string;
  createdBy: string;
  issuer: string;
  signer: { kid: string; key: CryptoKey };
  atRest: AtRest;
  idempotency?: { key: string; requestHash: string } | undefined;
}): Promise<PreparedPublication> {
  checkPublishInput(input);
  const recipients = await resolvePublishRecipients(db, input.recipients, input.tlp);
  const agencyIds = [...recipients.agencies.keys()];
  const encrypted = needsEncryption(input.kind, input.tlp);
  const encKeys = new Map<string, EncryptionKey>();
  if (encrypted) {
    const found = await agencyKeys(db, agencyIds, 'enc');
    const missing = agencyIds.filter((a) => !found.has(a));
    if (missing.length)
      throw unsendable(
        `${missing.map((a) => recipients.slugs.get(a) ?? a).join(', ')} registered no X25519 encryption key, and this ${input.kind} at TLP:${input.tlp} is sent encrypted: the agency's admin registers one (POST /api/v1/orgs/{agency}/keys)`,
        missing.map((a) => ({ pointer: '/recipients', message: `agency ${a} has no encryption key` })),
      );
    for (const [agency, k] of found)
      encKeys.set(agency, { kid: k.kid, key: await encryptionKey(k.kid, k.publicJwk) });
  }
  const id = newId();
  const createdAt = nowIso();
  const issuedAt = Math.floor(Date.parse(createdAt) / 1000);
  const expiresAt = Math.floor(Date.parse(input.expires) / 1000);
  const pack = preparePublication({
    issuer,
    publication: id,
    author: authorOrgId,
    kind: input.kind,
    tlp: input.tlp,
    handling: input.handling,
    handlingNote: input.handlingNote,
    grades: input.grades,
    body: input.body,
    issuedAt,
    expiresAt,
  });
  const built: BuiltPackage[] = await Promise.all(
    agencyIds.map((agencyId) =>
      pack.build({ agencyId, packageId: newId(), encryptionKey: encKeys.get(agencyId) }, signer),
    ),
  );
  const deliveries: NewDelivery[] = await Promise.all(
    built.map(async (p) => ({
      id: p.packageId,
      kind: 'package' as const,
      publicationId: id,
      packageId: p.packageId,
      recipientOrgId: p.agencyId,
      via: recipients.agencies.get(p.agencyId) ?? null,
      encrypted: p.encrypted,
      // A JWE is already readable only by its agency; a JWS is sealed under the hub's KEK.
      token: p.encrypted ? p.token : await atRest.seal(p.token, `intel-delivery:${p.packageId}`),
      createdAt,
    })),
  );
  const row: PublicationRow = {
    id,
    kind: input.kind,
    authorOrgId,
    createdBy,
    createdAt,
    expiresAt: new Date(expiresAt * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    tlp: input.tlp,
    handling: input.handling,
    handlingNote: input.handlingNote ?? null,
    grades: input.grades,
    recipients: recipients.requested,
    expansions: recipients.expansions,
    content: await atRest.seal(JSON.stringify(input.body), `intel-publication:${id}`),
    idempotencyKey: idempotency?.key ?? null,
    requestHash: idempotency?.requestHash ?? null,
    retractedAt: null,
    retractionReason: null,
  };
  return { row, deliveries, result: publishResult(row, deliveries) };
}

export function publishResult(
  row: Pick<PublicationRow, 'id' | 'kind' | 'expansions'>,
  deliveries: ReadonlyArray<Pick<NewDelivery, 'packageId' | 'recipientOrgId' | 'kind'>>,
): PublishResult {
  return {
    id: row.id,
    kind: row.kind,
    packages: deliveries
      .filter((d) => d.kind === 'package')
      .map((d) => ({ packageId: d.packageId, recipient: d.recipientOrgId })),
    expansions: row.expansions,
  };
}
