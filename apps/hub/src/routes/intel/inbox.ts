/** The agency side: the inbox, packages (and retractions) as application/jose, STIX, receipts. */
import { decodeIntCursor, encodeCursor, loopbackAliases, nowIso } from '@ewto/identity';
import { IntelError, importVerifyKey, tokenDigest, toStixBundle, verifyReceipt } from '@ewto/intel';
import type { InboxItem, PackageClaims } from '@ewto/schemas/generated/intel';
import type { Context, Hono } from 'hono';
import { audit, audited, permit } from '../../auth.ts';
import { pageParams, pageQuery, param } from '../../http.ts';
import { ApiError } from '../../problem.ts';
import { defineRoute, type RouteTable } from '../../routing.ts';
import {
  agencySigningKey,
  type DeliveryRow,
  getDelivery,
  getPublication,
  inboxPage,
  markFetched,
  storeReceipt,
} from '../../services/intel/store.ts';
import type { AppEnv } from '../../types.ts';
import { callerOrgs, packageUrl, tags } from './shared.ts';

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The delivery `:id`, for its recipient agency only (404 for anyone else, audited). */
async function loadDelivery(
  c: Context<AppEnv>,
  action: 'intel.read' | 'intel.receipt',
): Promise<DeliveryRow> {
  const d = await getDelivery(c.var.deps.db, param(c, 'id'));
  if (!d) throw new ApiError(404, 'not-found', `no such resource: ${c.req.path}`);
  // Authors see delivery state through their publication, never the packages themselves.
  await permit(c, action, { recipients: [d.recipientOrgId] });
  return d;
}

/** The compact serialisation as delivered (a JWS sealed at rest is opened). */
async function tokenOf(c: Context<AppEnv>, d: DeliveryRow): Promise<string> {
  return d.encrypted ? d.token : c.var.deps.intelAtRest.open(d.token, `intel-delivery:${d.id}`);
}

function item(
  d: DeliveryRow,
  pub: { kind: InboxItem['intelKind']; tlp: InboxItem['tlp']; expiresAt: string },
): InboxItem {
  return {
    id: d.id,
    kind: d.kind,
    intelKind: pub.kind,
    recipient: d.recipientOrgId,
    publication: d.publicationId,
    packageId: d.packageId,
    tlp: pub.tlp,
    encrypted: d.encrypted,
    deliveredAt: d.createdAt,
    expiresAt: pub.expiresAt,
    url: packageUrl(d.id),
  };
}

