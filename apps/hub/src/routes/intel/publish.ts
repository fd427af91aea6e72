/** POST /api/v1/intel/alerts and /networks: one signed (maybe encrypted) package per recipient agency. */
import type { Hono } from 'hono';
import { audited, permit, requireActor } from '../../auth.ts';
import { created } from '../../http.ts';
import { ApiError } from '../../problem.ts';
import { defineRoute, type RouteTable } from '../../routing.ts';
import { type PublishInput, preparePublish, publishResult } from '../../services/intel/publish.ts';
import { deliveriesOf, findByIdempotencyKey, insertPublication } from '../../services/intel/store.ts';
import type { AppEnv } from '../../types.ts';
import { ALERT_EXAMPLE, authorOrg, NETWORK_EXAMPLE, tags } from './shared.ts';

const idempotencyHeader = {
  name: 'Idempotency-Key',
  description:
    'Any unique string (e.g. a UUID): a retry with the same key answers the first result and publishes nothing more; the same key with another body gets 409',
};

async function sha256(text: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(d, (x) => x.toString(16).padStart(2, '0')).join('');
}

const DESCRIPTION =
  "One package per recipient agency: a compact JWS (EdDSA, `typ: ewto-intel+jwt`) naming only that agency in `aud`; network reports and anything TLP:AMBER or stricter nested in a JWE (ECDH-ES+A256KW, A256GCM, `cty: JWT`) to the agency's X25519 key. A taskforce expands to its member agencies now, and the expansion is answered. 422 and nothing sent when no agency results, when an agency lacks the encryption key needed, or when TLP:RED names a taskforce. See docs/intelligence.md.";

export function publishRoutes(app: Hono<AppEnv>, table: RouteTable) {
  for (const [path, kind, field, schema, example, operationId] of [
    [
      '/api/v1/intel/alerts',
      'trend-alert',
      'alert',
      'intel#/$defs/alertPublish',
      ALERT_EXAMPLE,
      'publishAlert',
    ],
    [
      '/api/v1/intel/networks',
      'network-report',
      'report',
      'intel#/$defs/networkPublish',
      NETWORK_EXAMPLE,
      'publishNetworkReport',
    ],
  ] as const)
    defineRoute(
      app,
      table,
      {
        method: 'post',
        path,
        operationId,
        summary: `Publish a ${kind} to agencies and taskforces (conveners' editors)`,
        description: DESCRIPTION,
        tags,
        auth: 'bearer',
        headers: [idempotencyHeader],
        body: { schema, example },
        responses: {
          201: {
            description: 'Published: the publication id and one package per recipient agency',
            schema: 'intel#/$defs/publishResult',
            headers: { Location: 'URL of the publication' },
          },
          409: {
            description: 'The Idempotency-Key was used for another request body',
            schema: 'problem',
            contentType: 'application/problem+json',
          },
        },
      },
      async (c) => {
        await permit(c, 'intel.publish');
        const actor = requireActor(c);
        const author = authorOrg(c);
        const deps = c.var.deps;
        const body = c.var.body as Record<string, unknown>;
        const key = c.req.header('idempotency-key')?.trim();
        if (key !== undefined && (key === '' || key.length > 200))
          throw new ApiError(400, 'bad-request', 'Idempotency-Key must be 1 to 200 characters');
        const requestHash = await sha256(`${path}\n${JSON.stringify(body)}`);
        const replay = async () => {
          const first = key ? await findByIdempotencyKey(deps.db, author, key) : undefined;
          if (!first) return undefined;
          if (first.requestHash !== requestHash)
            throw new ApiError(409, 'conflict', `Idempotency-Key "${key}" was used for another request`);
          c.header('Idempotent-Replayed', 'true');
          return created(
            c,
            `/api/v1/intel/publications/${first.id}`,
            publishResult(first, await deliveriesOf(deps.db, first.id)),
          );
        };
        const earlier = await replay();
        if (earlier) return earlier;
        const input: PublishInput = {
          kind,
          tlp: body.tlp as PublishInput['tlp'],
          recipients: body.recipients as string[],
          handling: body.handling as PublishInput['handling'],
          ...(typeof body.handlingNote === 'string' ? { handlingNote: body.handlingNote } : {}),
          grades: body.grades as PublishInput['grades'],
          expires: body.expires as string,
          body: body[field],
        };
        const prepared = await preparePublish({
          db: deps.db,
          input,
          authorOrgId: author,
          createdBy: actor.kind === 'user' ? actor.userId : 'unknown',
          issuer: deps.config.hubUrl,
          signer: await deps.keys.activeSigner(),
          atRest: deps.intelAtRest,
          idempotency: key ? { key, requestHash } : undefined,
        });
        try {
          await audited(c, async (tx, record) => {
            await insertPublication(tx, prepared.row, prepared.deliveries);
            record('intel.published', {
              orgId: author,
              resource: { type: 'intel-publication', id: prepared.row.id },
              details: {
                kind,
                tlp: input.tlp,
                handling: input.handling,
                packages: prepared.result.packages.length,
                recipients: prepared.result.packages.map((p) => p.recipient),
                expansions: prepared.row.expansions,
                encrypted: prepared.deliveries[0]?.encrypted ?? false,
              },
            });
          });
        } catch (e) {
          // A concurrent retry with the same key won the insert: answer its result.
          const winner = await replay().catch(() => undefined);
          if (winner) return winner;
          throw e;
        }
        return created(c, `/api/v1/intel/publications/${prepared.row.id}`, prepared.result);
      },
    );
}
