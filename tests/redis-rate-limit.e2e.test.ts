/**
 * The rate limiter's Redis store against a real redis-server: several limiters (as several hub
 * processes would hold) share one count per address and credential, and windows end.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { AuthLimiter, RedisRateLimitStore } from '@ewto/identity';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: ReturnType<typeof spawn>;
let redis: Redis;
let other: Redis;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  // Fails loudly when redis-server is missing (Debian package redis-server).
  server = spawn('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) =>
      reject(new Error(`redis-server did not start (apt-get install redis-server): ${e.message}`)),
    );
    server.stdout!.on('data', (d) => {
      if (/Ready to accept connections/.test(String(d))) resolve();
    });
  });
  redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true });
  other = new Redis({ port, host: '127.0.0.1', lazyConnect: true });
  await redis.connect();
  await other.connect();
}, 30_000);
afterAll(async () => {
  redis?.disconnect();
  other?.disconnect();
  server?.kill('SIGTERM');
});

describe('RedisRateLimitStore', () => {
  it('shares the counts between limiters of several processes', async () => {
    const limits = { perAddress: 5, perCredential: 2, windowMs: 60_000 };
    const a = new AuthLimiter(new RedisRateLimitStore(redis, 'test1:'), limits);
    const b = new AuthLimiter(new RedisRateLimitStore(other, 'test1:'), limits);
    await Promise.all(Array.from({ length: 4 }, (_, i) => (i % 2 ? a : b).failed({ address: '192.0.2.7' })));
    expect(await a.retryAfter({ address: '192.0.2.7' })).toBe(0);
    await b.failed({ address: '192.0.2.7' });
    const wait = await a.retryAfter({ address: '192.0.2.7' });
    expect(wait).toBeGreaterThan(55);
    expect(wait).toBeLessThanOrEqual(60);
    await a.failed({ address: '192.0.2.8', credential: 'ewto_pat_x' });
    await b.failed({ address: '192.0.2.9', credential: 'ewto_pat_x' });
    expect(await a.retryAfter({ address: '192.0.2.10', credential: 'ewto_pat_x' })).toBeGreaterThan(0);
    expect(await a.retryAfter({ address: '192.0.2.10', credential: 'ewto_pat_y' })).toBe(0);
  });

  it('counts concurrent increments exactly, and ends the window', async () => {
    const store = new RedisRateLimitStore(redis, 'test2:');
    const counts = await Promise.all(Array.from({ length: 50 }, () => store.increment('k', 300)));
    expect(counts.map((c) => c.count).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect((await store.get('k')).count).toBe(50);
    await new Promise((r) => setTimeout(r, 400));
    expect((await store.get('k')).count).toBe(0);
    expect((await store.increment('k', 300)).count).toBe(1);
  });
});
