/* Generated from schemas/audit-proof.schema.json by `pnpm gen` (json-schema-to-typescript). Do not edit. */

/**
 * A Merkle proof of the audit log (RFC 9162 §2.1.3, §2.1.4). Hashes are 64 lower-case hex digits, proof paths ordered from the leaf (or smaller tree) up to the root.
 */
export type AuditProof = AuditInclusionProof | AuditConsistencyProof;
/**
 * A SHA-256 hash, 64 lower-case hex digits.
 */
export type AuditHash = string;

/**
 * Proves that the entry with `seq` (leaf hash `leafHash`) is in the tree of size `treeSize`.
 */
export interface AuditInclusionProof {
  seq: number;
  treeSize: number;
  leafHash: AuditHash;
  /**
   * @maxItems 64
   */
  proof: AuditHash[];
}
/**
 * Proves that the tree of size `toSize` extends (is an append-only continuation of) the tree of size `fromSize`.
 */
export interface AuditConsistencyProof {
  fromSize: number;
  toSize: number;
  /**
   * @maxItems 128
   */
  proof: AuditHash[];
}
