/**
 * Proofs from stored subtree hashes. Every perfect subtree of an RFC 6962 tree — the 2^level leaves
 * from index·2^level — has a hash that never changes once its last leaf is appended, so a log can
 * store them as it grows (`CompactRange.append`'s `onNode`). An inclusion or consistency proof is
 * then the roots of O(log n) ranges, each the fold of O(log n) stored subtrees: no leaf is read
 * beyond those, whatever the size of the log.
 */
import { AuditError } from './errors.ts';
import { nodeHash } from './merkle.ts';

/** A perfect subtree: the 2^level leaves starting at index·2^level (level 0: one leaf). */
export interface SubtreeId {
  level: number;
  index: number;
}

/** A half-open range of leaves [start, end) whose RFC 6962 root is one proof element. */
export type LeafRange = readonly [start: number, end: number];

const pow2 = (level: number) => 2 ** level;

/** The largest power of two strictly smaller than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees [start, end) is made of, left to right (largest first), when start is where
 * RFC 6962's recursion puts it (aligned to the power of two it splits at).
 * @example perfectSubtrees(8, 14) // [{ level: 2, index: 2 }, { level: 1, index: 6 }]
 */
export function perfectSubtrees(start: number, end: number): SubtreeId[] {
  const out: SubtreeId[] = [];
  let at = start;
  while (at < end) {
    let level = 0;
    while (at % pow2(level + 1) === 0 && at + pow2(level + 1) <= end) level++;
    out.push({ level, index: at / pow2(level) });
    at += pow2(level);
  }
  return out;
}

/** The root of [start, end) from the hashes of its perfect subtrees: RFC 6962's right fold. */
export function rangeRoot(start: number, end: number, hashOf: (id: SubtreeId) => Uint8Array): Uint8Array {
  const parts = perfectSubtrees(start, end).map(hashOf);
  let root = parts.at(-1);
  if (!root) throw new AuditError('invalid-range', `the leaf range [${start}, ${end}) is empty`);
  for (let i = parts.length - 2; i >= 0; i--) root = nodeHash(parts[i]!, root);
  return root;
}

function checkSizes(a: number, b: number, what: string) {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 0 || a > b)
    throw new AuditError('invalid-range', what);
}

/**
 * The leaf ranges whose roots are PATH(index, D[size]) (RFC 9162 §2.1.3.1), in proof order.
 * @example inclusionRanges(5, 8) // [[4, 5], [6, 8], [0, 4]]
 */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  checkSizes(index, size - 1, `leaf index ${index} is outside a tree of size ${size}`);
  const out: LeafRange[] = [];
  const walk = (m: number, start: number, end: number) => {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, start + k);
      out.push([start + k, end]);
    } else {
      walk(m - k, start + k, end);
      out.push([start, start + k]);
    }
  };
  walk(index, 0, size);
  return out;
}

/**
 * The leaf ranges whose roots are PROOF(fromSize, D[toSize]) (RFC 9162 §2.1.4.1), in proof order;
 * none when fromSize is 0 or equals toSize.
 * @example consistencyRanges(6, 8) // [[4, 6], [6, 8], [0, 4]]
 */
export function consistencyRanges(fromSize: number, toSize: number): LeafRange[] {
  checkSizes(fromSize, toSize, `cannot prove consistency from size ${fromSize} to ${toSize}`);
  const out: LeafRange[] = [];
  const walk = (m: number, start: number, end: number, complete: boolean) => {
    const n = end - start;
    if (m === n) {
      if (!complete) out.push([start, end]);
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      walk(m, start, start + k, complete);
      out.push([start + k, end]);
    } else {
      walk(m - k, start + k, end, false);
      out.push([start, start + k]);
    }
  };
  if (fromSize > 0 && fromSize < toSize) walk(fromSize, 0, toSize, true);
  return out;
}

/** Every perfect subtree the roots of `ranges` need, each once. */
export function subtreesOf(ranges: readonly LeafRange[]): SubtreeId[] {
  const seen = new Map<string, SubtreeId>();
  for (const [start, end] of ranges)
    for (const id of perfectSubtrees(start, end)) seen.set(`${id.level}:${id.index}`, id);
  return [...seen.values()];
}
