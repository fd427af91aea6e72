/** The author side: publications with their delivery state, retraction, and the revocation list. */
import { clampLimit, decodeCursor, encodeCursor, newId, nowIso } from '@ewto/identity';
import { signRetraction, signRevocationList } from '@ewto/intel';
import type { DeliveryState, Publication } from '@ewto/schemas/generated/intel';
import type { Context, Hono } from 'hono';
import { audited, permit } from '../../auth.ts';
import { pageParams, pageQuery, param } from '../../http.ts';
import { ApiError } from '../../problem.ts';
import { defineRoute, type RouteTable } from '../../routing.ts';
import {
  type DeliveryRow,
  deliveriesOf,
  getPublication,
  insertDeliveries,
  listPublications,
  markRetracted,
  type NewDelivery,
  type PublicationRow,
  retractedPublications,
} from '../../services/intel/store.ts';
import type { AppEnv } from '../../types.ts';
import { callerOrgs, tags } from './shared.ts';

/** The publication `:id`, for its author organisation only (recipients get 403 on writes, others 404). */
async function loadPublication(
  c: Context<AppEnv>,
  action: 'intel.read' | 'intel.revoke',
): Promise<PublicationRow> {
  const pub = await getPublication(c.var.deps.db, param(c, 'id'));
  if (!pub) throw new ApiError(404, 'not-found', `no such resource: ${c.req.path}`);
  const recipients =
    action === 'intel.revoke' ? (await deliveriesOf(c.var.deps.db, pub.id)).map((d) => d.recipientOrgId) : [];
  await permit(c, action, { authorOrgId: pub.authorOrgId, recipients });
  return pub;
}

function deliveryStates(rows: DeliveryRow[]): DeliveryState[] {
  const retractions = new Map(rows.filter((r) => r.kind === 'retraction').map((r) => [r.packageId, r]));
  return rows
    .filter((r) => r.kind === 'package')
    .map((r) => {
      const x = retractions.get(r.id);
      return {
        packageId: r.id,
        recipient: r.recipientOrgId,
        ...(r.via ? { via: r.via } : {}),
        encrypted: r.encrypted,
        fetchedAt: r.fetchedAt,
        receiptAt: r.receiptAt,
        ...(x
          ? { retractionId: x.id, retractionFetchedAt: x.fetchedAt, retractionAcknowledgedAt: x.receiptAt }
          : {}),
      };
    });
}

async function view(c: Context<AppEnv>, pub: PublicationRow, withBody: boolean): Promise<Publication> {
  const deps = c.var.deps;
  const body = JSON.parse(await deps.intelAtRest.open(pub.content, `intel-publication:${pub.id}`)) as {
    title?: string;
  };
  return {
    id: pub.id,
    kind: pub.kind,
    author: pub.authorOrgId,
    createdBy: pub.createdBy,
    createdAt: pub.createdAt,
    expiresAt: pub.expiresAt,
    tlp: pub.tlp,
    handling: pub.handling,
    ...(pub.handlingNote ? { handlingNote: pub.handlingNote } : {}),
    grades: pub.grades,
    recipients: pub.recipients,
    expansions: pub.expansions,
    ...(body.title ? { title: body.title } : {}),
    ...(withBody ? { body } : {}),
    ...(pub.retractedAt
      ? { retractedAt: pub.retractedAt, retractionReason: pub.retractionReason ?? '' }
      : {}),
    deliveries: deliveryStates(await deliveriesOf(deps.db, pub.id)),
  };
}

