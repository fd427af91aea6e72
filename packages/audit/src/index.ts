/**
 * @ewto/audit — the pure core of the hub's tamper-evident audit log: an RFC 6962 / RFC 9162 Merkle
 * tree over RFC 8785 canonical-JSON entries, checkpoints, and verification. Every hash is written
 * as 64 lower-case hex digits.
 */

export type {
  AuditConsistencyProof,
  AuditInclusionProof,
  AuditProof,
} from '@ewto/schemas/generated/audit-proof';
export { AUDIT_ACTIONS, type AuditAction, isAuditAction } from './actions.ts';
export { canonicalJson, canonicalJsonBytes, type JsonValue } from './canonical-json.ts';
export {
  type AuditCheckpoint,
  CHECKPOINT_JWS_TYPE,
  checkpointFromTree,
  checkpointPayload,
  parseCheckpoint,
  type SignedAuditCheckpoint,
  type TreeHead,
} from './checkpoint.ts';
export { CompactRange, type CompactRangeState } from './compact-range.ts';
export {
  type AuditActor,
  type AuditEntry,
  type AuditLogItem,
  entryLeafData,
  entryLeafHash,
  parseEntry,
  type SealedEntry,
  sealEntry,
} from './entry.ts';
export { AUDIT_ERROR_CODES, AuditError, type AuditErrorCode } from './errors.ts';
export { equalBytes, HASH_SIZE, hashFromHex, isHexHash, toHex } from './hex.ts';
export {
  type ConsistencyCheck,
  consistencyProof,
  emptyRoot,
  type InclusionCheck,
  inclusionProof,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';
export {
  AUDIT_PROBLEM_KINDS,
  type AuditLogReport,
  type AuditProblem,
  type AuditProblemKind,
  type ProofCheck,
} from './problems.ts';
export { MIN_SALT_BYTES, pseudonymise } from './pseudonymise.ts';
export { checkSeqOrder } from './seq-order.ts';
export {
  consistencyRanges,
  inclusionRanges,
  type LeafRange,
  perfectSubtrees,
  rangeRoot,
  type SubtreeId,
  subtreesOf,
} from './subtrees.ts';
export { type VerifyAuditLogInput, verifyAuditLog } from './verify.ts';
export { verifyCheckpointConsistency, verifyEntryInclusion } from './verify-proofs.ts';
