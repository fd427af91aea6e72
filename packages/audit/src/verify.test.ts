import { describe, expect, it } from 'vitest';
import { sealEntry } from './entry.ts';
import { hashFromHex, toHex } from './hex.ts';
import { rootHash } from './merkle.ts';
import { buildLog, ORIGIN, served, testEntry } from './testing/audit-log.ts';
import { prng } from './testing/prng.ts';
import { verifyAuditLog } from './verify.ts';

const kinds = (r: { problems: { kind: string }[] }) => r.problems.map((p) => p.kind);

describe('verifyAuditLog', () => {
  const log = buildLog(57, 10);

  it('an untouched log verifies against all its checkpoints', () => {
    const report = verifyAuditLog({
      ...served(log.items),
      checkpoints: log.checkpoints,
      savedCheckpoint: log.checkpointAt(20),
    });
    expect(report).toEqual({
      ok: true,
      treeSize: 57,
      rootHash: toHex(rootHash(log.items.map((i) => hashFromHex(i.leafHash)))),
      checkpointsChecked: 7,
      problems: [],
    });
    // Without stored hashes too, and with no checkpoint at all.
    expect(verifyAuditLog({ entries: log.items.map((i) => i.entry), checkpoints: [] }).ok).toBe(true);
    expect(verifyAuditLog({ entries: [], checkpoints: [log.checkpointAt(0)] }).ok).toBe(true);
  });

  it('an entry edited in the database is named, and the checkpoint covering it too', () => {
    const items = structuredClone(log.items);
    items[23]!.entry.details = { n: 23, note: 'rewritten' };
    const report = verifyAuditLog({ ...served(items), checkpoints: log.checkpoints });
    expect(report.ok).toBe(false);
    expect(report.firstBadSeq).toBe(23);
    expect(report.problems[0]).toMatchObject({ kind: 'edited', seq: 23 });
    expect(report.problems[0]!.message).toMatch(
      /^entry seq 23 was edited: its content hashes to [0-9a-f]{16}…/,
    );
    expect(report.problems[1]).toMatchObject({ kind: 'checkpoint-mismatch', seq: 23 });
    expect(report.problems[1]!.message).toMatch(
      /checkpoint of 2027-01-01T00:30:30Z \(size 30\) does not match.*the first entry that differs is seq 23$/,
    );
    expect(report.problems).toHaveLength(2);
  });

  it('an entry edited together with its stored hash is caught by the checkpoint, narrowed to its range', () => {
    const items = structuredClone(log.items);
    const forged = sealEntry({ ...testEntry(23), outcome: 'denied' });
    items[23] = { entry: forged.entry, leafHash: forged.leafHash };
    const report = verifyAuditLog({ ...served(items), checkpoints: log.checkpoints });
    expect(kinds(report)).toEqual(['checkpoint-mismatch']);
    expect(report.problems[0]).toMatchObject({ range: { from: 20, to: 29 } });
    expect(report.problems[0]!.message).toContain(
      'an entry among seq 20 to 29 was edited, deleted or reordered',
    );
    expect(report.firstBadSeq).toBeUndefined();
  });

  it('a deleted entry is named as missing', () => {
    const items = log.items.filter((_, i) => i !== 12);
    const report = verifyAuditLog({ ...served(items), checkpoints: log.checkpoints });
    expect(report.problems[0]).toEqual({
      kind: 'deleted',
      seq: 12,
      message: 'entry seq 12 is missing (deleted)',
    });
    expect(kinds(report)).toContain('checkpoint-mismatch');
    expect(report.firstBadSeq).toBe(12);
    const run = verifyAuditLog({ ...served(log.items.filter((_, i) => i < 5 || i > 8)), checkpoints: [] });
    expect(run.problems).toEqual([
      {
        kind: 'deleted',
        seq: 5,
        range: { from: 5, to: 8 },
        message: 'entries seq 5 to 8 are missing (deleted)',
      },
    ]);
  });

  it('reordered entries are named', () => {
    const items = [...log.items];
    [items[30], items[31]] = [items[31]!, items[30]!];
    const report = verifyAuditLog({ ...served(items), checkpoints: log.checkpoints });
    expect(report.problems[0]).toEqual({
      kind: 'reordered',
      seq: 30,
      message: 'entry seq 30 comes after seq 31 (reordered)',
    });
    expect(report.firstBadSeq).toBe(30);
    expect(kinds(report)).toEqual(['reordered', 'checkpoint-mismatch']);
  });

  it('a truncated tail is caught by a served checkpoint and by a saved one', () => {
    const items = log.items.slice(0, 45);
    const withServed = verifyAuditLog({ ...served(items), checkpoints: log.checkpoints });
    expect(withServed.problems).toEqual([
      {
        kind: 'truncated',
        seq: 45,
        range: { from: 45, to: 56 },
        message: 'log has 45 entries but the checkpoint of 2027-01-01T00:57:30Z (size 57) covers 57',
      },
    ]);
    // The hub also dropped the checkpoints that gave it away; the user's saved one still does.
    const saved = log.checkpointAt(50);
    const report = verifyAuditLog({
      ...served(items),
      checkpoints: log.checkpoints.slice(0, 4),
      savedCheckpoint: saved,
    });
    expect(kinds(report)).toEqual(['truncated']);
    expect(report.problems[0]!.message).toBe(
      'log has 45 entries but the saved checkpoint of 2027-01-01T00:50:30Z (size 50) covers 50',
    );
    expect(report.firstBadSeq).toBe(45);
  });

  it('a rewritten history with fresh checkpoints no longer extends a saved checkpoint', () => {
    const saved = log.checkpointAt(40);
    const items = structuredClone(log.items);
    const forged = sealEntry({ ...testEntry(7), action: 'plan.written' });
    items[7] = { entry: forged.entry, leafHash: forged.leafHash };
    const fresh = [20, 40, 57].map((n) => ({
      ...log.checkpointAt(n),
      rootHash: toHex(rootHash(items.slice(0, n).map((i) => hashFromHex(i.leafHash)))),
    }));
    const report = verifyAuditLog({ ...served(items), checkpoints: fresh, savedCheckpoint: saved });
    expect(kinds(report)).toEqual(['inconsistent']);
    expect(report.problems[0]!.message).toMatch(
      /^the log no longer extends the saved checkpoint of 2027-01-01T00:40:30Z \(size 40\): its first 40 entries hash to .*; an entry among seq 0 to 39 was edited/,
    );
  });

  it('reports checkpoints of another hub and a tree that shrank', () => {
    const other = { ...log.checkpointAt(10), origin: 'https://other.invalid' };
    const report = verifyAuditLog({
      ...served(log.items),
      checkpoints: [log.checkpointAt(20), other],
      origin: ORIGIN,
    });
    expect(report.problems.map((p) => p.message)).toContain(
      'the checkpoint of 2027-01-01T00:10:30Z (size 10) is for https://other.invalid, not https://hub.ewto.invalid',
    );
    const shrunk = { ...log.checkpointAt(30), time: '2027-01-01T02:00:00Z' };
    const later = verifyAuditLog({ ...served(log.items), checkpoints: [log.checkpointAt(40), shrunk] });
    expect(later.problems).toEqual([
      expect.objectContaining({
        kind: 'inconsistent',
        message: expect.stringMatching(/size 30\) is smaller than the earlier .*size 40\): the log shrank$/),
      }),
    ]);
  });

  it('duplicate seqs and content that cannot be canonical JSON are reported', () => {
    const items = structuredClone(log.items.slice(0, 10));
    items.splice(4, 0, structuredClone(items[4]!));
    expect(verifyAuditLog({ ...served(items), checkpoints: [] }).problems).toEqual([
      { kind: 'inconsistent', seq: 4, message: 'entry seq 4 appears more than once' },
    ]);
    const broken = structuredClone(log.items.slice(0, 10));
    broken[6]!.entry.details = { note: '\ud800' };
    const report = verifyAuditLog({ ...served(broken), checkpoints: [] });
    expect(report.problems[0]).toMatchObject({ kind: 'edited', seq: 6 });
    expect(report.problems[0]!.message).toMatch(/lone UTF-16 surrogate/);
  });

  it('property: any single edit or deletion is named exactly', () => {
    const rnd = prng(8785);
    const big = buildLog(200, 16);
    for (let run = 0; run < 40; run++) {
      const k = rnd(200);
      const items = structuredClone(big.items);
      if (run % 2 === 0) items[k]!.entry.details = { tampered: run };
      else items.splice(k, 1);
      const report = verifyAuditLog({ ...served(items), checkpoints: big.checkpoints });
      expect(report.ok).toBe(false);
      expect(report.firstBadSeq, `run ${run}, seq ${k}`).toBe(k);
      expect(report.problems[0]!.kind).toBe(run % 2 === 0 ? 'edited' : k === 199 ? 'truncated' : 'deleted');
    }
  }, 30_000);
});
