/**
 * Failed authentication in the audit log, without letting anyone flood it: the first failure from a
 * source (the salted pseudonym of a client address) in a window is recorded in full, and the rest of
 * that window's failures from the same source become ONE entry with their count, written when the
 * window ends (or when the hub stops). 1,000 bogus tokens from one address make two entries, not 1,000.
 */
import { ANONYMOUS } from './actor.ts';
import type { AuditEventInput, AuditLog } from './audit-log.ts';
import { nowIso } from './ids.ts';

interface Window {
  start: number;
  end: number;
  repeated: number;
}

export type FailureEvent = Pick<AuditEventInput, 'details' | 'requestId' | 'orgId'>;

export class AuthFailureLog {
  readonly #windows = new Map<string, Window>();
  readonly #audit: AuditLog;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #onError: (e: unknown) => void;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor({
    audit,
    windowMs,
    now = Date.now,
    onError = () => {},
  }: { audit: AuditLog; windowMs: number; now?: () => number; onError?: (e: unknown) => void }) {
    this.#audit = audit;
    this.#windowMs = windowMs;
    this.#now = now;
    this.#onError = onError;
  }

  /** Records a failed authentication from `address`: in full, or counted into its window's entry. */
  async failure(address: string, event: FailureEvent): Promise<void> {
    const source = this.#audit.pseudonym(address);
    const now = this.#now();
    const open = this.#windows.get(source);
    if (open && open.end > now) {
      open.repeated++;
      return;
    }
    // Set before any await: concurrent failures from the same source count into this window.
    this.#windows.set(source, { start: now, end: now + this.#windowMs, repeated: 0 });
    this.#startTimer();
    if (open) await this.#summarise(source, open);
    await this.#audit.record({
      ...event,
      action: 'auth.failed',
      outcome: 'failure',
      actor: ANONYMOUS,
      details: { ...event.details, source },
    });
  }

  /** Writes the count of every window that has ended (of every window with `all`, e.g. at shutdown). */
  async flush(all = false): Promise<void> {
    const now = this.#now();
    for (const [source, w] of [...this.#windows]) {
      if (!all && w.end > now) continue;
      this.#windows.delete(source);
      await this.#summarise(source, w);
    }
  }

  /** Stops the timer and writes what is pending. */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush(true);
  }

  async #summarise(source: string, w: Window): Promise<void> {
    if (!w.repeated) return;
    await this.#audit.record({
      action: 'auth.failed',
      outcome: 'failure',
      actor: ANONYMOUS,
      details: {
        source,
        reason: 'repeated authentication failures from this source (counted, not recorded one by one)',
        count: w.repeated,
        from: nowIso(w.start),
        until: nowIso(Math.min(w.end, this.#now())),
      },
    });
  }

  #startTimer(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      this.flush().catch(this.#onError);
      if (!this.#windows.size && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = undefined;
      }
    }, this.#windowMs);
    this.#timer.unref?.();
  }
}
