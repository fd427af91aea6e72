/* Generated from schemas/audit-checkpoint.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * A signed checkpoint of the audit log, as served at GET /api/v1/audit/checkpoint and as a user saves it for `ewto audit verify --checkpoint`.
 */
export interface SignedAuditCheckpoint {
  checkpoint: AuditCheckpoint;
  /**
   * Compact JWS (`alg` EdDSA, `typ` ewto-checkpoint+jwt, `kid` in the hub's JWKS) whose payload is the RFC 8785 canonical JSON of `checkpoint`.
   */
  jws: string;
}
/**
 * A tree head of the audit log: the Merkle root (RFC 6962) of its first `treeSize` entries.
 *
 * This interface was referenced by `SignedAuditCheckpoint`'s JSON-Schema
 * via the `definition` "body".
 */
export interface AuditCheckpoint {
  /**
   * The hub's public base URL (HUB_URL).
   */
  origin: string;
  treeSize: number;
  /**
   * Merkle tree hash of the first treeSize entries, 64 lower-case hex digits.
   */
  rootHash: string;
  /**
   * RFC 3339 UTC.
   */
  time: string;
}
