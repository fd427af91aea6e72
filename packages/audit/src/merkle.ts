/**
 * The Merkle tree of RFC 6962 §2.1 / RFC 9162 §2.1: tree hashes, inclusion and consistency
 * proofs, and their verification. Hashes are raw 32-byte SHA-256 digests; use `toHex` /
 * `hashFromHex` at the edges. Proof generation walks the leaf hashes once (O(n)); verification is
 * O(log n). Appending without recomputing lives in `compact-range.ts`.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { AuditError } from './errors.ts';
import { equalBytes, HASH_SIZE } from './hex.ts';

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/**
 * The hash of a leaf: SHA-256(0x00 ‖ data).
 * @example toHex(leafHash(new Uint8Array())) // '6e340b9c…a01d'
 */
export function leafHash(data: Uint8Array): Uint8Array {
  const buf = new Uint8Array(1 + data.length);
  buf[0] = LEAF_PREFIX;
  buf.set(data, 1);
  return sha256(buf);
}

/**
 * The hash of an interior node: SHA-256(0x01 ‖ left ‖ right).
 * @example nodeHash(leafHash(a), leafHash(b)) // the root of the tree [a, b]
 */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  assertHash(left, 'left child');
  assertHash(right, 'right child');
  const buf = new Uint8Array(1 + 2 * HASH_SIZE);
  buf[0] = NODE_PREFIX;
  buf.set(left, 1);
  buf.set(right, 1 + HASH_SIZE);
  return sha256(buf);
}

/**
 * The root of the empty tree: SHA-256 of the empty string (a fresh copy each call).
 * @example toHex(emptyRoot()) // 'e3b0c442…b855'
 */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/**
 * MTH(D[n]): the Merkle tree hash of a list of leaf hashes (RFC 9162 §2.1.1).
 * @example toHex(rootHash([])) // 'e3b0c442…b855'
 */
export function rootHash(leafHashes: readonly Uint8Array[]): Uint8Array {
  assertHashes(leafHashes, leafHashes.length);
  if (leafHashes.length === 0) return emptyRoot();
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

/**
 * PATH(index, D[treeSize]): the audit path proving that leaf `index` is in the tree made of the
 * first `treeSize` leaf hashes (RFC 9162 §2.1.3.1), ordered from the leaf's sibling to the root.
 * @example inclusionProof(5, leafHashes) // [hash, hash, hash] for an 8-leaf tree
 */
export function inclusionProof(
  index: number,
  leafHashes: readonly Uint8Array[],
  treeSize: number = leafHashes.length,
): Uint8Array[] {
  checkSize(treeSize, leafHashes.length);
  if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) {
    throw new AuditError('invalid-range', `leaf index ${index} is outside a tree of size ${treeSize}`);
  }
  assertHashes(leafHashes, treeSize);
  const proof: Uint8Array[] = [];
  path(leafHashes, index, 0, treeSize, proof);
  return proof;
}

/**
 * PROOF(fromSize, D[toSize]): proves that the tree of the first `toSize` leaf hashes extends the
 * tree of the first `fromSize` (RFC 9162 §2.1.4.1). Empty when fromSize is 0 or equals toSize.
 * @example consistencyProof(6, leafHashes) // 3 hashes for an 8-leaf tree
 */
export function consistencyProof(
  fromSize: number,
  leafHashes: readonly Uint8Array[],
  toSize: number = leafHashes.length,
): Uint8Array[] {
  checkSize(toSize, leafHashes.length);
  if (!Number.isSafeInteger(fromSize) || fromSize < 0 || fromSize > toSize) {
    throw new AuditError('invalid-range', `cannot prove consistency from size ${fromSize} to ${toSize}`);
  }
  assertHashes(leafHashes, toSize);
  const proof: Uint8Array[] = [];
  if (fromSize > 0 && fromSize < toSize) subproof(leafHashes, fromSize, 0, toSize, true, proof);
  return proof;
}

export interface InclusionCheck {
  index: number;
  treeSize: number;
  leafHash: Uint8Array;
  proof: readonly Uint8Array[];
  root: Uint8Array;
}

