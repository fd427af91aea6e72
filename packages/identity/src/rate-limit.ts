/**
 * Limits on failed authentication, per client address and per credential: after `perAddress` (or
 * `perCredential`) failures in a fixed window, further attempts are refused until the window ends.
 * Only failures count, so clients that authenticate correctly are never slowed. The counters live
 * behind `RateLimitStore`: in this process now (`MemoryRateLimitStore`); a shared store (Redis)
 * when several hub processes serve one address space.
 */
import { sha256Hex } from './ids.ts';

export interface WindowCount {
  count: number;
  /** When the window ends (ms since the epoch). */
  resetAt: number;
}

/** Fixed-window counters. A key's window starts at its first increment and lasts `windowMs`. */
export interface RateLimitStore {
  /** Adds one to `key` in its current window. */
  increment(key: string, windowMs: number): Promise<WindowCount>;
  /** The count in `key`'s current window (0 when there is none). */
  get(key: string): Promise<WindowCount>;
}

/** Counters in this process's memory; expired windows are dropped as they are met and by `sweep`. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, WindowCount>();
  constructor(private readonly now: () => number = Date.now) {}

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    const now = this.now();
    let w = this.#windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.#windows.size > 100_000) this.sweep();
      w = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, w);
    }
    w.count++;
    return { ...w };
  }

  async get(key: string): Promise<WindowCount> {
    const w = this.#windows.get(key);
    if (!w || w.resetAt <= this.now()) return { count: 0, resetAt: this.now() };
    return { ...w };
  }

  /** Drops expired windows (memory stays bounded by the keys active in one window). */
  sweep(): void {
    const now = this.now();
    for (const [k, w] of this.#windows) if (w.resetAt <= now) this.#windows.delete(k);
  }
}

export interface AuthLimits {
  /** Failures allowed per client address per window (0: no limit). */
  perAddress: number;
  /** Failures allowed per credential (token, client id) per window (0: no limit). */
  perCredential: number;
  windowMs: number;
}

export interface AuthAttempt {
  /** The client's network address. */
  address: string;
  /** The credential presented (a token, a client id), if any; only its hash is kept. */
  credential?: string | undefined;
}

/**
 * @example
 * const limiter = new AuthLimiter(new MemoryRateLimitStore(), { perAddress: 20, perCredential: 5, windowMs: 60_000 });
 * const wait = await limiter.retryAfter({ address, credential: token });
 * if (wait) answer429(wait); else if (!valid) await limiter.failed({ address, credential: token });
 */
export class AuthLimiter {
  constructor(
    readonly store: RateLimitStore,
    readonly limits: AuthLimits,
    private readonly now: () => number = Date.now,
  ) {}

  async #keys({ address, credential }: AuthAttempt): Promise<Array<[string, number]>> {
    const keys: Array<[string, number]> = [];
    if (this.limits.perAddress > 0) keys.push([`auth-fail:address:${address}`, this.limits.perAddress]);
    if (credential && this.limits.perCredential > 0)
      keys.push([`auth-fail:credential:${await sha256Hex(credential)}`, this.limits.perCredential]);
    return keys;
  }

  /** Seconds to wait when the address or the credential has used up its failures, else 0. */
  async retryAfter(attempt: AuthAttempt): Promise<number> {
    let until = 0;
    for (const [key, limit] of await this.#keys(attempt)) {
      const w = await this.store.get(key);
      if (w.count >= limit) until = Math.max(until, w.resetAt);
    }
    return until ? Math.max(1, Math.ceil((until - this.now()) / 1000)) : 0;
  }

  /** Counts one failed authentication against the address and the credential. */
  async failed(attempt: AuthAttempt): Promise<void> {
    for (const [key] of await this.#keys(attempt)) await this.store.increment(key, this.limits.windowMs);
  }
}
