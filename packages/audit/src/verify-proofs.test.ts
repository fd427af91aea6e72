import { describe, expect, it } from 'vitest';
import { hashFromHex, toHex } from './hex.ts';
import { consistencyProof, inclusionProof } from './merkle.ts';
import { buildLog } from './testing/audit-log.ts';
import { verifyCheckpointConsistency, verifyEntryInclusion } from './verify-proofs.ts';

const log = buildLog(45);
const leaves = log.items.map((i) => hashFromHex(i.leafHash));
const checkpoint = log.checkpointAt(40);
const inclusion = (seq: number, size = 40) => ({
  seq,
  treeSize: size,
  leafHash: log.items[seq]!.leafHash,
  proof: inclusionProof(seq, leaves, size).map(toHex),
});
const consistency = (from: number, to: number) => ({
  fromSize: from,
  toSize: to,
  proof: consistencyProof(from, leaves, to).map(toHex),
});

describe('verifyEntryInclusion', () => {
  it('proves an entry is in a checkpoint', () => {
    for (const seq of [0, 17, 39]) {
      const check = verifyEntryInclusion({ entry: log.items[seq]!.entry, proof: inclusion(seq), checkpoint });
      expect(check).toEqual({
        ok: true,
        message: `entry seq ${seq} is in the log of https://hub.ewto.invalid as of 2027-01-01T00:40:30Z`,
      });
    }
  });

  it('rejects an edited entry, a tampered proof, or a proof for another seq or size', () => {
    const entry = log.items[17]!.entry;
    const edited = { ...entry, outcome: 'denied' as const };
    expect(verifyEntryInclusion({ entry: edited, proof: inclusion(17), checkpoint }).message).toMatch(
      /^entry seq 17 was edited: its content hashes to/,
    );
    // An edited entry with a leaf hash to match: the proof no longer reaches the root.
    const forgedLeaf = { ...inclusion(17), leafHash: toHex(hashFromHex(log.items[18]!.leafHash)) };
    expect(verifyEntryInclusion({ entry: log.items[18]!.entry, proof: forgedLeaf, checkpoint }).ok).toBe(
      false,
    );
    const proof = inclusion(17);
    proof.proof[2] = `${proof.proof[2]!.slice(0, 63)}${proof.proof[2]!.endsWith('0') ? '1' : '0'}`;
    expect(verifyEntryInclusion({ entry, proof, checkpoint })).toEqual({
      ok: false,
      message:
        'the inclusion proof of entry seq 17 does not lead to the root of the checkpoint of 2027-01-01T00:40:30Z',
    });
    expect(verifyEntryInclusion({ entry, proof: inclusion(16), checkpoint }).message).toBe(
      'the proof is for entry seq 16, not seq 17',
    );
    expect(verifyEntryInclusion({ entry, proof: inclusion(17, 45), checkpoint }).message).toBe(
      'the proof is for a tree of size 45, the checkpoint has size 40',
    );
    expect(
      verifyEntryInclusion({ entry, proof: { ...inclusion(17), proof: ['xyz'] }, checkpoint }).message,
    ).toMatch(/proof hash 0 must be 64 lower-case hex digits/);
  });
});

describe('verifyCheckpointConsistency', () => {
  const saved = log.checkpointAt(20);
  const current = log.checkpointAt(45);

  it('proves the current log extends a saved checkpoint', () => {
    expect(verifyCheckpointConsistency({ from: saved, to: current, proof: consistency(20, 45) })).toEqual({
      ok: true,
      message:
        'the log of 2027-01-01T00:45:30Z (size 45) extends the checkpoint of 2027-01-01T00:20:30Z (size 20)',
    });
    expect(verifyCheckpointConsistency({ from: saved, to: saved, proof: consistency(20, 20) }).ok).toBe(true);
  });

  it('catches a truncated or rewritten log and mismatched proofs', () => {
    expect(
      verifyCheckpointConsistency({ from: current, to: saved, proof: consistency(20, 45) }).message,
    ).toBe('log has 20 entries but the saved checkpoint covers 45');
    const rewritten = { ...saved, rootHash: log.checkpointAt(21).rootHash };
    expect(verifyCheckpointConsistency({ from: rewritten, to: current, proof: consistency(20, 45) }).ok).toBe(
      false,
    );
    expect(
      verifyCheckpointConsistency({ from: saved, to: current, proof: consistency(19, 45) }).message,
    ).toBe('the proof is from size 19 to 45, the checkpoints are of size 20 and 45');
    const elsewhere = { ...current, origin: 'https://other.invalid' };
    expect(verifyCheckpointConsistency({ from: saved, to: elsewhere, proof: consistency(20, 45) }).ok).toBe(
      false,
    );
  });
});
