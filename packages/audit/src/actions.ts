import type { AuditAction } from '@ewto/schemas/generated/audit-entry';

/**
 * Every security-relevant action the hub logs (issue 3 §6), as `schemas/audit-entry.schema.json`
 * enumerates them (`satisfies` checks each is in the schema, a test that none is missing). Add one by changing the schema first.
 * @example if (AUDIT_ACTIONS.includes(x as AuditAction)) …
 */
export const AUDIT_ACTIONS = [
  // identity: tokens and authentication
  'token.issued',
  'auth.failed',
  'access.denied',
  'token.created',
  'token.revoked',
  'invitation.created',
  'invitation.redeemed',
  'invitation.revoked',
  'client-key.registered',
  'client-key.revoked',
  // confidential resources in general (when no more specific action fits)
  'resource.read',
  'resource.written',
  // intelligence exchange
  'intel.published',
  'intel.fetched',
  'intel.receipt',
  'intel.revoked',
  'intel.retracted',
  'intel.acknowledged',
  // keyword library
  'keywords.promoted',
  // hub signing keys
  'key.rotated',
  'key.retired',
  'key.compromised',
  // the hub's private keys re-encrypted under a new key-encryption key
  'key.rewrapped',
  // organisations and people
  'org.created',
  'org.updated',
  'user.created',
  'member.added',
  'member.removed',
  'role.changed',
  // company policies and action plans
  'policy.submitted',
  'plan.created',
  'plan.read',
  'plan.written',
  // the audit log itself
  'audit.read',
  // browser sign-in: sessions and passkeys
  'session.created',
  'session.revoked',
  'passkey.registered',
  'passkey.revoked',
] as const satisfies readonly AuditAction[];

/**
 * Whether `value` is one of {@link AUDIT_ACTIONS}.
 * @example isAuditAction('plan.read') // true
 */
export function isAuditAction(value: unknown): value is AuditAction {
  return (AUDIT_ACTIONS as readonly unknown[]).includes(value);
}

export type { AuditAction };
