/**
 * Output written as it is produced: records are batched (64 KiB) to keep system calls few, a batch
 * is also written after 50 ms of quiet (so a slow input still sees its results), and writing waits
 * for `drain` when the stream asks.
 */
import type { Io } from '../../cli.ts';

interface Drainable {
  once(event: 'drain', listener: () => void): unknown;
}

export class BatchedOutput {
  private chunks: string[] = [];
  private size = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly out: Io['stdout'],
    private readonly batch = 64 * 1024,
    private readonly idleMs = 50,
  ) {}

  /** Queues `text`; writes the batch when it is full (and waits if the stream is backed up). */
  async write(text: string): Promise<void> {
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
    if (this.size === 0) return;
    const data = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    const ok = this.out.write(data);
    const stream = this.out as Partial<Drainable>;
    if (ok === false && typeof stream.once === 'function')
      await new Promise<void>((resolve) => stream.once?.('drain', resolve));
  }
}
