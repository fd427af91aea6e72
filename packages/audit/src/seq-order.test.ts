import { describe, expect, it } from 'vitest';
import { checkSeqOrder } from './seq-order.ts';

describe('checkSeqOrder', () => {
  it('accepts contiguous seqs from 0 and the empty log', () => {
    expect(checkSeqOrder([0, 1, 2, 3])).toEqual([]);
    expect(checkSeqOrder([])).toEqual([]);
  });
  it('names gaps, including at the start, as runs', () => {
    expect(checkSeqOrder([2, 3, 7]).map((p) => p.message)).toEqual([
      'entries seq 0 to 1 are missing (deleted)',
      'entries seq 4 to 6 are missing (deleted)',
    ]);
  });
  it('names each entry served after a higher seq once', () => {
    expect(checkSeqOrder([0, 5, 2, 3, 4, 1, 6]).map((p) => p.message)).toEqual([
      'entry seq 2 comes after seq 5 (reordered)',
      'entry seq 1 comes after seq 4 (reordered)',
    ]);
  });
  it('names duplicates and invalid seqs', () => {
    expect(checkSeqOrder([0, 1, 1, 'x', -1, 2])).toEqual([
      { kind: 'inconsistent', seq: 1, message: 'entry seq 1 appears more than once' },
      { kind: 'inconsistent', message: 'entry at position 3 has no valid seq' },
      { kind: 'inconsistent', message: 'entry at position 4 has no valid seq' },
    ]);
  });
});