export function inboxRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/intel/inbox',
      operationId: 'getIntelInbox',
      summary: "The caller's agency inbox: packages and retractions in delivery order",
      description:
        'A cursor over a per-hub sequence assigned when each delivery is stored: it never skips or repeats an item, also for deliveries made in the same millisecond, by several hub processes, or across restarts. `nextCursor` is always given (also on the last page): poll with it for what arrives later.',
      tags,
      auth: 'bearer',
      query: pageParams,
      responses: { 200: { description: 'A page of the inbox', schema: 'intel#/$defs/inboxPage' } },
    },
    async (c) => {
      await permit(c, 'intel.inbox');
      const { cursor, limit = 50 } = pageQuery(c);
      const after = decodeIntCursor(cursor) ?? 0;
      const db = c.var.deps.db;
      const rows = await inboxPage(db, callerOrgs(c, 'agency'), after, limit);
      const pubs = new Map<
        string,
        { kind: InboxItem['intelKind']; tlp: InboxItem['tlp']; expiresAt: string }
      >();
      for (const r of rows)
        if (!pubs.has(r.publicationId)) {
          const p = await getPublication(db, r.publicationId);
          if (p) pubs.set(p.id, { kind: p.kind, tlp: p.tlp, expiresAt: p.expiresAt });
        }
      return c.json({
        items: rows.map((r) => item(r, pubs.get(r.publicationId)!)),
        nextCursor: encodeCursor(String(rows.at(-1)?.seq ?? after)),
      });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/intel/packages/:id',
      operationId: 'getIntelPackage',
      summary: 'A package (or retraction) for its recipient agency, as a compact JWS or JWE',
      description:
        'The body is the compact serialisation (`application/jose`). Verify it offline with `ewto intel verify`. 404 for anyone but the recipient agency; every fetch and every denied fetch is audited.',
      tags,
      auth: 'bearer',
      responses: {
        200: {
          description: 'Compact JWS or JWE',
          schema: { type: 'string' },
          contentType: 'application/jose',
        },
      },
    },
    async (c) => {
      const d = await loadDelivery(c, 'intel.read');
      const token = await tokenOf(c, d);
      await audited(c, async (tx, record) => {
        await markFetched(tx, d.id, nowIso());
        record('intel.fetched', {
          orgId: d.recipientOrgId,
          resource: { type: d.kind === 'package' ? 'intel-package' : 'intel-retraction', id: d.id },
          details: { publication: d.publicationId, first: d.fetchedAt === null },
        });
      });
      c.header('Cache-Control', 'no-store');
      return c.body(token, 200, { 'Content-Type': 'application/jose' });
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'get',
      path: '/api/v1/intel/packages/:id/stix',
      operationId: 'getIntelPackageStix',
      summary: 'The STIX 2.1 bundle of a package, for its recipient agency',
      description:
        "The hub's identity, the official TLP 2.0 marking definition, a report, and indicators, user-account and url observables and relationships; ids are UUIDv5 over content (a re-export creates no duplicates). See docs/intelligence.md.",
      tags,
      auth: 'bearer',
      responses: { 200: { description: 'STIX 2.1 bundle', schema: { type: 'object' } } },
    },
    async (c) => {
      const d = await loadDelivery(c, 'intel.read');
      if (d.kind !== 'package')
        throw new ApiError(404, 'not-found', `${d.id} is a retraction, not a package`);
      const deps = c.var.deps;
      const pub = (await getPublication(deps.db, d.publicationId))!;
      const body = JSON.parse(await deps.intelAtRest.open(pub.content, `intel-publication:${pub.id}`));
      const claims: PackageClaims = {
        iss: deps.config.hubUrl,
        aud: d.recipientOrgId,
        iat: seconds(pub.createdAt),
        nbf: seconds(pub.createdAt),
        exp: seconds(pub.expiresAt),
        jti: d.packageId,
        kind: pub.kind,
        publication: pub.id,
        author: pub.authorOrgId,
        tlp: pub.tlp,
        handling: pub.handling,
        ...(pub.handlingNote ? { handlingNote: pub.handlingNote } : {}),
        grades: pub.grades,
        body,
      };
      await audit(c, 'intel.fetched', {
        orgId: d.recipientOrgId,
        resource: { type: 'intel-package', id: d.id },
        details: { publication: pub.id, format: 'stix' },
      });
      c.header('Cache-Control', 'no-store');
      return c.json(await toStixBundle(claims));
    },
  );

  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/intel/packages/:id/receipt',
      operationId: 'postIntelReceipt',
      summary: "Acknowledge a package (or a retraction) with a receipt signed by the agency's key",
      description:
        'The receipt is a compact JWS (`typ: ewto-receipt+jwt`, EdDSA, `kid` = a signing key the agency registered) with claims `iss` (agency id), `aud` (HUB_URL), `sub` (this id), `iat`, `exp` (≤ 1 h), `jti`, `digest` (base64url SHA-256 of the package as delivered). Verified under RFC 8725 rules; 422 says why one is refused. `ewto intel receipt` makes and sends it.',
      tags,
      auth: 'bearer',
      body: {
        schema: 'intel#/$defs/receiptRequest',
        example: {
          receipt:
            'eyJhbGciOiJFZERTQSIsInR5cCI6ImV3dG8tcmVjZWlwdCtqd3QiLCJraWQiOiJrMSJ9.eyJpc3MiOiJhZ2VuY3kifQ.c2lnbmF0dXJl',
        },
      },
      responses: {
        200: { description: 'The receipt was verified and stored', schema: 'intel#/$defs/receiptResult' },
      },
    },
    async (c) => {
      const d = await loadDelivery(c, 'intel.receipt');
      const deps = c.var.deps;
      const { receipt } = c.var.body as { receipt: string };
      const token = await tokenOf(c, d);
      const what = d.kind === 'package' ? 'intel.receipt' : 'intel.acknowledged';
      try {
        await verifyReceipt(receipt, {
          keyFor: async (kid) => {
            const jwk = await agencySigningKey(deps.db, d.recipientOrgId, kid);
            return jwk ? importVerifyKey(jwk, `agency key ${kid}`) : undefined;
          },
          agencyId: d.recipientOrgId,
          audience: loopbackAliases(deps.config.hubUrl),
          subject: d.id,
          digest: await tokenDigest(token),
        });
      } catch (e) {
        if (!(e instanceof IntelError)) throw e;
        await audit(c, what, {
          outcome: 'failure',
          orgId: d.recipientOrgId,
          resource: { type: d.kind === 'package' ? 'intel-package' : 'intel-retraction', id: d.id },
          details: { reason: e.message.slice(0, 200) },
        });
        throw new ApiError(422, 'verification-failed', `receipt refused: ${e.message}`);
      }
      const at = nowIso();
      await audited(c, async (tx, record) => {
        await storeReceipt(tx, d.id, receipt, at);
        record(what, {
          orgId: d.recipientOrgId,
          resource: { type: d.kind === 'package' ? 'intel-package' : 'intel-retraction', id: d.id },
          details: { publication: d.publicationId, repeated: d.receiptAt !== null },
        });
      });
      return c.json({ id: d.id, kind: d.kind, receivedAt: d.receiptAt ?? at });
    },
  );
}
