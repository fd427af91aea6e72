/**
 * The compact range [0, size) of an RFC 6962 / RFC 9162 Merkle tree (as in Trillian and
 * transparency-dev/merkle): the roots of the perfect subtrees the first `size` leaves decompose
 * into, one per set bit of `size`, largest (leftmost) first. Appending a leaf and computing the root
 * are O(log n), so the hub persists this frontier beside the log and never rehashes all leaves.
 */
import { AuditError } from './errors.ts';
import { HASH_SIZE, hashFromHex, toHex } from './hex.ts';
import { emptyRoot, nodeHash } from './merkle.ts';
import type { SubtreeId } from './subtrees.ts';

/** The persisted form: the tree size and the frontier hashes (lower-case hex), leftmost first. */
export interface CompactRangeState {
  size: number;
  hashes: string[];
}

/**
 * An incremental Merkle frontier over leaf hashes.
 * @example
 * const range = CompactRange.fromJSON(saved);   // or new CompactRange()
 * range.append(leafHash(data));
 * save(range.toJSON()); toHex(range.root());
 */
export class CompactRange {
  #size = 0;
  #hashes: Uint8Array[] = [];

  /** A compact range over the given leaf hashes (O(n)), e.g. to rebuild it from the database. */
  static fromLeafHashes(leafHashes: Iterable<Uint8Array>): CompactRange {
    const range = new CompactRange();
    for (const h of leafHashes) range.append(h);
    return range;
  }

  /** Restores a persisted state; throws `AuditError('invalid-state')` when it cannot be one. */
  static fromJSON(state: CompactRangeState): CompactRange {
    const { size, hashes } = state ?? {};
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new AuditError('invalid-state', `compact range size must be a non-negative integer, got ${size}`);
    }
    if (!Array.isArray(hashes) || hashes.length !== bitCount(size)) {
      throw new AuditError(
        'invalid-state',
        `a compact range of size ${size} holds ${bitCount(size)} hashes, got ${Array.isArray(hashes) ? hashes.length : typeof hashes}`,
      );
    }
    const range = new CompactRange();
    try {
      range.#hashes = hashes.map((h, i) => hashFromHex(h, `compact range hash ${i}`));
    } catch (cause) {
      throw new AuditError('invalid-state', (cause as Error).message, { cause });
    }
    range.#size = size;
    return range;
  }

  /** Number of leaves appended so far: the tree size. */
  get size(): number {
    return this.#size;
  }

  /**
   * Appends one leaf hash in O(log n): merges the equal-sized subtrees it completes, telling
   * `onNode` each completed perfect subtree (level ≥ 1) and its hash, for a log that stores them.
   */
  append(leafHash: Uint8Array, onNode?: (node: SubtreeId, hash: Uint8Array) => void): this {
    if (!(leafHash instanceof Uint8Array) || leafHash.length !== HASH_SIZE) {
      throw new AuditError('invalid-hash', `leaf hash must be a ${HASH_SIZE}-byte hash`);
    }
    let h: Uint8Array = leafHash.slice();
    let level = 0;
    for (let s = this.#size; s % 2 === 1; s = Math.floor(s / 2)) {
      h = nodeHash(this.#hashes.pop()!, h);
      level++;
      onNode?.({ level, index: Math.floor(this.#size / 2 ** level) }, h);
    }
    this.#hashes.push(h);
    this.#size += 1;
    return this;
  }

  /** The Merkle tree hash of the leaves appended so far (O(log n)); the empty root at size 0. */
  root(): Uint8Array {
    const n = this.#hashes.length;
    if (n === 0) return emptyRoot();
    let r = this.#hashes[n - 1]!;
    for (let i = n - 2; i >= 0; i--) r = nodeHash(this.#hashes[i]!, r);
    return r.slice();
  }

  /** The persisted form; `CompactRange.fromJSON(range.toJSON())` restores it. */
  toJSON(): CompactRangeState {
    return { size: this.#size, hashes: this.#hashes.map(toHex) };
  }

  /** An independent copy (appending to one does not change the other). */
  clone(): CompactRange {
    const copy = new CompactRange();
    copy.#size = this.#size;
    copy.#hashes = this.#hashes.map((h) => h.slice());
    return copy;
  }
}

function bitCount(n: number): number {
  let count = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) count += x % 2;
  return count;
}
