/**
 * Invitations (issue 8 item 12): a person added to an organisation without a credential that acts
 * there gets a one-time code, shown once (only its SHA-256 is stored), valid for 7 days, that they
 * redeem for a first personal access token scoped to that organisation. Each function takes the
 * database or the transaction the change and its audit entry are written in.
 */
import type { Database } from '@ewto/db';
import { invitations, passkeys, personalAccessTokens } from '@ewto/db/schema';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { getMember } from './accounts.ts';
import { createPat, type PatInfo } from './credentials.ts';
import { IdentityError } from './errors.ts';
import { newId, nowIso, randomSecret, sha256Hex } from './ids.ts';
import { clampLimit, decodeCursor, type Page, toPage } from './pagination.ts';

export const INVITATION_PREFIX = 'ewto_inv_';
export const INVITATION_DAYS = 7;
const DAY = 86_400_000;

type InvitationRow = typeof invitations.$inferSelect;
/** An invitation without its code hash; `status` says where it stands now. */
export type Invitation = Omit<InvitationRow, 'codeHash'> & {
  status: 'pending' | 'redeemed' | 'revoked' | 'expired';
};

function view({ codeHash: _, ...row }: InvitationRow, now = nowIso()): Invitation {
  const status = row.redeemedAt
    ? 'redeemed'
    : row.revokedAt
      ? 'revoked'
      : row.expiresAt <= now
        ? 'expired'
        : 'pending';
  return { ...row, status };
}

/**
 * Whether a person already holds a credential that would act in any organisation they join: a live,
 * unscoped personal access token. Scoped credentials act only in their own organisation, so a person
 * holding only those is invited like a newcomer.
 */
export async function hasUnscopedCredential(db: Database, userId: string): Promise<boolean> {
  const rows = await db
    .select({ expiresAt: personalAccessTokens.expiresAt })
    .from(personalAccessTokens)
    .where(
      and(
        eq(personalAccessTokens.userId, userId),
        isNull(personalAccessTokens.scopeOrgId),
        isNull(personalAccessTokens.revokedAt),
      ),
    );
  const now = nowIso();
  if (rows.some((r) => r.expiresAt > now)) return true;
  // A passkey registered from an unscoped credential is one too (it opens unscoped sessions).
  const keys = await db
    .select({ id: passkeys.id })
    .from(passkeys)
    .where(and(eq(passkeys.userId, userId), isNull(passkeys.scopeOrgId), isNull(passkeys.revokedAt)));
  return keys.length > 0;
}

/**
 * Creates an invitation for a member of `orgId`; the code is in the result once. A pending invitation
 * of the same person to the same organisation is revoked: only the newest code works.
 */
export async function createInvitation(
  db: Database,
  input: { orgId: string; userId: string; createdBy: string },
): Promise<{ code: string; invitation: Invitation; replaced: string[] }> {
  if (!(await getMember(db, input.orgId, input.userId)))
    throw new IdentityError('not-found', `no member ${input.userId}`);
  const now = nowIso();
  const replaced = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.orgId, input.orgId),
        eq(invitations.userId, input.userId),
        isNull(invitations.redeemedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .returning({ id: invitations.id });
  const code = `${INVITATION_PREFIX}${randomSecret(32)}`;
  const row: InvitationRow = {
    id: newId(),
    orgId: input.orgId,
    userId: input.userId,
    codeHash: await sha256Hex(code),
    createdBy: input.createdBy,
    createdAt: now,
    expiresAt: nowIso(Date.now() + INVITATION_DAYS * DAY),
    redeemedAt: null,
    revokedAt: null,
    tokenId: null,
  };
  await db.insert(invitations).values(row);
  return { code, invitation: view(row), replaced: replaced.map((r) => r.id) };
}

export async function getInvitation(db: Database, id: string): Promise<Invitation | undefined> {
  const row = (await db.select().from(invitations).where(eq(invitations.id, id)))[0];
  return row && view(row);
}

