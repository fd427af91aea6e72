import { describe, expect, it } from 'vitest';
import { CompactRange } from './compact-range.ts';
import { toHex } from './hex.ts';
import { consistencyProof, inclusionProof, leafHash } from './merkle.ts';
import {
  consistencyRanges,
  inclusionRanges,
  perfectSubtrees,
  rangeRoot,
  type SubtreeId,
  subtreesOf,
} from './subtrees.ts';

const N = 70;
const leaves = Array.from({ length: N }, (_, i) => leafHash(new TextEncoder().encode(`leaf ${i}`)));

/** The stored subtrees, as a log keeps them while it grows (leaves are level 0). */
const store = new Map<string, Uint8Array>();
const range = new CompactRange();
leaves.forEach((leaf, i) => {
  store.set(`0:${i}`, leaf);
  range.append(leaf, (id, hash) => store.set(`${id.level}:${id.index}`, hash));
});
const lookup = (id: SubtreeId) => {
  const h = store.get(`${id.level}:${id.index}`);
  if (!h) throw new Error(`subtree ${id.level}:${id.index} was not stored`);
  return h;
};
const proofFromStore = (ranges: ReturnType<typeof inclusionRanges>) =>
  ranges.map(([a, b]) => toHex(rangeRoot(a, b, lookup)));

describe('proofs from stored subtree hashes', () => {
  it('CompactRange.append reports every completed perfect subtree once', () => {
    // Level l has floor(N / 2^l) complete subtrees.
    let levels = 0;
    for (let l = 1; 2 ** l <= N; l++) levels += Math.floor(N / 2 ** l);
    expect(store.size - N).toBe(levels);
  });

  it('decomposes ranges into perfect subtrees, largest first', () => {
    expect(perfectSubtrees(8, 14)).toEqual([
      { level: 2, index: 2 },
      { level: 1, index: 6 },
    ]);
    expect(perfectSubtrees(0, 64)).toEqual([{ level: 6, index: 0 }]);
    expect(perfectSubtrees(64, 70)).toEqual([
      { level: 2, index: 16 },
      { level: 1, index: 34 },
    ]);
  });

  it('gives exactly the inclusion proofs of the O(n) implementation, for every leaf of every size', () => {
    for (let size = 1; size <= N; size++)
      for (let i = 0; i < size; i++)
        expect(proofFromStore(inclusionRanges(i, size)), `leaf ${i} of ${size}`).toEqual(
          inclusionProof(i, leaves, size).map(toHex),
        );
  }, 30_000);

  it('gives exactly the consistency proofs of the O(n) implementation, for every pair of sizes', () => {
    for (let to = 1; to <= N; to++)
      for (let from = 0; from <= to; from++)
        expect(proofFromStore(consistencyRanges(from, to)), `${from} → ${to}`).toEqual(
          consistencyProof(from, leaves, to).map(toHex),
        );
  }, 30_000);

  it('needs O(log n) subtrees per proof', () => {
    const size = 1_000_003;
    const incl = subtreesOf(inclusionRanges(777_777, size));
    const cons = subtreesOf(consistencyRanges(500_001, size));
    expect(incl.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(size)));
    expect(cons.length).toBeLessThanOrEqual(3 * Math.ceil(Math.log2(size)));
  });

  it('refuses sizes that do not make a proof', () => {
    expect(() => inclusionRanges(5, 5)).toThrow(/outside a tree of size 5/);
    expect(() => consistencyRanges(6, 5)).toThrow(/from size 6 to 5/);
  });
});
