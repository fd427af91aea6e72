/**
 * Checks the seqs of the served entries: valid, unique, in order, and without gaps from 0.
 */
import type { AuditProblem } from './problems.ts';

/**
 * Problems with the seqs of `seqs` (as served, in order): `deleted` for each run of missing seqs,
 * `reordered` for each entry served after a higher seq, `inconsistent` for a missing or repeated
 * seq. O(n log n).
 * @example checkSeqOrder([0, 1, 3]) // [{ kind: 'deleted', seq: 2, message: 'entry seq 2 is missing (deleted)' }]
 */
export function checkSeqOrder(seqs: readonly unknown[]): AuditProblem[] {
  const problems: AuditProblem[] = [];
  const seen = new Set<number>();
  let previous: number | undefined;
  seqs.forEach((s, position) => {
    if (!Number.isSafeInteger(s) || (s as number) < 0) {
      problems.push({ kind: 'inconsistent', message: `entry at position ${position} has no valid seq` });
      return;
    }
    const seq = s as number;
    if (seen.has(seq)) {
      problems.push({ kind: 'inconsistent', seq, message: `entry seq ${seq} appears more than once` });
      return;
    }
    seen.add(seq);
    if (previous !== undefined && seq < previous) {
      problems.push({
        kind: 'reordered',
        seq,
        message: `entry seq ${seq} comes after seq ${previous} (reordered)`,
      });
    }
    previous = seq;
  });
  const sorted = [...seen].sort((a, b) => a - b);
  let expected = 0;
  for (const seq of sorted) {
    if (seq > expected) problems.push(missing(expected, seq - 1));
    expected = seq + 1;
  }
  return problems;
}

function missing(from: number, to: number): AuditProblem {
  if (from === to) return { kind: 'deleted', seq: from, message: `entry seq ${from} is missing (deleted)` };
  return {
    kind: 'deleted',
    seq: from,
    range: { from, to },
    message: `entries seq ${from} to ${to} are missing (deleted)`,
  };
}
