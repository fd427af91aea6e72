/**
 * Test-only reference material for the Merkle tree: an independent, naive RFC 6962 implementation
 * (node:crypto, array slices) and the published RFC 6962 test vectors. Never imported by the package.
 */
import { createHash } from 'node:crypto';

// An independent, naive RFC 6962 §2.1 implementation (node:crypto, array slices, the definitions
// transcribed literally) that the published vectors and our implementation are both checked against.
const sha = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
export const naiveLeaf = (d: Uint8Array) => sha(Uint8Array.of(0), d);
export const naiveSplit = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);
export const naiveMth = (d: Uint8Array[]): Uint8Array => {
  if (d.length === 0) return sha();
  if (d.length === 1) return naiveLeaf(d[0]!);
  const k = naiveSplit(d.length);
  return sha(Uint8Array.of(1), naiveMth(d.slice(0, k)), naiveMth(d.slice(k)));
};
export const naivePath = (m: number, d: Uint8Array[]): Uint8Array[] => {
  if (d.length === 1) return [];
  const k = naiveSplit(d.length);
  return m < k
    ? [...naivePath(m, d.slice(0, k)), naiveMth(d.slice(k))]
    : [...naivePath(m - k, d.slice(k)), naiveMth(d.slice(0, k))];
};
export const naiveSubproof = (m: number, d: Uint8Array[], b: boolean): Uint8Array[] => {
  if (m === d.length) return b ? [] : [naiveMth(d)];
  const k = naiveSplit(d.length);
  return m <= k
    ? [...naiveSubproof(m, d.slice(0, k), b), naiveMth(d.slice(k))]
    : [...naiveSubproof(m - k, d.slice(k), false), naiveMth(d.slice(0, k))];
};

// The shape of a proof: which side each sibling hangs on ('L' left, 'R' right), bottom-up, and for a
// consistency proof whether it starts with the old tree's own subtree ('S'). A verifier that is
// given a wrong tree size can only accept when the shape for that size happens to be the same.
export const naiveSides = (m: number, n: number): string => {
  if (n === 1) return '';
  const k = naiveSplit(n);
  return m < k ? `${naiveSides(m, k)}R` : `${naiveSides(m - k, n - k)}L`;
};
export const naiveConsistencyShape = (m: number, n: number, b = true): string => {
  if (m === n) return b ? '' : 'S';
  const k = naiveSplit(n);
  return m <= k ? `${naiveConsistencyShape(m, k, b)}R` : `${naiveConsistencyShape(m - k, n - k, false)}L`;
};

export const unhex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
export const hexes = (hs: readonly Uint8Array[]) => hs.map((h) => Buffer.from(h).toString('hex'));

// The RFC 6962 reference tree of certificate-transparency / transparency-dev (testonly).
export const DATA = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(unhex);
export const ROOTS = [
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
export const INCLUSION = [
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
export const CONSISTENCY = [
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
