import { describe, expect, it } from 'vitest';
import { CompactRange } from './compact-range.ts';
import { AuditError } from './errors.ts';
import { toHex } from './hex.ts';
import { leafHash, rootHash } from './merkle.ts';

const leaves = Array.from({ length: 300 }, (_, i) => leafHash(new TextEncoder().encode(`leaf ${i}`)));

describe('CompactRange', () => {
  it('has the same root as rootHash for every size 0..300', () => {
    const range = new CompactRange();
    for (let n = 0; n <= leaves.length; n++) {
      expect(range.size).toBe(n);
      expect(toHex(range.root()), `size ${n}`).toBe(toHex(rootHash(leaves.slice(0, n))));
      if (n < leaves.length) range.append(leaves[n]!);
    }
  }, 30_000);

  it('keeps one hash per set bit of the size, and round-trips through JSON at every size', () => {
    let range = new CompactRange();
    for (let n = 0; n <= 300; n++) {
      const state = range.toJSON();
      expect(state.hashes).toHaveLength(n.toString(2).replaceAll('0', '').length);
      range = CompactRange.fromJSON(JSON.parse(JSON.stringify(state)));
      expect(toHex(range.root())).toBe(toHex(rootHash(leaves.slice(0, n))));
      if (n < leaves.length) range.append(leaves[n]!);
    }
  });

  it('fromLeafHashes equals appending one by one', () => {
    expect(CompactRange.fromLeafHashes(leaves.slice(0, 77)).toJSON()).toEqual(
      leaves
        .slice(0, 77)
        .reduce((r, h) => r.append(h), new CompactRange())
        .toJSON(),
    );
  });

  it('a clone is independent, and the root it returns cannot be used to change it', () => {
    const a = CompactRange.fromLeafHashes(leaves.slice(0, 5));
    const b = a.clone().append(leaves[5]!);
    expect(a.size).toBe(5);
    expect(toHex(a.root())).toBe(toHex(rootHash(leaves.slice(0, 5))));
    expect(toHex(b.root())).toBe(toHex(rootHash(leaves.slice(0, 6))));
    const single = CompactRange.fromLeafHashes(leaves.slice(0, 1));
    single.root().fill(0);
    expect(toHex(single.root())).toBe(toHex(leaves[0]!));
  });

  it('rejects states that cannot be a compact range', () => {
    const good = CompactRange.fromLeafHashes(leaves.slice(0, 6)).toJSON();
    expect(() => CompactRange.fromJSON({ ...good, size: 7 })).toThrow(/size 7 holds 3 hashes, got 2/);
    expect(() => CompactRange.fromJSON({ ...good, size: -1 })).toThrow(AuditError);
    expect(() => CompactRange.fromJSON({ size: 6, hashes: [good.hashes[0]!, 'ABC'] })).toThrow(
      expect.objectContaining({ code: 'invalid-state' }),
    );
    expect(() => new CompactRange().append(new Uint8Array(31))).toThrow(AuditError);
  });
});
