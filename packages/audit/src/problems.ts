/** What verifying the audit log can find wrong, and the report it answers with. */

export const AUDIT_PROBLEM_KINDS = [
  /** An entry's content no longer hashes to the leaf hash stored or proven for it. */
  'edited',
  /** Seqs have a gap: entries were removed from the middle of the log. */
  'deleted',
  /** Entries are not in seq order. */
  'reordered',
  /** A signed checkpoint's root does not match the entries it covers. */
  'checkpoint-mismatch',
  /** The log is shorter than a checkpoint says it was: its tail was removed. */
  'truncated',
  /** The log does not extend a checkpoint, contradicts itself (duplicate seqs, a shrinking tree),
   * or a checkpoint is for another log. */
  'inconsistent',
] as const;
export type AuditProblemKind = (typeof AUDIT_PROBLEM_KINDS)[number];

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The entry the problem is about, when it can be named. */
  seq?: number;
  /** The seqs the problem is somewhere in (inclusive), when it cannot be narrowed to one entry. */
  range?: { from: number; to: number };
  /** A sentence a person can act on. */
  message: string;
}

export interface AuditLogReport {
  /** True when no problem was found. */
  ok: boolean;
  /** Number of entries verified. */
  treeSize: number;
  /** Merkle root recomputed from the entries' content, lower-case hex. */
  rootHash: string;
  /** How many checkpoints (the saved one included) were compared with the recomputed tree. */
  checkpointsChecked: number;
  problems: AuditProblem[];
  /** The lowest seq named by a problem: the first entry that was edited, deleted or reordered. */
  firstBadSeq?: number;
}

/** The answer to checking one proof. */
export interface ProofCheck {
  ok: boolean;
  /** What was proven, or why not. */
  message: string;
}
