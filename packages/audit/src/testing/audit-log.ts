/** Test-only: a well-formed audit log with checkpoints, to tamper with in tests. */
import { type AuditCheckpoint, checkpointFromTree } from '../checkpoint.ts';
import { CompactRange } from '../compact-range.ts';
import { type AuditEntry, type AuditLogItem, sealEntry } from '../entry.ts';
import { hashFromHex } from '../hex.ts';

export const ORIGIN = 'https://hub.ewto.invalid';

export interface TestLog {
  items: AuditLogItem[];
  /** A checkpoint after every `every` entries, and one at the end. */
  checkpoints: AuditCheckpoint[];
  /** The checkpoint the hub would sign at `size`. */
  checkpointAt(size: number): AuditCheckpoint;
}

const time = (minute: number) =>
  new Date(Date.UTC(2027, 0, 1, 0, minute)).toISOString().replace('.000Z', 'Z');

export function testEntry(seq: number): AuditEntry {
  return {
    seq,
    time: time(seq),
    action: seq % 3 === 0 ? 'plan.read' : 'token.issued',
    outcome: 'success',
    actor: { kind: 'user', userId: `user-${seq % 7}`, orgId: `org-${seq % 4}` },
    org: `org-${seq % 4}`,
    resource: { type: 'plan', id: `plan-${seq % 5}` },
    details: { n: seq, note: `événement ${seq}` },
  };
}

export function buildLog(size: number, every = 10): TestLog {
  const items = Array.from({ length: size }, (_, seq) => {
    const { entry, leafHash } = sealEntry(testEntry(seq));
    return { entry, leafHash };
  });
  const checkpointAt = (n: number, tree?: CompactRange) =>
    checkpointFromTree({
      origin: ORIGIN,
      tree: tree ?? CompactRange.fromLeafHashes(items.slice(0, n).map((i) => hashFromHex(i.leafHash))),
      time: new Date(Date.UTC(2027, 0, 1, 0, n, 30)),
    });
  // One pass for the regular checkpoints (a benchmark builds 100 000-entry logs with this).
  const sizes = new Set<number>();
  for (let n = every; n <= size; n += every) sizes.add(n);
  sizes.add(size);
  const checkpoints: AuditCheckpoint[] = [];
  const tree = new CompactRange();
  for (let n = 0; n <= size; n++) {
    if (sizes.has(n)) checkpoints.push(checkpointAt(n, tree));
    if (n < size) tree.append(hashFromHex(items[n]!.leafHash));
  }
  return { items, checkpoints, checkpointAt: (n) => checkpointAt(n) };
}

/** The input `verifyAuditLog` takes, from served items. */
export const served = (items: readonly AuditLogItem[]) => ({
  entries: items.map((i) => i.entry),
  storedLeafHashes: items.map((i) => i.leafHash),
});
