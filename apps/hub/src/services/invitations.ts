/** Issuing invitations inside an audited request transaction (issue 8 item 12). */
import type { Database } from '@ewto/db';
import { createInvitation, hasUnscopedCredential, type Invitation } from '@ewto/identity';
import type { RequestRecorder } from '../auth.ts';

export type InvitationCreated = Invitation & { code: string };

/**
 * Creates an invitation for a member of `orgId` and records it, in the caller's transaction. The
 * code is in the result once: answer it and never log it.
 */
export async function issueInvitation(
  tx: Database,
  record: RequestRecorder,
  { orgId, userId, createdBy }: { orgId: string; userId: string; createdBy: string },
): Promise<InvitationCreated> {
  const { code, invitation, replaced } = await createInvitation(tx, { orgId, userId, createdBy });
  record('invitation.created', {
    orgId,
    resource: { type: 'invitation', id: invitation.id },
    details: { forUser: userId, expiresAt: invitation.expiresAt, ...(replaced.length ? { replaced } : {}) },
  });
  return { ...invitation, code };
}

/**
 * A person just added to `orgId` gets an invitation unless they already hold a credential that acts
 * there (a live unscoped one): adding someone who can already sign in issues no code.
 */
export async function inviteIfNeeded(
  tx: Database,
  record: RequestRecorder,
  input: { orgId: string; userId: string; createdBy: string },
): Promise<InvitationCreated | undefined> {
  if (await hasUnscopedCredential(tx, input.userId)) return undefined;
  return issueInvitation(tx, record, input);
}
