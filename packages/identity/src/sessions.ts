/**
 * Browser sessions. The cookie carries a random secret (only its SHA-256 is stored); the CSRF
 * token is derived from that secret, so it needs no storage and changes with every session. A
 * session keeps the organisation scope of the credential that opened it for its whole life.
 */
import type { Database } from '@ewto/db';
import { browserSessions } from '@ewto/db/schema';
import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import type { Actor } from './actor.ts';
import { IdentityError } from './errors.ts';
import { newId, nowIso, randomSecret, sha256Hex } from './ids.ts';
import { loadUserActor } from './user-actor.ts';

export const SESSION_PREFIX = 'ewto_s_';
export type SessionRow = typeof browserSessions.$inferSelect;
export type SessionInfo = Omit<SessionRow, 'secretHash'>;
export type SessionMethod = SessionRow['method'];

const info = ({ secretHash: _, ...rest }: SessionRow): SessionInfo => rest;

/** Opens a session; the secret (for the cookie) is in the result once and never stored. */
export async function createSession(
  db: Database,
  input: {
    userId: string;
    method: SessionMethod;
    credentialId?: string;
    scopeOrgId?: string | null;
    ttlSeconds: number;
    userAgent?: string;
  },
): Promise<{ secret: string; session: SessionInfo }> {
  const secret = `${SESSION_PREFIX}${randomSecret(32)}`;
  const now = Date.now();
  const row: SessionRow = {
    id: newId(),
    userId: input.userId,
    secretHash: await sha256Hex(secret),
    method: input.method,
    credentialId: input.credentialId ?? null,
    scopeOrgId: input.scopeOrgId ?? null,
    createdAt: nowIso(now),
    expiresAt: nowIso(now + input.ttlSeconds * 1000),
    lastUsedAt: null,
    revokedAt: null,
    userAgent: input.userAgent?.slice(0, 200) ?? null,
  };
  // Expired sessions are of no use to anyone: drop them as new ones open.
  await db.delete(browserSessions).where(lt(browserSessions.expiresAt, nowIso(now - 86_400_000)));
  await db.insert(browserSessions).values(row);
  return { secret, session: info(row) };
}

/** The CSRF token of a session: derived from its secret, so only the cookie's holder can know it. */
export async function csrfTokenFor(secret: string): Promise<string> {
  return (await sha256Hex(`csrf:${secret}`)).slice(0, 43);
}

/** The live session a cookie secret belongs to, or undefined (unknown, expired or revoked). */
export async function findLiveSession(db: Database, secret: string): Promise<SessionInfo | undefined> {
  if (!secret.startsWith(SESSION_PREFIX)) return undefined;
  const row = (
    await db
      .select()
      .from(browserSessions)
      .where(eq(browserSessions.secretHash, await sha256Hex(secret)))
  )[0];
  if (!row || row.revokedAt || row.expiresAt <= nowIso()) return undefined;
  return info(row);
}

/** Who a live session stands for, as of now, within the session's organisation scope. */
export async function sessionActor(db: Database, session: SessionInfo): Promise<Actor> {
  const actor = await loadUserActor(db, {
    userId: session.userId,
    credentialId: session.id,
    scopeOrgId: session.scopeOrgId,
  });
  return { ...actor, sessionId: session.id };
}

export async function touchSession(db: Database, id: string): Promise<void> {
  await db.update(browserSessions).set({ lastUsedAt: nowIso() }).where(eq(browserSessions.id, id));
}

/** A user's sessions that have not expired, newest first. */
export async function listSessions(db: Database, userId: string): Promise<SessionInfo[]> {
  const rows = await db
    .select()
    .from(browserSessions)
    .where(and(eq(browserSessions.userId, userId), isNull(browserSessions.revokedAt)))
    .orderBy(desc(browserSessions.id))
    .limit(200);
  const now = nowIso();
  return rows.filter((r) => r.expiresAt > now).map(info);
}

/** Revokes one of `userId`'s sessions (idempotent); not-found for anyone else's. */
export async function revokeSession(db: Database, userId: string, id: string): Promise<SessionInfo> {
  const row = (await db.select().from(browserSessions).where(eq(browserSessions.id, id)))[0];
  if (!row || row.userId !== userId) throw new IdentityError('not-found', `no session ${id}`);
  if (!row.revokedAt) {
    const revokedAt = nowIso();
    await db.update(browserSessions).set({ revokedAt }).where(eq(browserSessions.id, id));
    return info({ ...row, revokedAt });
  }
  return info(row);
}
