/** Minting a personal access token from a request: created, audited, answered once with no-store. */
import { createPat } from '@ewto/identity';
import type { Context } from 'hono';
import { audited, requireActor } from '../auth.ts';
import { created } from '../http.ts';
import type { AppEnv } from '../types.ts';

/**
 * `scopeOrgId` is decided by the caller from authz.ts: `credentialScope(actor, …)` for one's own
 * tokens, the organisation itself for tokens an organisation admin mints.
 */
export async function issuePat(
  c: Context<AppEnv>,
  {
    userId,
    orgId,
    scopeOrgId,
    collection = '/api/v1/me/tokens',
  }: {
    userId: string;
    orgId?: string;
    scopeOrgId: string | null;
    /** Where the new token can be read (its Location): the caller's own tokens by default. */
    collection?: string;
  },
): Promise<Response> {
  const actor = requireActor(c);
  const input = c.var.body as { name: string; expiresInDays?: number };
  const out = await audited(c, async (tx, record) => {
    const out = await createPat(tx, {
      userId,
      name: input.name,
      createdBy: actor.kind === 'user' ? actor.userId : 'unknown',
      scopeOrgId,
      ...(input.expiresInDays ? { expiresInDays: input.expiresInDays } : {}),
    });
    record('token.created', {
      ...(orgId ? { orgId } : scopeOrgId ? { orgId: scopeOrgId } : {}),
      resource: { type: 'personal-access-token', id: out.info.id },
      details: {
        ...(actor.kind === 'user' && actor.userId !== userId ? { forUser: userId } : {}),
        expiresAt: out.info.expiresAt,
        ...(scopeOrgId ? { scopeOrgId } : {}),
      },
    });
    return out;
  });
  c.header('Cache-Control', 'no-store');
  return created(c, `${collection}/${out.info.id}`, out);
}