export async function listInvitations(
  db: Database,
  orgId: string,
  { cursor, limit }: { cursor?: string; limit?: number },
): Promise<Page<Invitation>> {
  const n = clampLimit(limit);
  const after = decodeCursor(cursor);
  const rows = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), after ? gt(invitations.id, after) : undefined))
    .orderBy(asc(invitations.id))
    .limit(n + 1);
  const now = nowIso();
  return toPage(
    rows.map((r) => view(r, now)),
    n,
    (r) => r.id,
  );
}

/**
 * Revokes a person's pending invitations to an organisation (when they are removed from it, so that
 * an old code does not come back to life if they are added again); returns their ids.
 */
export async function revokePendingInvitations(
  db: Database,
  orgId: string,
  userId: string,
): Promise<string[]> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: nowIso() })
    .where(
      and(
        eq(invitations.orgId, orgId),
        eq(invitations.userId, userId),
        isNull(invitations.redeemedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning({ id: invitations.id });
  return rows.map((r) => r.id);
}

/** Revokes an organisation's pending invitation; a redeemed one is 409 (revoke its token instead). */
export async function revokeInvitation(db: Database, orgId: string, id: string): Promise<Invitation> {
  const found = await getInvitation(db, id);
  if (found?.orgId !== orgId) throw new IdentityError('not-found', `no invitation ${id}`);
  if (found.status === 'redeemed')
    throw new IdentityError(
      'conflict',
      `invitation ${id} was already redeemed: revoke the token it gave (${found.tokenId}) instead`,
    );
  if (found.status === 'pending' || found.status === 'expired')
    await db
      .update(invitations)
      .set({ revokedAt: nowIso() })
      .where(and(eq(invitations.id, id), isNull(invitations.revokedAt), isNull(invitations.redeemedAt)));
  return (await getInvitation(db, id))!;
}

/**
 * Exchanges a code for a personal access token scoped to the invitation's organisation. Single use:
 * the invitation is marked redeemed by a conditional update, so of two concurrent redemptions one
 * fails. Refused when the code is unknown, expired, revoked or used, or the person was removed.
 * `known` on the error names the invitation a failure was about (for the audit log).
 */
export async function redeemInvitation(
  db: Database,
  code: string,
  { name = 'invitation' }: { name?: string } = {},
): Promise<{ invitation: Invitation; token: string; info: PatInfo }> {
  const row = code.startsWith(INVITATION_PREFIX)
    ? (
        await db
          .select()
          .from(invitations)
          .where(eq(invitations.codeHash, await sha256Hex(code)))
      )[0]
    : undefined;
  if (!row) throw new InvitationError('this invitation code is unknown: check it was copied whole');
  const inv = view(row);
  if (inv.status !== 'pending')
    throw new InvitationError(
      inv.status === 'redeemed'
        ? 'this invitation code was already used; each code works once'
        : `this invitation ${inv.status === 'expired' ? 'expired' : 'was revoked'}: ask an admin of the organisation for a new one`,
      inv,
    );
  if (!(await getMember(db, row.orgId, row.userId)))
    throw new InvitationError('you are no longer a member of the organisation that invited you', inv);
  const now = nowIso();
  const won = await db
    .update(invitations)
    .set({ redeemedAt: now })
    .where(
      and(
        eq(invitations.id, row.id),
        isNull(invitations.redeemedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .returning({ id: invitations.id });
  if (!won.length)
    throw new InvitationError('this invitation code was already used; each code works once', inv);
  const pat = await createPat(db, {
    userId: row.userId,
    name,
    createdBy: `invitation:${row.id}`,
    scopeOrgId: row.orgId,
  });
  await db.update(invitations).set({ tokenId: pat.info.id }).where(eq(invitations.id, row.id));
  return { invitation: (await getInvitation(db, row.id))!, ...pat };
}

/** A refused redemption (400 at the hub); `invitation` is set when the code was a real one. */
export class InvitationError extends IdentityError {
  constructor(
    message: string,
    readonly invitation?: Invitation,
  ) {
    super('bad-request', message);
  }
}
