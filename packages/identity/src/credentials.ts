/** Personal access tokens and agencies' registered public keys. */
import type { Database } from '@ewto/db';
import { clientKeys, hubKeys, personalAccessTokens } from '@ewto/db/schema';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { calculateJwkThumbprint } from 'jose';
import { IdentityError } from './errors.ts';
import { newId, nowIso, randomSecret, sha256Hex } from './ids.ts';
import { clampLimit, decodeCursor, type Page, toPage } from './pagination.ts';
import { publicKeyFromJwk } from './public-keys.ts';

export const PAT_PREFIX = 'ewto_pat_';
const DAY = 86_400_000;
export const MAX_PAT_DAYS = 366;

export type PatRow = typeof personalAccessTokens.$inferSelect;
export type PatInfo = Omit<PatRow, 'secretHash'>;
export type ClientKeyRow = typeof clientKeys.$inferSelect;

/**
 * Creates a PAT; the secret is in the result once and never stored (only its SHA-256).
 * `scopeOrgId` confines it to one organisation for life (authz.ts `credentialScope` decides it);
 * omitted or null, it is unscoped, which only the operator and unscoped credentials may create.
 */
export async function createPat(
  db: Database,
  input: {
    userId: string;
    name: string;
    createdBy: string;
    expiresInDays?: number;
    scopeOrgId?: string | null;
  },
): Promise<{ token: string; info: PatInfo }> {
  const days = input.expiresInDays ?? 90;
  if (!Number.isInteger(days) || days < 1 || days > MAX_PAT_DAYS)
    throw new IdentityError('invalid', `expiresInDays must be a whole number from 1 to ${MAX_PAT_DAYS}`);
  const token = `${PAT_PREFIX}${randomSecret(32)}`;
  const row: PatRow = {
    id: newId(),
    userId: input.userId,
    name: input.name.trim() || 'token',
    secretHash: await sha256Hex(token),
    createdBy: input.createdBy,
    createdAt: nowIso(),
    expiresAt: nowIso(Date.now() + days * DAY),
    revokedAt: null,
    lastUsedAt: null,
    scopeOrgId: input.scopeOrgId ?? null,
  };
  await db.insert(personalAccessTokens).values(row);
  const { secretHash: _, ...info } = row;
  return { token, info };
}

/** Looks a presented PAT up by hash; undefined when unknown, revoked or expired. */
export async function findUsablePat(db: Database, token: string): Promise<PatRow | undefined> {
  if (!token.startsWith(PAT_PREFIX)) return undefined;
  const rows = await db
    .select()
    .from(personalAccessTokens)
    .where(eq(personalAccessTokens.secretHash, await sha256Hex(token)));
  const row = rows[0];
  if (!row || row.revokedAt || row.expiresAt <= nowIso()) return undefined;
  return row;
}

export async function getPat(db: Database, id: string): Promise<PatRow | undefined> {
  return (await db.select().from(personalAccessTokens).where(eq(personalAccessTokens.id, id)))[0];
}

export async function touchPat(db: Database, id: string): Promise<void> {
  await db.update(personalAccessTokens).set({ lastUsedAt: nowIso() }).where(eq(personalAccessTokens.id, id));
}

/** A user's tokens; with `scopeOrgId`, only those scoped to that organisation. */
export async function listPats(
  db: Database,
  userId: string,
  { cursor, limit, scopeOrgId }: { cursor?: string; limit?: number; scopeOrgId?: string | null },
): Promise<Page<PatInfo>> {
  const n = clampLimit(limit);
  const after = decodeCursor(cursor);
  const rows = await db
    .select()
    .from(personalAccessTokens)
    .where(
      and(
        eq(personalAccessTokens.userId, userId),
        after ? gt(personalAccessTokens.id, after) : undefined,
        scopeOrgId ? eq(personalAccessTokens.scopeOrgId, scopeOrgId) : undefined,
      ),
    )
    .orderBy(asc(personalAccessTokens.id))
    .limit(n + 1);
  return toPage(
    rows.map(({ secretHash: _, ...info }) => info),
    n,
    (r) => r.id,
  );
}

