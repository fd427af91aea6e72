/**
 * Verifying the audit log as a reader sees it: recompute every leaf from the entries' content,
 * check the seqs, compare the tree with the (already signature-checked) checkpoints, and prove that
 * a checkpoint saved earlier is still extended. One pass, O(n log n) for n entries.
 */
import type { AuditCheckpoint } from './checkpoint.ts';
import { CompactRange } from './compact-range.ts';
import { type AuditEntry, entryLeafHash } from './entry.ts';
import { HASH_SIZE, hashFromHex, isHexHash, toHex } from './hex.ts';
import { rootHash } from './merkle.ts';
import type { AuditLogReport, AuditProblem } from './problems.ts';
import { checkSeqOrder } from './seq-order.ts';

export interface VerifyAuditLogInput {
  /** The entries as the hub serves them, in the order served (seq order). */
  entries: readonly AuditEntry[];
  /** The leaf hash the hub stored for each entry (hex), aligned with `entries`; optional. */
  storedLeafHashes?: readonly (string | undefined)[];
  /** Checkpoint bodies whose JWS signatures the caller has already verified. */
  checkpoints: readonly AuditCheckpoint[];
  /** A checkpoint the user saved earlier (its signature verified too): the log must extend it. */
  savedCheckpoint?: AuditCheckpoint;
  /** The hub URL every checkpoint must name; defaults to the saved, else the first, checkpoint's. */
  origin?: string;
}

interface Target {
  checkpoint: AuditCheckpoint;
  saved: boolean;
}

/**
 * Recomputes the log and reports every edited, deleted or reordered entry, the first checkpoint
 * that does not match (narrowed to one entry where stored leaf hashes allow), a truncated tail,
 * and whether the log still extends `savedCheckpoint`.
 * @example
 * const report = verifyAuditLog({ entries: items.map((i) => i.entry),
 *   storedLeafHashes: items.map((i) => i.leafHash), checkpoints, savedCheckpoint });
 * if (!report.ok) for (const p of report.problems) console.error(p.message);
 */
export function verifyAuditLog(input: VerifyAuditLogInput): AuditLogReport {
  const { entries, storedLeafHashes, checkpoints, savedCheckpoint } = input;
  const n = entries.length;
  const seqAt = (i: number): number => {
    const s = entries[i]?.seq;
    return Number.isSafeInteger(s) ? (s as number) : i;
  };
  const problems: AuditProblem[] = checkSeqOrder(entries.map((e) => e?.seq));

  const leaves: Uint8Array[] = [];
  entries.forEach((entry, i) => {
    const seq = seqAt(i);
    let leaf: Uint8Array;
    try {
      leaf = entryLeafHash(entry);
    } catch (e) {
      problems.push({ kind: 'edited', seq, message: `entry seq ${seq} was edited: ${(e as Error).message}` });
      leaves.push(new Uint8Array(HASH_SIZE));
      return;
    }
    leaves.push(leaf);
    const stored = storedLeafHashes?.[i];
    if (stored !== undefined && stored !== toHex(leaf)) {
      problems.push({
        kind: 'edited',
        seq,
        message: `entry seq ${seq} was edited: its content hashes to ${short(toHex(leaf))}, but the leaf hash stored when it was appended is ${short(String(stored))}`,
      });
    }
  });

  const expectedOrigin = input.origin ?? savedCheckpoint?.origin ?? checkpoints[0]?.origin;
  const targets: Target[] = checkpoints.map((checkpoint) => ({ checkpoint, saved: false }));
  if (savedCheckpoint) targets.push({ checkpoint: savedCheckpoint, saved: true });
  for (const { checkpoint, saved } of targets) {
    if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin) {
      problems.push({
        kind: 'inconsistent',
        message: `${describe(checkpoint, saved)} is for ${checkpoint.origin}, not ${expectedOrigin}`,
      });
    }
  }
  problems.push(...checkTimeline(checkpoints));

  // Truncation: checkpoints that cover more entries than there are. The saved one always, of the
  // served ones the largest.
  const beyond = targets.filter((t) => t.checkpoint.treeSize > n);
  const largestServed = beyond
    .filter((t) => !t.saved)
    .sort((a, b) => b.checkpoint.treeSize - a.checkpoint.treeSize)[0];
  for (const t of beyond.filter((t) => t.saved || t === largestServed)) {
    const m = t.checkpoint.treeSize;
    problems.push({
      kind: 'truncated',
      seq: n,
      range: { from: n, to: m - 1 },
      message: `log has ${n} entries but ${describe(t.checkpoint, t.saved)} covers ${m}`,
    });
  }

  // One pass over the leaves, comparing the root at every checkpoint's size as it goes by.
  const inRange = targets.filter((t) => t.checkpoint.treeSize <= n);
  inRange.sort((a, b) => a.checkpoint.treeSize - b.checkpoint.treeSize);
  const range = new CompactRange();
  let next = 0;
  let lastGood = 0;
  let mismatchReported = false;
  const compareAt = () => {
    for (; next < inRange.length && inRange[next]!.checkpoint.treeSize === range.size; next++) {
      const { checkpoint, saved } = inRange[next]!;
      const root = toHex(range.root());
      if (root === checkpoint.rootHash) {
        if (!mismatchReported) lastGood = checkpoint.treeSize;
        continue;
      }
      if (!saved && mismatchReported) continue;
      // Earlier served checkpoints vouch for a prefix of the served history only, not the saved one's.
      const where = narrow(checkpoint, saved ? 0 : lastGood, leaves, storedLeafHashes, seqAt);
      const m = checkpoint.treeSize;
      const head = saved
        ? `the log no longer extends ${describe(checkpoint, true)}: its first ${m} entries hash to ${short(root)}, the saved checkpoint says ${short(checkpoint.rootHash)}`
        : `${describe(checkpoint, false)} does not match the log: its first ${m} entries hash to ${short(root)}, the checkpoint says ${short(checkpoint.rootHash)}`;
      problems.push({
        kind: saved ? 'inconsistent' : 'checkpoint-mismatch',
        ...where.at,
        message: `${head}; ${where.detail}`,
      });
      if (!saved) mismatchReported = true;
    }
  };
  compareAt();
  for (const leaf of leaves) {
    range.append(leaf);
    compareAt();
  }

  const seqs = problems.map((p) => p.seq).filter((s): s is number => s !== undefined);
  const report: AuditLogReport = {
    ok: problems.length === 0,
    treeSize: n,
    rootHash: toHex(range.root()),
    checkpointsChecked: inRange.length,
    problems,
  };
  if (seqs.length > 0) report.firstBadSeq = Math.min(...seqs);
  return report;
}

