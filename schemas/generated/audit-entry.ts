/* Generated from schemas/audit-entry.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * What happened. Keep in step with AUDIT_ACTIONS in packages/audit/src/actions.ts (a test checks).
 *
 * This interface was referenced by `AuditEntry`'s JSON-Schema
 * via the `definition` "action".
 */
export type AuditAction =
  | 'token.issued'
  | 'auth.failed'
  | 'access.denied'
  | 'resource.read'
  | 'resource.written'
  | 'intel.published'
  | 'intel.fetched'
  | 'intel.receipt'
  | 'intel.revoked'
  | 'intel.retracted'
  | 'intel.acknowledged'
  | 'keywords.promoted'
  | 'key.rotated'
  | 'key.retired'
  | 'key.compromised'
  | 'key.rewrapped'
  | 'role.changed'
  | 'member.added'
  | 'member.removed'
  | 'token.created'
  | 'token.revoked'
  | 'invitation.created'
  | 'invitation.redeemed'
  | 'invitation.revoked'
  | 'client-key.registered'
  | 'client-key.revoked'
  | 'org.created'
  | 'org.updated'
  | 'user.created'
  | 'policy.submitted'
  | 'plan.created'
  | 'plan.read'
  | 'plan.written'
  | 'audit.read'
  | 'session.created'
  | 'session.revoked'
  | 'passkey.registered'
  | 'passkey.revoked';
/**
 * A SHA-256 hash, 64 lower-case hex digits.
 *
 * This interface was referenced by `AuditEntry`'s JSON-Schema
 * via the `definition` "hash".
 */
export type AuditHash = string;

/**
 * One entry of the tamper-evident audit log, as served. Its Merkle leaf data (RFC 6962) is the UTF-8 of the RFC 8785 canonical JSON of exactly this object, so nothing else may be added to it. Personal data (emails, IP addresses) is never stored in clear: only pseudonyms (hex SHA-256 of the hub's secret salt followed by the value).
 */
export interface AuditEntry {
  /**
   * Position in the log, i.e. the Merkle leaf index: from 0, contiguous, never reused.
   */
  seq: number;
  /**
   * When the event happened, RFC 3339 UTC.
   */
  time: string;
  action: AuditAction;
  /**
   * `failure`: the request was wrong (bad credentials, invalid input); `denied`: the actor may not.
   */
  outcome: 'success' | 'failure' | 'denied';
  actor: AuditActor;
  /**
   * Id of the organisation the event is about; its admins read the entries about it.
   */
  org?: string;
  /**
   * The resource acted on, if any.
   */
  resource?: {
    /**
     * e.g. plan, policy, intel-package, token, key, organisation, user.
     */
    type: string;
    id: string;
  };
  /**
   * The HTTP request id, to correlate with the hub's logs.
   */
  requestId?: string;
  /**
   * Action-specific facts (JSON values only; no personal data in clear: use pseudonyms).
   */
  details: {
    [k: string]: unknown | undefined;
  };
}
/**
 * Who acted. `operator`: someone running `ewto admin` against the database; `hub`: the hub itself (e.g. scheduled key rotation); `anonymous`: no valid credentials. `subjectHash` is the pseudonym of an identifier given in clear by the actor (e.g. the email of a failed sign-in), `ipHash` that of the client IP address.
 *
 * This interface was referenced by `AuditEntry`'s JSON-Schema
 * via the `definition` "actor".
 */
export interface AuditActor {
  kind: 'user' | 'client' | 'operator' | 'hub' | 'anonymous';
  userId?: string;
  /**
   * The organisation the actor acted for.
   */
  orgId?: string;
  /**
   * A machine client (registered agency key).
   */
  clientId?: string;
  subjectHash?: AuditHash;
  ipHash?: AuditHash;
}
/**
 * One item of the served log (`GET /api/v1/audit/entries`): the entry and the leaf hash the hub stored for it.
 *
 * This interface was referenced by `AuditEntry`'s JSON-Schema
 * via the `definition` "item".
 */
export interface AuditLogItem {
  entry: AuditEntry;
  leafHash: AuditHash;
}
