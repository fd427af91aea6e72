/**
 * STIX 2.1 export of a verified package: a bundle with the hub's identity, the official TLP 2.0
 * marking definition of its label, a report, and indicators / observables / relationships for its
 * content. Every id is a UUIDv5 over content, so exporting the same package twice (or the same
 * publication from two recipients) gives the same objects and MISP or OpenCTI create no duplicates.
 */
import type { AlertTerm, NetworkReport, PackageClaims, TrendAlert } from '@ewto/schemas/generated/intel';
import type { TlpLabel } from '@ewto/schemas/vocabularies';
import { sortedJson, uuidv5 } from './uuid5.ts';

/** The TLP 2.0 marking definitions, ids as OASIS fixes them (cti-stix-common-objects, tlp-2.0). */
export const TLP_MARKINGS: Record<TlpLabel, { id: string; name: string; tlp: string }> = {
  CLEAR: { id: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', name: 'TLP:CLEAR', tlp: 'clear' },
  GREEN: { id: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', name: 'TLP:GREEN', tlp: 'green' },
  AMBER: { id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', name: 'TLP:AMBER', tlp: 'amber' },
  'AMBER+STRICT': {
    id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
    name: 'TLP:AMBER+STRICT',
    tlp: 'amber+strict',
  },
  RED: { id: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', name: 'TLP:RED', tlp: 'red' },
};
/** The TLP 2.0 property extension the marking definitions use. */
export const TLP_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
const TLP_CREATED = '2022-10-01T00:00:00.000Z';

/** STIX 2.1 §2.9: the namespace of deterministic ids of cyber observables. */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** Our namespace for the ids of the other objects (identity, report, indicators, relationships). */
export const EWTO_STIX_NAMESPACE = '6f1c3a2e-8b4d-5e7f-9a0b-1c2d3e4f5a6b';
/** The custom pattern language of term indicators: the pattern is the term's text exactly as seen. */
export const TERM_PATTERN_TYPE = 'ewto-term';
/** Fixed creation time of the hub's identity object, so its id and version never change. */
const IDENTITY_CREATED = '2016-01-01T00:00:00.000Z';

type StixObject = Record<string, unknown> & { type: string; id: string };

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const dayStart = (date: string) => `${date}T00:00:00.000Z`;
const CONFIDENCE = { low: 15, medium: 50, high: 85 } as const;

/** STIX pattern string literal: backslash and quote escaped. */
const literal = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

async function sdoId(type: string, ...parts: unknown[]): Promise<string> {
  return `${type}--${await uuidv5(EWTO_STIX_NAMESPACE, sortedJson([type, ...parts]))}`;
}
async function scoId(type: string, contributing: Record<string, unknown>): Promise<string> {
  return `${type}--${await uuidv5(STIX_SCO_NAMESPACE, sortedJson(contributing))}`;
}

/**
 * The STIX 2.1 bundle of a package's claims (after verifying them).
 * @example const bundle = await toStixBundle(verified.claims);
 */
export async function toStixBundle(
  claims: PackageClaims,
): Promise<{ type: 'bundle'; id: string; objects: StixObject[] }> {
  const marking = TLP_MARKINGS[claims.tlp];
  const identity: StixObject = {
    type: 'identity',
    spec_version: '2.1',
    id: await sdoId('identity', claims.iss),
    created: IDENTITY_CREATED,
    modified: IDENTITY_CREATED,
    name: `EWTO Hub (${claims.iss})`,
    description:
      'The hub of the Coalition to End Wildlife Trafficking Online, which signed this intelligence.',
    identity_class: 'system',
  };
  const markingObject: StixObject = {
    type: 'marking-definition',
    spec_version: '2.1',
    id: marking.id,
    created: TLP_CREATED,
    name: marking.name,
    extensions: { [TLP_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: marking.tlp } },
  };
  const created = iso(claims.iat);
  const common = {
    spec_version: '2.1',
    created,
    modified: created,
    created_by_ref: identity.id,
    object_marking_refs: [marking.id],
  };
  const content =
    claims.kind === 'trend-alert'
      ? await alertObjects(claims, claims.body as TrendAlert, common)
      : await networkObjects(claims, claims.body as NetworkReport, common, marking.id);
  const body = claims.body as { title: string; summary: string };
  const report: StixObject = {
    type: 'report',
    id: await sdoId('report', claims.iss, claims.publication),
    ...common,
    name: body.title,
    description: body.summary,
    published: created,
    report_types: ['threat-report'],
    labels: [
      claims.kind,
      `handling:${claims.handling}`,
      `grades:${claims.grades.source}${claims.grades.information}`,
    ],
    object_refs: content.map((o) => o.id),
    external_references: [{ source_name: 'ewto-hub', external_id: claims.publication }],
  };
  return {
    type: 'bundle',
    id: `bundle--${await uuidv5(EWTO_STIX_NAMESPACE, sortedJson(['bundle', claims.iss, claims.jti]))}`,
    objects: [identity, markingObject, report, ...content],
  };
}

async function alertObjects(
  claims: PackageClaims,
  alert: TrendAlert,
  common: Record<string, unknown>,
): Promise<StixObject[]> {
  return Promise.all(
    alert.terms.map(async (t: AlertTerm) => {
      const validFrom = dayStart(t.firstSeen);
      return {
        type: 'indicator',
        id: await sdoId('indicator', claims.iss, claims.publication, t.kind, t.text, [...t.groups].sort()),
        ...common,
        name: `${t.kind}: ${t.text}`,
        ...(t.context ? { description: t.context } : {}),
        indicator_types: ['anomalous-activity'],
        pattern: t.text,
        pattern_type: TERM_PATTERN_TYPE,
        pattern_version: '1',
        valid_from: validFrom,
        ...(iso(claims.exp) > validFrom ? { valid_until: iso(claims.exp) } : {}),
        labels: [t.kind, ...t.groups.map((g) => `species-group:${g}`)],
        confidence: CONFIDENCE[t.confidence],
        lang: t.language,
        ...(t.platforms?.length ? { x_ewto_platforms: t.platforms } : {}),
      };
    }),
  );
}

async function networkObjects(
  claims: PackageClaims,
  report: NetworkReport,
  common: Record<string, unknown>,
  markingId: string,
): Promise<StixObject[]> {
  const objects: StixObject[] = [];
  const idOf = new Map<string, string>();
  for (const a of report.actors) {
    const userId = a.handleHash
      ? `${a.handleHash.alg.toLowerCase()}:${a.handleHash.keyId}:${a.handleHash.value}`
      : (a.handle ?? a.url ?? a.id);
    const contributing = {
      account_type: a.kind,
      user_id: userId,
      ...(a.handle ? { account_login: a.handle } : {}),
    };
    const id = await scoId('user-account', contributing);
    idOf.set(a.id, id);
    objects.push({
      type: 'user-account',
      spec_version: '2.1',
      id,
      ...contributing,
      ...(a.platform ? { x_ewto_platform: a.platform } : {}),
      ...(a.url ? { x_ewto_url: a.url } : {}),
      object_marking_refs: [markingId],
    });
  }
  for (const l of report.listings) {
    const urlId = await scoId('url', { value: l.url });
    idOf.set(l.id, urlId);
    objects.push({
      type: 'url',
      spec_version: '2.1',
      id: urlId,
      value: l.url,
      object_marking_refs: [markingId],
    });
    const indicator = await sdoId('indicator', claims.iss, claims.publication, 'listing', l.url);
    objects.push({
      type: 'indicator',
      id: indicator,
      ...common,
      name: `listing: ${l.product} (${l.group}) on ${l.platform}`,
      ...(l.title ? { description: l.title } : {}),
      indicator_types: ['malicious-activity'],
      pattern: `[url:value = ${literal(l.url)}]`,
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: new Date(l.observedAt).toISOString(),
      labels: [`species-group:${l.group}`],
      x_ewto_product: l.product,
      x_ewto_evidence_sha256: l.evidenceSha256,
    });
    objects.push({
      type: 'relationship',
      id: await sdoId('relationship', claims.iss, claims.publication, 'based-on', indicator, urlId),
      ...common,
      relationship_type: 'based-on',
      source_ref: indicator,
      target_ref: urlId,
    });
  }
  for (const r of report.relationships) {
    const source = idOf.get(r.source);
    const target = idOf.get(r.target);
    if (!source || !target) continue;
    objects.push({
      type: 'relationship',
      id: await sdoId('relationship', claims.iss, claims.publication, r.type, source, target),
      ...common,
      relationship_type: r.type,
      source_ref: source,
      target_ref: target,
      ...(r.note ? { description: r.note } : {}),
    });
  }
  return objects;
}
