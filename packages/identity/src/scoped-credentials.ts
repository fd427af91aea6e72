/**
 * Every credential of a person scoped to one organisation — personal access tokens, browser
 * sessions, passkeys — revoked together when the person leaves that organisation (issue 8 item 1):
 * they stop for good, and do not come back if the person is added again.
 */
import type { Database } from '@ewto/db';
import { browserSessions, passkeys, personalAccessTokens } from '@ewto/db/schema';
import { and, eq, isNull } from 'drizzle-orm';
import { nowIso } from './ids.ts';

export interface RevokedCredentials {
  tokens: string[];
  sessions: string[];
  passkeys: string[];
}

/**
 * Revokes the person's live credentials scoped to `orgId`; returns their ids by kind (to audit).
 * Run it in the transaction that removes the membership.
 */
export async function revokeScopedCredentials(
  db: Database,
  orgId: string,
  userId: string,
): Promise<RevokedCredentials> {
  const revokedAt = nowIso();
  const tokens = await db
    .update(personalAccessTokens)
    .set({ revokedAt })
    .where(
      and(
        eq(personalAccessTokens.userId, userId),
        eq(personalAccessTokens.scopeOrgId, orgId),
        isNull(personalAccessTokens.revokedAt),
      ),
    )
    .returning({ id: personalAccessTokens.id });
  const sessions = await db
    .update(browserSessions)
    .set({ revokedAt })
    .where(
      and(
        eq(browserSessions.userId, userId),
        eq(browserSessions.scopeOrgId, orgId),
        isNull(browserSessions.revokedAt),
      ),
    )
    .returning({ id: browserSessions.id });
  const keys = await db
    .update(passkeys)
    .set({ revokedAt })
    .where(and(eq(passkeys.userId, userId), eq(passkeys.scopeOrgId, orgId), isNull(passkeys.revokedAt)))
    .returning({ id: passkeys.id });
  return {
    tokens: tokens.map((r) => r.id),
    sessions: sessions.map((r) => r.id),
    passkeys: keys.map((r) => r.id),
  };
}
