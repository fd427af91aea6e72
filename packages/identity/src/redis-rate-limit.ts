/**
 * Rate-limit counters in Redis, shared by every hub process behind one address: the same fixed
 * windows as `MemoryRateLimitStore`, one atomic script per increment (INCR, and PEXPIRE when the
 * key is new), so concurrent hubs never lose a count or extend a window.
 */
import type { RateLimitStore, WindowCount } from './rate-limit.ts';

/** What the store needs of a Redis client (ioredis' `eval` has this shape). */
export interface RedisEval {
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
}

const INCREMENT = `local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {c, redis.call('PTTL', KEYS[1])}`;

const READ = `local c = redis.call('GET', KEYS[1])
if not c then return {0, 0} end
return {tonumber(c), redis.call('PTTL', KEYS[1])}`;

/**
 * @example const store = new RedisRateLimitStore(new Redis(REDIS_URL));
 */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(
    private readonly redis: RedisEval,
    private readonly prefix = 'ewto:rate:',
    private readonly now: () => number = Date.now,
  ) {}

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    return this.#result(await this.redis.eval(INCREMENT, 1, this.prefix + key, windowMs));
  }

  async get(key: string): Promise<WindowCount> {
    return this.#result(await this.redis.eval(READ, 1, this.prefix + key));
  }

  #result(reply: unknown): WindowCount {
    const [count, ttl] = reply as [number, number];
    return { count: Number(count), resetAt: this.now() + Math.max(0, Number(ttl)) };
  }
}
