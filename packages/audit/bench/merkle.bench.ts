/**
 * Audit log benchmark: append throughput (the hub's hot path) and proof times over N leaves.
 * Prints numbers, asserts nothing. `pnpm bench` (N = 100 000) or `tsx bench/merkle.bench.ts 1000000`.
 */
import { CompactRange } from '../src/compact-range.ts';
import { sealEntry } from '../src/entry.ts';

import { consistencyProof, inclusionProof, leafHash, rootHash, verifyInclusion } from '../src/merkle.ts';
import { buildLog, served } from '../src/testing/audit-log.ts';
import { verifyAuditLog } from '../src/verify.ts';

const n = Number(process.argv[2] ?? 100_000);

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