/** Where, inside a checkpoint that does not match, the first changed entry is. */
function narrow(
  checkpoint: AuditCheckpoint,
  lastGood: number,
  leaves: readonly Uint8Array[],
  stored: readonly (string | undefined)[] | undefined,
  seqAt: (i: number) => number,
): { at: Pick<AuditProblem, 'seq' | 'range'>; detail: string } {
  const m = checkpoint.treeSize;
  if (m === 0)
    return { at: {}, detail: 'an empty log has another root, so it is not a checkpoint of this log' };
  const storedHashes = stored?.slice(0, m) ?? [];
  // If the hashes stored per entry still give the checkpoint's root, they are the ones it signed:
  // the first entry whose content no longer hashes to its stored hash is the first changed one.
  if (storedHashes.length === m && storedHashes.every(isHexHash)) {
    if (toHex(rootHash(storedHashes.map((h) => hashFromHex(h)))) === checkpoint.rootHash) {
      const i = leaves.findIndex((leaf, j) => j < m && toHex(leaf) !== storedHashes[j]);
      if (i >= 0) return { at: { seq: seqAt(i) }, detail: `the first entry that differs is seq ${seqAt(i)}` };
    }
  }
  return {
    at: { range: { from: lastGood, to: m - 1 } },
    detail:
      lastGood > 0
        ? `an entry among seq ${lastGood} to ${m - 1} was edited, deleted or reordered (the first ${lastGood} still match an earlier checkpoint)`
        : `an entry among seq 0 to ${m - 1} was edited, deleted or reordered`,
  };
}

/** A later checkpoint with a smaller tree means the log shrank between them. */
function checkTimeline(checkpoints: readonly AuditCheckpoint[]): AuditProblem[] {
  const byTime = [...checkpoints].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const problems: AuditProblem[] = [];
  let largest: AuditCheckpoint | undefined;
  for (const cp of byTime) {
    if (largest && cp.treeSize < largest.treeSize && Date.parse(cp.time) > Date.parse(largest.time)) {
      problems.push({
        kind: 'inconsistent',
        range: { from: cp.treeSize, to: largest.treeSize - 1 },
        message: `${describe(cp, false)} is smaller than the earlier ${describe(largest, false)}: the log shrank`,
      });
    }
    if (!largest || cp.treeSize > largest.treeSize) largest = cp;
  }
  return problems;
}

function describe(checkpoint: AuditCheckpoint, saved: boolean): string {
  return `the ${saved ? 'saved ' : ''}checkpoint of ${checkpoint.time} (size ${checkpoint.treeSize})`;
}

const short = (hex: string) => (hex.length > 16 ? `${hex.slice(0, 16)}…` : hex);
