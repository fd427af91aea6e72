/**
 * Output written as it is produced: records are batched (64 KiB) to keep system calls few, a batch
 * is also written after 50 ms of quiet (so a slow input still sees its results), and writing waits
 * for `drain` when the stream asks. A stream that closes under us (EPIPE: `… | head -1`) ends the
 * output quietly: `closed` turns true, later writes are dropped, and the screen loop stops.
 */
import type { Io } from '../../cli.ts';

interface Drainable {
  once(event: 'drain' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (e: NodeJS.ErrnoException) => void): unknown;
}

export class BatchedOutput {
  private chunks: string[] = [];
  private size = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wake: (() => void) | undefined;
  /** The reader went away (EPIPE or a destroyed stream): nothing more will be written. */
  closed = false;

  constructor(
    private readonly out: Io['stdout'],
    private readonly batch = 64 * 1024,
    private readonly idleMs = 50,
  ) {
    const stream = out as Partial<Drainable>;
    if (typeof stream.on === 'function')
      stream.on('error', (e) => {
        // A closed pipe is the reader's choice, not a failure; anything else is rethrown.
        if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
        this.close();
      });
  }

  /** Stops writing: drops what is queued and releases a pending wait for `drain`. */
  close(): void {
    this.closed = true;
    this.chunks = [];
    this.size = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.wake?.();
  }

  /** Queues `text`; writes the batch when it is full (and waits if the stream is backed up). */
  async write(text: string): Promise<void> {
    if (this.closed) return;
    this.chunks.push(text);
    this.size += text.length;
    if (this.size >= this.batch) await this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.idleMs);
      this.timer.unref?.();
    }
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.size === 0 || this.closed) return;
    const data = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    const ok = this.out.write(data);
    const stream = this.out as Partial<Drainable>;
    if (ok === false && typeof stream.once === 'function' && !this.closed)
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        stream.once?.('drain', resolve);
      });
    this.wake = undefined;
  }
}
