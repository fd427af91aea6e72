import { openMigratedDatabase } from '@ewto/db';
import { auditEntries, organisations } from '@ewto/db/schema';
import { asc } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrg } from './accounts.ts';
import { type AuditFaults, AuditLog } from './audit-log.ts';
import { KeyEncryptionKey } from './envelope.ts';
import { HubKeyStore } from './keystore.ts';

const handles: Array<{ close(): void }> = [];
afterEach(() => {
  for (const h of handles.splice(0)) h.close();
});

async function setUp(faults?: AuditFaults) {
  const h = await openMigratedDatabase({ url: ':memory:' });
  handles.push(h);
  const keys = new HubKeyStore(h.db, { kek: await KeyEncryptionKey.generate() });
  await keys.init();
  const audit = new AuditLog({ db: h.db, keys, origin: 'http://hub.test', ...(faults && { faults }) });
  await audit.init();
  return { db: h.db, audit };
}

const hub = { kind: 'hub' } as const;

describe('AuditLog.transaction', () => {
  it('commits the change and its entries together, entries in the order recorded', async () => {
    const { db, audit } = await setUp();
    const org = await audit.transaction(async (tx, record) => {
      const org = await createOrg(tx, { slug: 'acme', name: 'Acme', kind: 'company' });
      record({ action: 'org.created', outcome: 'success', actor: hub, orgId: org.id });
      record({ action: 'member.added', outcome: 'success', actor: hub, orgId: org.id });
      return org;
    });
    const rows = await db.select().from(auditEntries).orderBy(asc(auditEntries.seq));
    expect(rows.map((r) => [r.seq, r.action, r.orgId])).toEqual([
      [0, 'org.created', org.id],
      [1, 'member.added', org.id],
    ]);
    expect(audit.size).toBe(2);
  });

  it('keeps neither when the change fails after recording, nor when writing the entries fails', async () => {
    let fail = false;
    const { db, audit } = await setUp({
      beforeEntries: () => {
        if (fail) throw new Error('injected after the change');
      },
    });
    await expect(
      audit.transaction(async (tx, record) => {
        await createOrg(tx, { slug: 'one', name: 'One', kind: 'company' });
        record({ action: 'org.created', outcome: 'success', actor: hub });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    fail = true;
    await expect(
      audit.transaction(async (tx, record) => {
        await createOrg(tx, { slug: 'two', name: 'Two', kind: 'company' });
        record({ action: 'org.created', outcome: 'success', actor: hub });
      }),
    ).rejects.toThrow('injected after the change');
    expect(await db.select().from(organisations)).toEqual([]);
    expect(await db.select().from(auditEntries)).toEqual([]);
    expect(audit.size).toBe(0);
    // The log goes on without a gap.
    fail = false;
    await audit.record({ action: 'auth.failed', outcome: 'failure', actor: hub });
    expect((await db.select().from(auditEntries)).map((r) => r.seq)).toEqual([0]);
  });

  it('numbers concurrent transactions without gaps or duplicates', async () => {
    const { db, audit } = await setUp();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit.transaction(async (tx, record) => {
          await createOrg(tx, { slug: `org-${i}`, name: `Org ${i}`, kind: 'company' });
          record({ action: 'org.created', outcome: 'success', actor: hub });
        }),
      ),
    );
    const seqs = (await db.select().from(auditEntries)).map((r) => r.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect((await audit.checkpoint())?.treeSize).toBe(20);
  });

  it('refuses a call to the audit log from inside a transaction instead of waiting for itself', async () => {
    const { audit } = await setUp();
    await expect(
      audit.transaction(async () => {
        await audit.record({ action: 'auth.failed', outcome: 'failure', actor: hub });
      }),
    ).rejects.toThrow(/use the record function/);
  });
});