/** One of a user's tokens (without its secret hash); with `scopeOrgId`, only one scoped to that organisation. */
export async function getUserPat(
  db: Database,
  userId: string,
  id: string,
  { scopeOrgId }: { scopeOrgId?: string | null } = {},
): Promise<PatInfo> {
  const row = await getPat(db, id);
  if (!row || row.userId !== userId || (scopeOrgId && row.scopeOrgId !== scopeOrgId))
    throw new IdentityError('not-found', `no token ${id}`);
  const { secretHash: _, ...info } = row;
  return info;
}

/** Revokes one of a user's tokens; with `scopeOrgId`, only one scoped to that organisation. */
export async function revokePat(
  db: Database,
  userId: string,
  id: string,
  { scopeOrgId }: { scopeOrgId?: string | null } = {},
): Promise<PatInfo> {
  const row = await getPat(db, id);
  if (!row || row.userId !== userId || (scopeOrgId && row.scopeOrgId !== scopeOrgId))
    throw new IdentityError('not-found', `no token ${id}`);
  if (!row.revokedAt)
    await db.update(personalAccessTokens).set({ revokedAt: nowIso() }).where(eq(personalAccessTokens.id, id));
  const { secretHash: _, ...info } = (await getPat(db, id))!;
  return info;
}

/** Registers an agency's public key; its RFC 7638 thumbprint is its kid (and a sig key's client id). */
export async function registerClientKey(
  db: Database,
  input: { orgId: string; name: string; publicJwk: unknown; createdBy: string },
): Promise<ClientKeyRow> {
  const { use, jwk } = publicKeyFromJwk(input.publicJwk);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  if ((await db.select({ kid: hubKeys.kid }).from(hubKeys).where(eq(hubKeys.kid, kid))).length)
    throw new IdentityError(
      'invalid',
      `publicJwk is a key of the hub itself (${kid}): register the agency's own key`,
    );
  if ((await db.select().from(clientKeys).where(eq(clientKeys.kid, kid))).length)
    throw new IdentityError('already-exists', `key ${kid} is already registered`);
  const row: ClientKeyRow = {
    kid,
    orgId: input.orgId,
    name: input.name.trim() || use,
    use,
    publicJwk: jwk as Record<string, string>,
    createdAt: nowIso(),
    createdBy: input.createdBy,
    revokedAt: null,
  };
  await db.insert(clientKeys).values(row);
  return row;
}

export async function getClientKey(db: Database, kid: string): Promise<ClientKeyRow | undefined> {
  return (await db.select().from(clientKeys).where(eq(clientKeys.kid, kid)))[0];
}

export async function listClientKeys(
  db: Database,
  orgId: string,
  { cursor, limit }: { cursor?: string; limit?: number },
): Promise<Page<ClientKeyRow>> {
  const n = clampLimit(limit);
  const after = decodeCursor(cursor);
  const rows = await db
    .select()
    .from(clientKeys)
    .where(and(eq(clientKeys.orgId, orgId), after ? gt(clientKeys.kid, after) : undefined))
    .orderBy(asc(clientKeys.kid))
    .limit(n + 1);
  return toPage(rows, n, (r) => r.kid);
}

export async function revokeClientKey(db: Database, orgId: string, kid: string): Promise<ClientKeyRow> {
  const row = await getClientKey(db, kid);
  if (!row || row.orgId !== orgId) throw new IdentityError('not-found', `no key ${kid}`);
  await db
    .update(clientKeys)
    .set({ revokedAt: nowIso() })
    .where(and(eq(clientKeys.kid, kid), isNull(clientKeys.revokedAt)));
  return (await getClientKey(db, kid))!;
}
