/** A progress line on stderr (only when it is a terminal): bytes read, listings, flagged. */
import type { Io } from '../../cli.ts';

const WIDTH = 24;
const EVERY_MS = 100;

export class Progress {
  private last = 0;
  private shown = false;

  constructor(
    private readonly err: Io['stderr'],
    /** Input size in bytes, when known (a file). */
    private readonly total: number | undefined,
  ) {}

  update(bytes: number, listings: number, flagged: number): void {
    const now = Date.now();
    if (now - this.last < EVERY_MS) return;
    this.last = now;
    const counts = `${listings.toLocaleString('en')} listings, ${flagged.toLocaleString('en')} flagged`;
    let line = `${mb(bytes)} read, ${counts}`;
    if (this.total) {
      const ratio = Math.min(1, bytes / this.total);
      const filled = Math.round(ratio * WIDTH);
      line = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${mb(bytes)}/${mb(this.total)}, ${counts}`;
    }
    this.err.write(`\r${line}\x1b[K`);
    this.shown = true;
  }

  /** Clears the line (before other stderr output, and at the end). */
  clear(): void {
    if (!this.shown) return;
    this.err.write('\r\x1b[K');
    this.shown = false;
    this.last = 0;
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
