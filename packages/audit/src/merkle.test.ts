import { describe, expect, it } from 'vitest';
import { AuditError } from './errors.ts';
import { hashFromHex, toHex } from './hex.ts';
import {
  consistencyProof,
  emptyRoot,
  inclusionProof,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';
import { prng } from './testing/prng.ts';
import {
  CONSISTENCY,
  DATA,
  hexes,
  INCLUSION,
  naiveConsistencyShape,
  naiveMth,
  naivePath,
  naiveSides,
  naiveSubproof,
  ROOTS,
} from './testing/rfc6962-reference.ts';

const LEAVES = DATA.map(leafHash);
const syntheticLeaves = (n: number) =>
  Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`entry ${i}`)));
const flipBit = (hs: readonly Uint8Array[], which: number, bit: number) =>
  hs.map((h, i) => {
    if (i !== which) return h;
    const c = h.slice();
    c[bit >> 3]! ^= 1 << (bit & 7);
    return c;
  });

describe('RFC 6962 reference vectors', () => {
  it('the published vectors agree with the independent naive implementation', () => {
    for (let n = 0; n <= 8; n++) expect(toHex(naiveMth(DATA.slice(0, n)))).toBe(ROOTS[n]);
    for (const v of INCLUSION) expect(hexes(naivePath(v.index, DATA.slice(0, v.size)))).toEqual(v.proof);
    for (const v of CONSISTENCY)
      expect(hexes(naiveSubproof(v.from, DATA.slice(0, v.to), true))).toEqual(v.proof);
  });

  it('leafHash and nodeHash use the 0x00 / 0x01 prefixes', () => {
    expect(toHex(leafHash(new Uint8Array()))).toBe(ROOTS[1]);
    expect(toHex(nodeHash(LEAVES[0]!, LEAVES[1]!))).toBe(ROOTS[2]);
    expect(toHex(nodeHash(LEAVES[1]!, LEAVES[0]!))).not.toBe(ROOTS[2]);
  });

  it('rootHash matches the published root for every size 0..8', () => {
    expect(toHex(emptyRoot())).toBe(ROOTS[0]);
    for (let n = 0; n <= 8; n++) expect(toHex(rootHash(LEAVES.slice(0, n))), `size ${n}`).toBe(ROOTS[n]);
  });

  it('inclusion proofs match the published paths and verify', () => {
    for (const v of INCLUSION) {
      const proof = inclusionProof(v.index, LEAVES, v.size);
      expect(hexes(proof)).toEqual(v.proof);
      const root = hashFromHex(ROOTS[v.size]!);
      expect(
        verifyInclusion({ index: v.index, treeSize: v.size, leafHash: LEAVES[v.index]!, proof, root }),
      ).toBe(true);
    }
  });

  it('consistency proofs match the published proofs and verify', () => {
    for (const v of CONSISTENCY) {
      const proof = consistencyProof(v.from, LEAVES, v.to);
      expect(hexes(proof)).toEqual(v.proof);
      const fromRoot = hashFromHex(ROOTS[v.from]!);
      const toRoot = hashFromHex(ROOTS[v.to]!);
      expect(verifyConsistency({ fromSize: v.from, toSize: v.to, fromRoot, toRoot, proof })).toBe(true);
    }
  });
});

describe('agreement with the naive implementation', () => {
  const data = Array.from({ length: 40 }, (_, i) => Uint8Array.of(i, i * 7, 255 - i));
  const leaves = data.map(leafHash);
  it('roots, inclusion and consistency proofs for every size up to 40', () => {
    for (let n = 1; n <= data.length; n++) {
      expect(toHex(rootHash(leaves.slice(0, n)))).toBe(toHex(naiveMth(data.slice(0, n))));
      for (let i = 0; i < n; i++)
        expect(hexes(inclusionProof(i, leaves, n))).toEqual(hexes(naivePath(i, data.slice(0, n))));
      for (let m = 1; m < n; m++)
        expect(hexes(consistencyProof(m, leaves, n))).toEqual(
          hexes(naiveSubproof(m, data.slice(0, n), true)),
        );
    }
  }, 30_000);
});

