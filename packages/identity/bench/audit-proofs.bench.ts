/**
 * Audit proofs as the hub serves them (AuditLog.inclusion / consistency on a libsql file database)
 * at 1,000,000 entries, as ratios to baselines measured in the same run: reading one leaf hash by
 * seq (one indexed row), and the former O(n) method (read every leaf hash, then prove) at 100,000.
 * Prints numbers, asserts nothing. `pnpm --filter @ewto/identity bench [N]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactRange, hashFromHex, inclusionProof, leafHash, toHex, verifyInclusion } from '@ewto/audit';
import { openMigratedDatabase } from '@ewto/db';
import { auditEntries } from '@ewto/db/schema';
import { asc, eq, lt } from 'drizzle-orm';
import { AuditLog } from '../src/audit-log.ts';
import { KeyEncryptionKey } from '../src/envelope.ts';
import { HubKeyStore } from '../src/keystore.ts';

const n = Number(process.argv[2] ?? 1_000_000);
const small = Math.floor(n / 10);
const dir = mkdtempSync(join(tmpdir(), 'ewto-audit-bench-'));
const handle = await openMigratedDatabase({ url: `file:${join(dir, 'hub.db')}` });
console.log(`audit proofs from the database, ${n.toLocaleString('en')} entries (node ${process.version})\n`);

try {
  // The log as the hub leaves it: entries with their leaf hashes, the stored subtrees, a checkpoint.
  const start = performance.now();
  const range = new CompactRange();
  const ROWS = 400;
  let entryRows: unknown[][] = [];
  let nodeRows: unknown[][] = [];
  const flush = async (force = false) => {
    const stmts = [];
    while (entryRows.length >= ROWS || (force && entryRows.length)) {
      const chunk = entryRows.splice(0, ROWS);
      stmts.push({
        sql: `insert into audit_entries (seq, entry, leaf_hash, org_id, action, time) values ${chunk.map(() => '(?, ?, ?, null, ?, ?)').join(', ')}`,
        args: chunk.flat() as never[],
      });
    }
    while (nodeRows.length >= ROWS || (force && nodeRows.length)) {
      const chunk = nodeRows.splice(0, ROWS);
      stmts.push({
        sql: `insert into audit_nodes (level, idx, hash) values ${chunk.map(() => '(?, ?, ?)').join(', ')}`,
        args: chunk.flat() as never[],
      });
    }
    if (stmts.length) await handle.client.batch(stmts as never, 'write');
  };
  for (let seq = 0; seq < n; seq++) {
    const entry = `{"action":"resource.read","seq":${seq}}`;
    const leaf = leafHash(new TextEncoder().encode(entry));
    entryRows.push([seq, entry, toHex(leaf), 'resource.read', '2027-01-01T00:00:00Z']);
    range.append(leaf, (id, hash) => nodeRows.push([id.level, id.index, toHex(hash)]));
    if (entryRows.length >= ROWS * 50) await flush();
  }
  await flush(true);
  const frontier = range.toJSON();
  await handle.client.execute({
    sql: 'insert into audit_checkpoints (tree_size, root_hash, time, jws, frontier) values (?, ?, ?, ?, ?)',
    args: [n, toHex(range.root()), '2027-01-01T00:00:00Z', 'bench', JSON.stringify(frontier.hashes)],
  });
  entryRows = [];
  nodeRows = [];
  console.log(
    `build the log (entries + subtree hashes)            ${((performance.now() - start) / 1000).toFixed(1)} s\n`,
  );

  const keys = new HubKeyStore(handle.db, { kek: await KeyEncryptionKey.generate() });
  await keys.init();
  const audit = new AuditLog({ db: handle.db, keys, origin: 'http://bench.test' });
  await audit.init();
  const root = range.root();
  const seqs = Array.from({ length: 200 }, (_, i) => Math.floor(((i + 0.5) * n) / 200));

  const oneRow = await measure(
    (i) =>
      handle.db
        .select({ h: auditEntries.leafHash })
        .from(auditEntries)
        .where(eq(auditEntries.seq, seqs[i % 200]!)),
    500,
  );
  const incl = await measure(async (i) => {
    const s = seqs[i % 200]!;
    const p = await audit.inclusion(s, n);
    if (
      i === 0 &&
      !verifyInclusion({
        index: s,
        treeSize: n,
        leafHash: hashFromHex(p.leafHash),
        proof: p.proof.map((h) => hashFromHex(h)),
        root,
      })
    )
      throw new Error('inclusion proof does not verify');
  }, 200);
  const cons = await measure((i) => audit.consistency(1 + ((seqs[i % 200]! * 7) % (n - 1)), n), 200);
  // The former method: every leaf hash up to the tree size, then the O(n) proof.
  const old = await measure(async () => {
    const rows = await handle.db
      .select({ leafHash: auditEntries.leafHash })
      .from(auditEntries)
      .where(lt(auditEntries.seq, small))
      .orderBy(asc(auditEntries.seq));
    return inclusionProof(
      Math.floor(small * 0.37),
      rows.map((r) => hashFromHex(r.leafHash)),
    );
  }, 3);

  const row = (label: string, ms: number, note: string) =>
    console.log(`${label.padEnd(52)} ${ms.toFixed(ms < 10 ? 3 : 1).padStart(10)} ms  ${note}`);
  row('baseline: read one leaf hash by seq', oneRow, '= 1 row read');
  row(`AuditLog.inclusion at ${n.toLocaleString('en')}`, incl, `= ${(incl / oneRow).toFixed(1)} row reads`);
  row(`AuditLog.consistency at ${n.toLocaleString('en')}`, cons, `= ${(cons / oneRow).toFixed(1)} row reads`);
  row(
    `former O(n) inclusion at ${small.toLocaleString('en')}`,
    old,
    `= ${(old / oneRow).toFixed(0)} row reads, ${(old / incl).toFixed(0)}× the proof at ${n.toLocaleString('en')}`,
  );
} finally {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
}

async function measure(fn: (i: number) => unknown, count: number): Promise<number> {
  await fn(0);
  const t = performance.now();
  for (let i = 0; i < count; i++) await fn(i);
  return (performance.now() - t) / count;
}
