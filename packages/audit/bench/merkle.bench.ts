/**
 * Audit log benchmark: append throughput (the hub's hot path) and proof times over N leaves, then
 * proofs from stored subtree hashes (what the hub serves) at 1,000,000 leaves, as ratios to
 * baselines measured in the same run: one SHA-256 node hash, and the O(n) proof over every leaf.
 * Prints numbers, asserts nothing. `pnpm bench` (N = 100 000) or `tsx bench/merkle.bench.ts N [M]`
 * (M: the size of the stored-subtree section, default 1 000 000).
 */
import { CompactRange } from '../src/compact-range.ts';
import { sealEntry } from '../src/entry.ts';

import { toHex } from '../src/hex.ts';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from '../src/merkle.ts';
import { consistencyRanges, inclusionRanges, rangeRoot, type SubtreeId } from '../src/subtrees.ts';
import { buildLog, served } from '../src/testing/audit-log.ts';
import { verifyAuditLog } from '../src/verify.ts';

const n = Number(process.argv[2] ?? 100_000);
const big = Number(process.argv[3] ?? 1_000_000);

function time<T>(label: string, fn: () => T, count = 1): T {
  const start = performance.now();
  let out: T | undefined;
  for (let i = 0; i < count; i++) out = fn();
  const ms = (performance.now() - start) / count;
  console.log(`${label.padEnd(52)} ${ms.toFixed(ms < 1 ? 3 : 1).padStart(10)} ms`);
  return out as T;
}
function rate(label: string, count: number, fn: (i: number) => void) {
  const start = performance.now();
  for (let i = 0; i < count; i++) fn(i);
  const s = (performance.now() - start) / 1000;
  console.log(
    `${label.padEnd(52)} ${Math.round(count / s)
      .toLocaleString('en')
      .padStart(10)} /s`,
  );
}

console.log(`@ewto/audit benchmark, ${n.toLocaleString('en')} leaves (node ${process.version})\n`);
const leaves = Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`leaf ${i}`)));

const range = new CompactRange();
rate('CompactRange.append (leaf hash given)', n, (i) => range.append(leaves[i]!));
const persisted = range.toJSON();
rate('append + root + toJSON/fromJSON (hub per entry)', 10_000, (i) => {
  const r = CompactRange.fromJSON(persisted);
  r.append(leaves[i]!);
  r.root();
  r.toJSON();
});
const entry = {
  seq: 0,
  time: '2027-01-01T00:00:00Z',
  action: 'plan.read' as const,
  outcome: 'success' as const,
  actor: { kind: 'user' as const, userId: 'u1', orgId: 'o1' },
  org: 'o1',
  resource: { type: 'plan', id: 'p1' },
  details: { via: 'rest' },
};
rate('sealEntry (validate + canonical JSON + leaf hash)', 20_000, (i) => sealEntry({ ...entry, seq: i }));
console.log();

time('CompactRange.root', () => range.root(), 1000);
time('rootHash over all leaves', () => rootHash(leaves));
const index = Math.floor(n * 0.37);
const proof = time('inclusionProof (one leaf)', () => inclusionProof(index, leaves));
time('consistencyProof (n/2 → n)', () => consistencyProof(Math.floor(n / 2), leaves));
const root = range.root();
time(
  'verifyInclusion',
  () => verifyInclusion({ index, treeSize: n, leafHash: leaves[index]!, proof, root }),
  1000,
);
console.log();

const logSize = Math.min(n, 100_000);
const log = time(`build a ${logSize.toLocaleString('en')}-entry test log`, () => buildLog(logSize, 1000));
const report = time(`verifyAuditLog (${log.checkpoints.length} checkpoints)`, () =>
  verifyAuditLog({ ...served(log.items), checkpoints: log.checkpoints }),
);
if (!report.ok) throw new Error('benchmark log did not verify');

// Proofs as the hub serves them: from the subtree hashes stored while the log grows (level 0 = the
// leaf hashes), at `big` leaves, against baselines of this run.
console.log(`\nproofs from stored subtree hashes, ${big.toLocaleString('en')} leaves\n`);
const levels: Uint8Array[][] = [[]];
const store = new CompactRange();
for (let i = 0; i < big; i++) {
  const leaf = leafHash(new TextEncoder().encode(`leaf ${i}`));
  levels[0]!.push(leaf);
  store.append(leaf, (id, hash) => {
    levels[id.level] ??= [];
    levels[id.level]![id.index] = hash;
  });
}
const bigRoot = store.root();
const lookup = (id: SubtreeId) => levels[id.level]![id.index]!;
const a = new Uint8Array(32).fill(1);
const b = new Uint8Array(32).fill(2);
const hashMs = measure(() => nodeHash(a, b), 100_000);
const seqs = Array.from({ length: 200 }, (_, i) => Math.floor(((i + 0.5) * big) / 200));
const inclMs = measure((i) => {
  const s = seqs[i % seqs.length]!;
  return inclusionRanges(s, big).map(([x, y]) => rangeRoot(x, y, lookup));
}, 2000);
const consMs = measure((i) => {
  const m = 1 + ((seqs[i % seqs.length]! * 7) % (big - 1));
  return consistencyRanges(m, big).map(([x, y]) => rangeRoot(x, y, lookup));
}, 2000);
// The O(n) method (every leaf hash) at a tenth of the size (at the full size it takes 10× that).
const tenth = Math.floor(big / 10);
const oldTenthMs = measure(() => inclusionProof(Math.floor(tenth * 0.37), levels[0]!, tenth), 3);
// The stored-subtree proofs are the RFC ones.
{
  const s = Math.floor(big * 0.37);
  const proof = inclusionRanges(s, big).map(([x, y]) => rangeRoot(x, y, lookup));
  if (!verifyInclusion({ index: s, treeSize: big, leafHash: levels[0]![s]!, proof, root: bigRoot }))
    throw new Error('stored-subtree inclusion proof does not verify');
  const m = Math.floor(big / 3);
  const cons = consistencyRanges(m, big).map(([x, y]) => rangeRoot(x, y, lookup));
  const fromRoot = CompactRange.fromLeafHashes(levels[0]!.slice(0, m)).root();
  if (!verifyConsistency({ fromSize: m, toSize: big, fromRoot, toRoot: bigRoot, proof: cons }))
    throw new Error('stored-subtree consistency proof does not verify');
  if (toHex(proof[0]!) !== toHex(inclusionProof(s, levels[0]!, big)[0]!)) throw new Error('proofs differ');
}
const row = (label: string, ms: number, note: string) =>
  console.log(`${label.padEnd(52)} ${(ms < 1 ? ms.toFixed(4) : ms.toFixed(1)).padStart(10)} ms  ${note}`);
row('baseline: one node hash (SHA-256, 65 bytes)', hashMs, '= 1 hash');
row(
  `inclusion proof, stored subtrees (${big.toLocaleString('en')})`,
  inclMs,
  `= ${(inclMs / hashMs).toFixed(0)} node hashes`,
);
row(
  `consistency proof, stored subtrees (${big.toLocaleString('en')})`,
  consMs,
  `= ${(consMs / hashMs).toFixed(0)} node hashes`,
);
row(
  `inclusion proof, O(n) over every leaf (${tenth.toLocaleString('en')})`,
  oldTenthMs,
  `= ${(oldTenthMs / inclMs).toFixed(0)}× the stored-subtree proof at ${big.toLocaleString('en')}`,
);

function measure(fn: (i: number) => unknown, count: number): number {
  const start = performance.now();
  for (let i = 0; i < count; i++) fn(i);
  return (performance.now() - start) / count;
}
