import { createHash } from 'node:crypto';
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

// An independent, naive RFC 6962 §2.1 implementation (node:crypto, array slices, the definitions
// transcribed literally) that the published vectors and our implementation are both checked against.
const sha = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const naiveLeaf = (d: Uint8Array) => sha(Uint8Array.of(0), d);
const naiveSplit = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
const naiveMth = (d: Uint8Array[]): Uint8Array => {
  if (d.length === 0) return sha();
  if (d.length === 1) return naiveLeaf(d[0]!);
  const k = naiveSplit(d.length);
  return sha(Uint8Array.of(1), naiveMth(d.slice(0, k)), naiveMth(d.slice(k)));
};
const naivePath = (m: number, d: Uint8Array[]): Uint8Array[] => {
  if (d.length === 1) return [];
  const k = naiveSplit(d.length);
  return m < k
    ? [...naivePath(m, d.slice(0, k)), naiveMth(d.slice(k))]
    : [...naivePath(m - k, d.slice(k)), naiveMth(d.slice(0, k))];
};
const naiveSubproof = (m: number, d: Uint8Array[], b: boolean): Uint8Array[] => {
  if (m === d.length) return b ? [] : [naiveMth(d)];
  const k = naiveSplit(d.length);
  return m <= k
    ? [...naiveSubproof(m, d.slice(0, k), b), naiveMth(d.slice(k))]
    : [...naiveSubproof(m - k, d.slice(k), false), naiveMth(d.slice(0, k))];
};

// The shape of a proof: which side each sibling hangs on ('L' left, 'R' right), bottom-up, and for a
// consistency proof whether it starts with the old tree's own subtree ('S'). A verifier that is
// given a wrong tree size can only accept when the shape for that size happens to be the same.
const naiveSides = (m: number, n: number): string => {
  if (n === 1) return '';
  const k = naiveSplit(n);
  return m < k ? `${naiveSides(m, k)}R` : `${naiveSides(m - k, n - k)}L`;
};
const naiveConsistencyShape = (m: number, n: number, b = true): string => {
  if (m === n) return b ? '' : 'S';
  const k = naiveSplit(n);
  return m <= k ? `${naiveConsistencyShape(m, k, b)}R` : `${naiveConsistencyShape(m - k, n - k, false)}L`;
};

const unhex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
const hexes = (hs: Uint8Array[]) => hs.map(toHex);

// The RFC 6962 reference tree of certificate-transparency / transparency-dev (testonly).
const DATA = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(unhex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION = [
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];
const CONSISTENCY = [
  {
    from: 2,
    to: 8,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    from: 6,
    to: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    from: 2,
    to: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const LEAVES = DATA.map(leafHash);

/** Deterministic PRNG (mulberry32), so a failing property run can be replayed. */
function prng(seed: number) {
  let a = seed;
  return (n: number) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}
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
  });
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
  });

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
  });
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
