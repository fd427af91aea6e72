/**
 * Passkeys (WebAuthn credentials) and their one-time challenges. The cryptography is
 * @simplewebauthn/server's, in the hub; this module only stores what it verified.
 */
import type { Database } from '@ewto/db';
import { passkeys, webauthnChallenges } from '@ewto/db/schema';
import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import { IdentityError } from './errors.ts';
import { newId, nowIso } from './ids.ts';

export type PasskeyRow = typeof passkeys.$inferSelect;
export type PasskeyInfo = Omit<PasskeyRow, 'publicKey' | 'counter'>;
export type ChallengeRow = typeof webauthnChallenges.$inferSelect;

const info = ({ publicKey: _, counter: __, ...rest }: PasskeyRow): PasskeyInfo => rest;

/** Remembers a challenge for `ttlSeconds` (default 5 minutes). */
export async function saveChallenge(
  db: Database,
  input: Omit<ChallengeRow, 'expiresAt'>,
  ttlSeconds = 300,
): Promise<void> {
  await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, nowIso()));
  await db.insert(webauthnChallenges).values({ ...input, expiresAt: nowIso(Date.now() + ttlSeconds * 1000) });
}

/** Takes a challenge out (one use only); undefined when unknown, used or expired. */
export async function takeChallenge(
  db: Database,
  challenge: string,
  purpose: ChallengeRow['purpose'],
): Promise<ChallengeRow | undefined> {
  const rows = await db
    .delete(webauthnChallenges)
    .where(and(eq(webauthnChallenges.challenge, challenge), eq(webauthnChallenges.purpose, purpose)))
    .returning();
  const row = rows[0];
  return row && row.expiresAt > nowIso() ? row : undefined;
}

export async function addPasskey(
  db: Database,
  input: Pick<
    PasskeyRow,
    'credentialId' | 'userId' | 'name' | 'publicKey' | 'counter' | 'transports' | 'scopeOrgId'
  >,
): Promise<PasskeyInfo> {
  if ((await db.select().from(passkeys).where(eq(passkeys.credentialId, input.credentialId))).length)
    throw new IdentityError('already-exists', 'this passkey is already registered');
  const row: PasskeyRow = { ...input, id: newId(), createdAt: nowIso(), lastUsedAt: null, revokedAt: null };
  await db.insert(passkeys).values(row);
  return info(row);
}

/** A usable (not revoked) passkey by its WebAuthn credential id. */
export async function findPasskey(db: Database, credentialId: string): Promise<PasskeyRow | undefined> {
  const row = (await db.select().from(passkeys).where(eq(passkeys.credentialId, credentialId)))[0];
  return row && !row.revokedAt ? row : undefined;
}

export async function recordPasskeyUse(db: Database, id: string, counter: number): Promise<void> {
  await db.update(passkeys).set({ counter, lastUsedAt: nowIso() }).where(eq(passkeys.id, id));
}

export async function listPasskeys(db: Database, userId: string): Promise<PasskeyInfo[]> {
  const rows = await db
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.userId, userId), isNull(passkeys.revokedAt)))
    .orderBy(asc(passkeys.id));
  return rows.map(info);
}

/** Revokes one of `userId`'s passkeys; it can no longer sign in. */
export async function revokePasskey(db: Database, userId: string, id: string): Promise<PasskeyInfo> {
  const row = (await db.select().from(passkeys).where(eq(passkeys.id, id)))[0];
  if (!row || row.userId !== userId || row.revokedAt)
    throw new IdentityError('not-found', `no passkey ${id}`);
  const revokedAt = nowIso();
  await db.update(passkeys).set({ revokedAt }).where(eq(passkeys.id, id));
  return info({ ...row, revokedAt });
}
