// Progress of `hearth backup` / `hearth restore` on stderr: a bar redrawn in place when stderr
// is a terminal, plain lines otherwise (one per step, and every 25% of a long one), so that logs
// of scheduled backups stay readable.

import type { Writable } from 'node:stream';

export interface ProgressOutput {
  readonly stream: Writable & { readonly isTTY?: boolean; readonly columns?: number };
  readonly command: string;
}

const BAR_WIDTH = 24;
/** A terminal bar is redrawn at most this often. */
const REDRAW_MS = 100;

export class Progress {
  readonly #stream: ProgressOutput['stream'];
  readonly #command: string;
  readonly #tty: boolean;
  #step = '';
  #lastQuarter = -1;
  #lastDraw = 0;
  #barShown = false;

  constructor(output: ProgressOutput) {
    this.#stream = output.stream;
    this.#command = output.command;
    this.#tty = output.stream.isTTY === true;
  }

  /** A new step starts (e.g. "chat database"). */
  step(name: string): void {
    this.#endBar();
    this.#step = name;
    this.#lastQuarter = -1;
    if (!this.#tty) this.#stream.write(`${this.#command}: ${name}\n`);
  }

  /** How far the current step is, when it can tell. */
  update(done: number, total: number): void {
    const fraction = total <= 0 ? 1 : Math.min(1, done / total);
    const percent = Math.floor(fraction * 100);
    if (this.#tty) {
      const now = Date.now();
      if (now - this.#lastDraw < REDRAW_MS && fraction < 1) return;
      this.#lastDraw = now;
      const filled = Math.round(fraction * BAR_WIDTH);
      const bar = `${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}`;
      const line = `${this.#command}: [${bar}] ${String(percent).padStart(3)}% ${this.#step}`;
      const width = this.#stream.columns ?? 80;
      this.#stream.write(`\r${line.slice(0, Math.max(10, width - 1))}\x1b[K`);
      this.#barShown = true;
      return;
    }
    const quarter = Math.floor(percent / 25);
    if (quarter > this.#lastQuarter && percent > 0) {
      this.#lastQuarter = quarter;
      this.#stream.write(`${this.#command}: ${this.#step} ${percent}%\n`);
    }
  }

  /** A line that is not progress (a warning, the result). */
  note(text: string): void {
    this.#endBar();
    this.#stream.write(`${this.#command}: ${text}\n`);
  }

  /** Leaves the terminal on a fresh line. */
  done(): void {
    this.#endBar();
  }

  #endBar(): void {
    if (this.#barShown) this.#stream.write('\n');
    this.#barShown = false;
  }
}
