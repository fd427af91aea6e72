/**
 * Checking single proofs, for readers who do not see the whole log: an organisation admin checks
 * that one entry is in a signed checkpoint; anyone checks that a new checkpoint extends a saved one.
 */
import type { AuditConsistencyProof, AuditInclusionProof } from '@ewto/schemas/generated/audit-proof';
import type { AuditCheckpoint } from './checkpoint.ts';
import { type AuditEntry, entryLeafHash } from './entry.ts';
import { hashFromHex, toHex } from './hex.ts';
import { verifyConsistency, verifyInclusion } from './merkle.ts';
import type { ProofCheck } from './problems.ts';

/**
 * Checks that `entry` is in the log `checkpoint` signs: the entry's content hashes to the proof's
 * leaf hash, and the inclusion proof leads from it to the checkpoint's root.
 * @example
 * const check = verifyEntryInclusion({ entry, proof: await get(`/audit/proofs/inclusion?seq=…`), checkpoint });
 * if (!check.ok) console.error(check.message);
 */
export function verifyEntryInclusion({
  entry,
  proof,
  checkpoint,
}: {
  entry: AuditEntry;
  proof: AuditInclusionProof;
  checkpoint: AuditCheckpoint;
}): ProofCheck {
  const seq = entry.seq;
  if (proof.seq !== seq) return fail(`the proof is for entry seq ${proof.seq}, not seq ${seq}`);
  if (proof.treeSize !== checkpoint.treeSize) {
    return fail(
      `the proof is for a tree of size ${proof.treeSize}, the checkpoint has size ${checkpoint.treeSize}`,
    );
  }
  let leaf: Uint8Array;
  try {
    leaf = entryLeafHash(entry);
  } catch (e) {
    return fail(`entry seq ${seq} was edited: ${(e as Error).message}`);
  }
  if (toHex(leaf) !== proof.leafHash) {
    return fail(
      `entry seq ${seq} was edited: its content hashes to ${toHex(leaf)}, the proof is for ${proof.leafHash}`,
    );
  }
  const decoded = decode(proof.proof, checkpoint.rootHash);
  if (typeof decoded === 'string') return fail(decoded);
  const ok = verifyInclusion({
    index: seq,
    treeSize: checkpoint.treeSize,
    leafHash: leaf,
    proof: decoded.path,
    root: decoded.root,
  });
  if (!ok) {
    return fail(
      `the inclusion proof of entry seq ${seq} does not lead to the root of the checkpoint of ${checkpoint.time}`,
    );
  }
  return {
    ok: true,
    message: `entry seq ${seq} is in the log of ${checkpoint.origin} as of ${checkpoint.time}`,
  };
}

/**
 * Checks that the log at checkpoint `to` extends checkpoint `from` (e.g. one saved earlier): same
 * origin, and the consistency proof links the two roots. A smaller `to` means a truncated log.
 * @example verifyCheckpointConsistency({ from: saved, to: current, proof }).ok
 */
export function verifyCheckpointConsistency({
  from,
  to,
  proof,
}: {
  from: AuditCheckpoint;
  to: AuditCheckpoint;
  proof: AuditConsistencyProof;
}): ProofCheck {
  if (from.origin !== to.origin)
    return fail(`the checkpoints are for different logs: ${from.origin}, ${to.origin}`);
  if (to.treeSize < from.treeSize) {
    return fail(`log has ${to.treeSize} entries but the saved checkpoint covers ${from.treeSize}`);
  }
  if (proof.fromSize !== from.treeSize || proof.toSize !== to.treeSize) {
    return fail(
      `the proof is from size ${proof.fromSize} to ${proof.toSize}, the checkpoints are of size ${from.treeSize} and ${to.treeSize}`,
    );
  }
  const decoded = decode(proof.proof, to.rootHash);
  if (typeof decoded === 'string') return fail(decoded);
  let fromRoot: Uint8Array;
  try {
    fromRoot = hashFromHex(from.rootHash, 'the saved root hash');
  } catch (e) {
    return fail((e as Error).message);
  }
  const ok = verifyConsistency({
    fromSize: from.treeSize,
    toSize: to.treeSize,
    fromRoot,
    toRoot: decoded.root,
    proof: decoded.path,
  });
  if (!ok) {
    return fail(
      `the log of ${to.time} (size ${to.treeSize}) does not extend the checkpoint of ${from.time} (size ${from.treeSize})`,
    );
  }
  return {
    ok: true,
    message: `the log of ${to.time} (size ${to.treeSize}) extends the checkpoint of ${from.time} (size ${from.treeSize})`,
  };
}

function decode(path: readonly string[], root: string): { path: Uint8Array[]; root: Uint8Array } | string {
  try {
    return {
      path: path.map((h, i) => hashFromHex(h, `proof hash ${i}`)),
      root: hashFromHex(root, 'the checkpoint root hash'),
    };
  } catch (e) {
    return (e as Error).message;
  }
}

const fail = (message: string): ProofCheck => ({ ok: false, message });
