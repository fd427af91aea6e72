/** POST /api/v1/keywords/promotions: the terms of a TLP:CLEAR or TLP:GREEN trend alert into the keyword library. */
import { nowIso } from '@ewto/identity';
import { PROMOTABLE_TLP } from '@ewto/intel';
import { promotionTerms } from '@ewto/keywords';
import type { TrendAlert } from '@ewto/schemas/generated/intel';
import type { Hono } from 'hono';
import { audited, permit, requireActor } from '../../auth.ts';
import { created } from '../../http.ts';
import { ApiError } from '../../problem.ts';
import { defineRoute, type RouteTable } from '../../routing.ts';
import { getPublication } from '../../services/intel/store.ts';
import { KeywordService } from '../../services/keywords.ts';
import type { AppEnv } from '../../types.ts';

export function promoteRoutes(app: Hono<AppEnv>, table: RouteTable) {
  defineRoute(
    app,
    table,
    {
      method: 'post',
      path: '/api/v1/keywords/promotions',
      operationId: 'promoteAlertTerms',
      summary:
        "Promote a trend alert's terms into the keyword library (conveners' editors; TLP:CLEAR or GREEN)",
      description:
        'A new library version whose changelog names the alert; one term per text, kind and species group, with `provenance: intelligence` and `alert` = the publication id (a low-confidence term is marked ambiguous: it does not flag a listing alone). Served by /api/v1/keywords and used by /api/v1/screen in every hub process. Terms of TLP:AMBER, AMBER+STRICT or RED alerts, and of retracted alerts, cannot be promoted (422).',
      tags: ['keywords'],
      auth: 'bearer',
      body: {
        schema: 'intel#/$defs/promoteRequest',
        example: { publication: '019a7b4e-3c1d-7e2f-8a9b-0c1d2e3f4a5b' },
      },
      responses: {
        201: { description: 'The new library version', schema: 'intel#/$defs/promoteResult' },
        409: {
          description: 'Another promotion took the version',
          schema: 'problem',
          contentType: 'application/problem+json',
        },
      },
    },
    async (c) => {
      await permit(c, 'keywords.promote');
      const deps = c.var.deps;
      const input = c.var.body as { publication: string; terms?: string[] };
      const pub = await getPublication(deps.db, input.publication);
      if (!pub) throw new ApiError(422, 'validation-failed', `no trend alert ${input.publication}`);
      // Only the author organisation knows the publication exists.
      await permit(c, 'intel.read', { authorOrgId: pub.authorOrgId });
      if (pub.kind !== 'trend-alert')
        throw new ApiError(422, 'validation-failed', `${pub.id} is a ${pub.kind}, not a trend alert`);
      if (!PROMOTABLE_TLP.includes(pub.tlp))
        throw new ApiError(
          422,
          'validation-failed',
          `the terms of a TLP:${pub.tlp} alert cannot be promoted: the keyword library is shared with every member company (only TLP:CLEAR and TLP:GREEN)`,
        );
      if (pub.retractedAt)
        throw new ApiError(422, 'validation-failed', `alert ${pub.id} was retracted at ${pub.retractedAt}`);
      const alert = JSON.parse(
        await deps.intelAtRest.open(pub.content, `intel-publication:${pub.id}`),
      ) as TrendAlert;
      const wanted = input.terms ? new Set(input.terms) : undefined;
      const unknown = input.terms?.filter((t) => !alert.terms.some((a) => a.text === t)) ?? [];
      if (unknown.length)
        throw new ApiError(
          422,
          'validation-failed',
          `not terms of the alert: ${unknown.map((t) => `"${t}"`).join(', ')}`,
        );
      const { library } = await deps.keywords.current();
      const version = library.version + 1;
      const { added, skipped } = promotionTerms(
        library,
        alert.terms.filter((t) => !wanted || wanted.has(t.text)),
        { alert: pub.id, version },
      );
      if (!added.length)
        throw new ApiError(
          422,
          'validation-failed',
          'nothing to promote: every term is already in the library',
          {
            skipped,
          },
        );
      const actor = requireActor(c);
      try {
        await audited(c, async (tx, record) => {
          await KeywordService.storePromotion(
            tx,
            {
              version,
              source: 'promotion',
              fileVersion: null,
              publicationId: pub.id,
              summary: `${added.length} term${added.length === 1 ? '' : 's'} promoted from trend alert ${pub.id} ("${alert.title}"), TLP:${pub.tlp}: ${[...new Set(added.map((t) => t.text))].join(', ')}`,
              date: nowIso().slice(0, 10),
              createdBy: actor.kind === 'user' ? actor.userId : 'unknown',
            },
            added,
          );
          record('keywords.promoted', {
            orgId: pub.authorOrgId,
            resource: { type: 'keyword-library', id: String(version) },
            details: { publication: pub.id, terms: added.map((t) => t.id), skipped: skipped.length },
          });
        });
      } catch (e) {
        if (/UNIQUE|constraint/i.test(String((e as Error).message) + String((e as Error).cause ?? '')))
          throw new ApiError(
            409,
            'conflict',
            `library version ${version} was taken by another change: try again`,
          );
        throw e;
      }
      const now = await deps.keywords.current();
      return created(c, '/api/v1/keywords', {
        version: now.library.version,
        publication: pub.id,
        added: added.map((t) => t.id),
        skipped,
      });
    },
  );
}