export function publicationRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/intel/publications',
      operationId: 'listIntelPublications',
      summary: "The caller's convener organisations' publications, newest first, with delivery state",
      tags,
      auth: 'bearer',
      query: pageParams,
      responses: { 200: { description: 'A page of publications', schema: 'intel#/$defs/publicationPage' } },
    },
    async (c) => {
      await permit(c, 'intel.publications');
      const { cursor, limit } = pageQuery(c);
      const n = clampLimit(limit);
      const rows = await listPublications(c.var.deps.db, callerOrgs(c, 'convener'), {
        before: decodeCursor(cursor),
        limit: n + 1,
      });
      const items = await Promise.all(rows.slice(0, n).map((p) => view(c, p, false)));
      return c.json({ items, nextCursor: rows.length > n ? encodeCursor(items.at(-1)!.id) : null });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/intel/publications/:id',
      operationId: 'getIntelPublication',
      summary: 'One publication with its content and per-recipient delivery state (the author organisation)',
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'The publication', schema: 'intel#/$defs/publication' } },
    },
    async (c) => {
      const pub = await loadPublication(c, 'intel.read');
      c.header('Cache-Control', 'no-store');
      return c.json(await view(c, pub, true));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/intel/publications/:id/retract',
      operationId: 'retractIntelPublication',
      summary:
        "Retract a publication (the author's editors): each recipient gets a signed retraction in its inbox",
      description:
        'Each recipient agency receives a JWS signed by the hub (`typ: ewto-retraction+jwt`, claims `iss`, `aud`, `sub` = the package id, `iat`, `jti` = the retraction id, `publication`, `reason`) through its inbox, and acknowledges it with a receipt; the publication is named in the signed revocation list from now on. 409 when already retracted.',
      tags,
      auth: 'bearer',
      body: {
        schema: 'intel#/$defs/retractRequest',
        example: { reason: 'A listed storefront was misattributed; a corrected report follows.' },
      },
      responses: { 200: { description: 'Retracted', schema: 'intel#/$defs/publication' } },
    },
    async (c) => {
      const pub = await loadPublication(c, 'intel.revoke');
      if (pub.retractedAt)
        throw new ApiError(
          409,
          'conflict',
          `publication ${pub.id} was already retracted at ${pub.retractedAt}`,
        );
      const deps = c.var.deps;
      const { reason } = c.var.body as { reason: string };
      const signer = await deps.keys.activeSigner();
      const at = nowIso();
      const iat = Math.floor(Date.parse(at) / 1000);
      const packages = (await deliveriesOf(deps.db, pub.id)).filter((d) => d.kind === 'package');
      const retractions: NewDelivery[] = await Promise.all(
        packages.map(async (p) => {
          const id = newId();
          const jws = await signRetraction(
            {
              iss: deps.config.hubUrl,
              aud: p.recipientOrgId,
              sub: p.id,
              iat,
              jti: id,
              publication: pub.id,
              reason,
            },
            signer,
          );
          return {
            id,
            kind: 'retraction' as const,
            publicationId: pub.id,
            packageId: p.id,
            recipientOrgId: p.recipientOrgId,
            via: p.via,
            encrypted: false,
            token: await deps.intelAtRest.seal(jws, `intel-delivery:${id}`),
            createdAt: at,
          };
        }),
      );
      await audited(c, async (tx, record) => {
        if (!(await markRetracted(tx, pub.id, reason, at)))
          throw new ApiError(409, 'conflict', `publication ${pub.id} was already retracted`);
        await insertDeliveries(tx, retractions);
        record('intel.retracted', {
          orgId: pub.authorOrgId,
          resource: { type: 'intel-publication', id: pub.id },
          details: { retractions: retractions.length, reason: reason.slice(0, 200) },
        });
      });
      return c.json(await view(c, (await getPublication(deps.db, pub.id))!, false));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/intel/revocations',
      operationId: 'getIntelRevocations',
      summary: 'The signed revocation list: every retracted publication',
      description:
        'A compact JWS signed by the hub (`typ: ewto-revocations+jwt`), claims `iss`, `iat`, `publications: [{ id, retractedAt }]`. `ewto intel verify --revocations` refuses packages of listed publications.',
      tags,
      auth: 'bearer',
      responses: {
        200: { description: 'Compact JWS', schema: { type: 'string' }, contentType: 'application/jose' },
      },
    },
    async (c) => {
      const deps = c.var.deps;
      const publications = await retractedPublications(deps.db);
      const jws = await signRevocationList(
        { iss: deps.config.hubUrl, iat: Math.floor(Date.now() / 1000), publications },
        await deps.keys.activeSigner(),
      );
      return c.body(jws, 200, { 'Content-Type': 'application/jose' });
    },
  );
}