/**
 * Verifies an inclusion proof (RFC 9162 §2.1.3.2). Malformed input (bad sizes, short hashes)
 * answers `false`, never throws.
 * @example verifyInclusion({ index: 5, treeSize: 8, leafHash: h, proof, root }) // true
 */
export function verifyInclusion({ index, treeSize, leafHash, proof, root }: InclusionCheck): boolean {
  if (!isSize(treeSize) || !isSize(index) || index >= treeSize) return false;
  if (!isHash(leafHash) || !isHash(root) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(r, root);
}

export interface ConsistencyCheck {
  fromSize: number;
  toSize: number;
  fromRoot: Uint8Array;
  toRoot: Uint8Array;
  proof: readonly Uint8Array[];
}

/**
 * Verifies a consistency proof (RFC 9162 §2.1.4.2): the tree (toSize, toRoot) is an append-only
 * extension of (fromSize, fromRoot). Equal sizes need equal roots and an empty proof; from the
 * empty tree, an empty proof and the empty root. Malformed input answers `false`.
 * @example verifyConsistency({ fromSize: 6, toSize: 8, fromRoot, toRoot, proof }) // true
 */
export function verifyConsistency({ fromSize, toSize, fromRoot, toRoot, proof }: ConsistencyCheck): boolean {
  if (!isSize(fromSize) || !isSize(toSize) || fromSize > toSize) return false;
  if (!isHash(fromRoot) || !isHash(toRoot) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  if (fromSize === toSize) return proof.length === 0 && equalBytes(fromRoot, toRoot);
  if (fromSize === 0) return proof.length === 0 && equalBytes(fromRoot, emptyRoot());
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(fromSize) ? [fromRoot, ...proof] : proof;
  let fn = fromSize - 1;
  let sn = toSize - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(fr, fromRoot) && equalBytes(sr, toRoot);
}

/** The largest power of two strictly smaller than n (n ≥ 2): where RFC 6962 splits a tree. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function subtreeRoot(leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  if (end - start === 1) return leaves[start]!;
  const k = splitPoint(end - start);
  return nodeHash(subtreeRoot(leaves, start, start + k), subtreeRoot(leaves, start + k, end));
}

function path(leaves: readonly Uint8Array[], m: number, start: number, end: number, out: Uint8Array[]) {
  const n = end - start;
  if (n === 1) return;
  const k = splitPoint(n);
  if (m < k) {
    path(leaves, m, start, start + k, out);
    out.push(subtreeRoot(leaves, start + k, end));
  } else {
    path(leaves, m - k, start + k, end, out);
    out.push(subtreeRoot(leaves, start, start + k));
  }
}

function subproof(
  leaves: readonly Uint8Array[],
  m: number,
  start: number,
  end: number,
  complete: boolean,
  out: Uint8Array[],
) {
  const n = end - start;
  if (m === n) {
    if (!complete) out.push(subtreeRoot(leaves, start, end));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(leaves, m, start, start + k, complete, out);
    out.push(subtreeRoot(leaves, start + k, end));
  } else {
    subproof(leaves, m - k, start + k, end, false, out);
    out.push(subtreeRoot(leaves, start, start + k));
  }
}

const half = (x: number) => Math.floor(x / 2);
const isSize = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isHash = (h: unknown): h is Uint8Array => h instanceof Uint8Array && h.length === HASH_SIZE;

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

function checkSize(treeSize: number, available: number) {
  if (!isSize(treeSize) || treeSize > available) {
    throw new AuditError(
      'invalid-range',
      `tree size ${treeSize} needs ${treeSize} leaf hashes, got ${available}`,
    );
  }
}

function assertHash(h: Uint8Array, what: string) {
  if (!isHash(h)) throw new AuditError('invalid-hash', `${what} must be a ${HASH_SIZE}-byte hash`);
}

function assertHashes(leaves: readonly Uint8Array[], count: number) {
  for (let i = 0; i < count; i++) assertHash(leaves[i]!, `leaf hash ${i}`);
}
