import { openMigratedDatabase } from '@ewto/db';
import { auditEntries } from '@ewto/db/schema';
import { asc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AuditLog } from './audit-log.ts';
import { KeyEncryptionKey } from './envelope.ts';
import { AuthFailureLog } from './failure-audit.ts';
import { HubKeyStore } from './keystore.ts';
import { AuthLimiter, MemoryRateLimitStore } from './rate-limit.ts';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('AuthLimiter', () => {
  it('refuses an address after its failures, until the window ends', async () => {
    const c = clock();
    const limiter = new AuthLimiter(
      new MemoryRateLimitStore(c.now),
      { perAddress: 3, perCredential: 0, windowMs: 60_000 },
      c.now,
    );
    const from = { address: '192.0.2.1' };
    for (let i = 0; i < 3; i++) {
      expect(await limiter.retryAfter(from)).toBe(0);
      await limiter.failed(from);
    }
    expect(await limiter.retryAfter(from)).toBe(60);
    expect(await limiter.retryAfter({ address: '192.0.2.2' })).toBe(0);
    c.advance(59_500);
    expect(await limiter.retryAfter(from)).toBe(1);
    c.advance(500);
    expect(await limiter.retryAfter(from)).toBe(0);
  });

  it('refuses a credential after its failures, from any address', async () => {
    const c = clock();
    const limiter = new AuthLimiter(
      new MemoryRateLimitStore(c.now),
      { perAddress: 100, perCredential: 2, windowMs: 10_000 },
      c.now,
    );
    await limiter.failed({ address: 'a', credential: 'ewto_pat_x' });
    await limiter.failed({ address: 'b', credential: 'ewto_pat_x' });
    expect(await limiter.retryAfter({ address: 'c', credential: 'ewto_pat_x' })).toBe(10);
    expect(await limiter.retryAfter({ address: 'c', credential: 'ewto_pat_y' })).toBe(0);
  });

  it('limits nothing when the limits are 0', async () => {
    const limiter = new AuthLimiter(new MemoryRateLimitStore(), {
      perAddress: 0,
      perCredential: 0,
      windowMs: 1000,
    });
    for (let i = 0; i < 50; i++) await limiter.failed({ address: 'a', credential: 't' });
    expect(await limiter.retryAfter({ address: 'a', credential: 't' })).toBe(0);
  });
});

describe('AuthFailureLog', () => {
  it('records the first failure of a source in full and the rest of its window as one entry with a count', async () => {
    const h = await openMigratedDatabase({ url: ':memory:' });
    const keys = new HubKeyStore(h.db, { kek: await KeyEncryptionKey.generate() });
    await keys.init();
    const audit = new AuditLog({ db: h.db, keys, origin: 'http://hub.test' });
    await audit.init();
    const c = clock();
    const log = new AuthFailureLog({ audit, windowMs: 60_000, now: c.now });
    for (let i = 0; i < 1000; i++) await log.failure('192.0.2.1', { details: { reason: `bad ${i}` } });
    await log.failure('192.0.2.2', { details: { reason: 'other' } });
    expect(audit.size).toBe(2);
    await log.flush(); // nothing has ended yet
    expect(audit.size).toBe(2);
    c.advance(60_000);
    await log.flush();
    const entries = (await h.db.select().from(auditEntries).orderBy(asc(auditEntries.seq))).map((r) =>
      JSON.parse(r.entry),
    );
    expect(entries).toHaveLength(3);
    const source = audit.pseudonym('192.0.2.1');
    expect(entries[0].details).toEqual({ reason: 'bad 0', source });
    expect(entries[2].details).toMatchObject({ source, count: 999 });
    expect(JSON.stringify(entries)).not.toContain('192.0.2');
    // A new window starts with a full entry again.
    await log.failure('192.0.2.1', { details: { reason: 'later' } });
    await log.close();
    expect(audit.size).toBe(4);
    h.close();
  });
});