describe('properties over random trees', () => {
  const rnd = prng(6962);
  const all = syntheticLeaves(700);

  it('every inclusion proof verifies; a flipped bit, a wrong index or a wrong size fails', () => {
    for (let run = 0; run < 25; run++) {
      const n = 1 + rnd(all.length);
      const root = rootHash(all.slice(0, n));
      for (let t = 0; t < 20; t++) {
        const index = rnd(n);
        const proof = inclusionProof(index, all, n);
        const ok = { index, treeSize: n, leafHash: all[index]!, proof, root };
        expect(verifyInclusion(ok), `leaf ${index} of ${n}`).toBe(true);
        if (proof.length > 0) {
          const which = rnd(proof.length);
          expect(verifyInclusion({ ...ok, proof: flipBit(proof, which, rnd(256)) })).toBe(false);
          expect(verifyInclusion({ ...ok, proof: proof.slice(0, -1) })).toBe(false);
          expect(verifyInclusion({ ...ok, index: (index ^ 1) < n ? index ^ 1 : index - 1 })).toBe(false);
        }
        expect(verifyInclusion({ ...ok, proof: [...proof, all[0]!] })).toBe(false);
        expect(verifyInclusion({ ...ok, leafHash: flipBit([all[index]!], 0, rnd(256))[0]! })).toBe(false);
        expect(verifyInclusion({ ...ok, root: flipBit([root], 0, rnd(256))[0]! })).toBe(false);
        for (const size of [n + 1 + rnd(2 * n), n - 1 - rnd(n)].filter((s) => s > index)) {
          const sameShape = naiveSides(index, size) === naiveSides(index, n);
          expect(verifyInclusion({ ...ok, treeSize: size }), `size ${size} instead of ${n}`).toBe(sameShape);
        }
      }
    }
  }, 30_000);

  it('every consistency proof verifies; a flipped bit or a wrong size fails', () => {
    for (let run = 0; run < 25; run++) {
      const to = 1 + rnd(all.length);
      const toRoot = rootHash(all.slice(0, to));
      for (let t = 0; t < 20; t++) {
        const from = rnd(to + 1);
        const fromRoot = rootHash(all.slice(0, from));
        const proof = consistencyProof(from, all, to);
        const ok = { fromSize: from, toSize: to, fromRoot, toRoot, proof };
        expect(verifyConsistency(ok), `${from} → ${to}`).toBe(true);
        // Every tree extends the empty one, whatever its root: nothing to tamper with at size 0.
        if (from > 0) {
          expect(verifyConsistency({ ...ok, toRoot: flipBit([toRoot], 0, rnd(256))[0]! })).toBe(false);
          expect(verifyConsistency({ ...ok, fromRoot: flipBit([fromRoot], 0, rnd(256))[0]! })).toBe(false);
        }
        if (proof.length > 0) {
          expect(verifyConsistency({ ...ok, proof: flipBit(proof, rnd(proof.length), rnd(256)) })).toBe(
            false,
          );
          expect(verifyConsistency({ ...ok, proof: proof.slice(0, -1) })).toBe(false);
        }
        expect(verifyConsistency({ ...ok, proof: [...proof, all[1]!] })).toBe(false);
        // From the empty tree every size is consistent; otherwise a wrong size fails unless it
        // gives the proof the very same shape.
        if (from === 0) continue;
        const sizes = [
          [from, to + 1 + rnd(to)],
          [from, from + rnd(to - from)],
          [1 + rnd(from), to],
          [from + 1 + rnd(to - from), to],
        ].filter(([f, t]) => f! <= t! && (f !== from || t !== to));
        for (const [f, t] of sizes) {
          const sameShape =
            f! < t! && from < to && naiveConsistencyShape(f!, t!) === naiveConsistencyShape(from, to);
          const check = { ...ok, fromSize: f!, toSize: t! };
          expect(verifyConsistency(check), `${f} → ${t} instead of ${from} → ${to}`).toBe(sameShape);
        }
      }
    }
  }, 30_000);
});

describe('edge cases', () => {
  const root8 = hashFromHex(ROOTS[8]!);
  const root6 = hashFromHex(ROOTS[6]!);

  it('degenerate consistency: equal sizes, and from the empty tree', () => {
    expect(verifyConsistency({ fromSize: 8, toSize: 8, fromRoot: root8, toRoot: root8, proof: [] })).toBe(
      true,
    );
    expect(verifyConsistency({ fromSize: 8, toSize: 8, fromRoot: root6, toRoot: root8, proof: [] })).toBe(
      false,
    );
    expect(
      verifyConsistency({ fromSize: 0, toSize: 8, fromRoot: emptyRoot(), toRoot: root8, proof: [] }),
    ).toBe(true);
    expect(verifyConsistency({ fromSize: 0, toSize: 8, fromRoot: root6, toRoot: root8, proof: [] })).toBe(
      false,
    );
    const proof = consistencyProof(6, LEAVES);
    expect(verifyConsistency({ fromSize: 8, toSize: 6, fromRoot: root8, toRoot: root6, proof })).toBe(false);
    expect(verifyConsistency({ fromSize: 6, toSize: 8, fromRoot: root6, toRoot: root8, proof: [] })).toBe(
      false,
    );
  });

  it('verifiers answer false to malformed input', () => {
    const proof = inclusionProof(5, LEAVES);
    const ok = { index: 5, treeSize: 8, leafHash: LEAVES[5]!, proof, root: root8 };
    expect(verifyInclusion(ok)).toBe(true);
    expect(verifyInclusion({ ...ok, index: 8 })).toBe(false);
    expect(verifyInclusion({ ...ok, index: -1 })).toBe(false);
    expect(verifyInclusion({ ...ok, index: 1.5 })).toBe(false);
    expect(verifyInclusion({ ...ok, root: root8.slice(1) })).toBe(false);
    expect(verifyInclusion({ ...ok, proof: [proof[0]!.slice(1), ...proof.slice(1)] })).toBe(false);
  });

  it('generators reject sizes and hashes that do not fit', () => {
    expect(() => inclusionProof(8, LEAVES)).toThrow(AuditError);
    expect(() => inclusionProof(0, LEAVES, 9)).toThrow(/tree size 9/);
    expect(() => consistencyProof(5, LEAVES, 3)).toThrow(AuditError);
    expect(() => rootHash([new Uint8Array(31)])).toThrow(/leaf hash 0/);
    expect(() => nodeHash(new Uint8Array(31), LEAVES[0]!)).toThrow(AuditError);
  });

  it('a single-leaf tree has an empty path and its root is the leaf hash', () => {
    expect(inclusionProof(0, LEAVES, 1)).toEqual([]);
    expect(
      verifyInclusion({ index: 0, treeSize: 1, leafHash: LEAVES[0]!, proof: [], root: LEAVES[0]! }),
    ).toBe(true);
  });
});
