// Relay latency as the performance report shows it: the last N samples (a ring buffer, so memory
// is fixed) give average, median and 99th percentile. A sample is the time from a frame's
// receipt to the moment the server has handed its last local copy to the sockets.

/** Samples kept for the percentiles (the seed's METRICS_SAMPLE_SIZE). */
export const LATENCY_SAMPLES = 1000;

export interface LatencySummary {
  readonly count: number;
  readonly avgMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export class LatencyTracker {
  private readonly samples: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(size = LATENCY_SAMPLES) {
    this.samples = new Float64Array(size);
  }

  record(ms: number): void {
    this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.samples.length;
    if (this.filled < this.samples.length) this.filled++;
  }

  /** Over the samples kept; zeros before the first sample. */
  summary(): LatencySummary {
    if (this.filled === 0) return { count: 0, avgMs: 0, p50Ms: 0, p99Ms: 0 };
    const sorted = this.samples.slice(0, this.filled).sort();
    let sum = 0;
    for (const sample of sorted) sum += sample;
    return {
      count: this.filled,
      avgMs: sum / this.filled,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
    };
  }
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: Float64Array, fraction: number): number {
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1] ?? 0;
}

/**
 * Times frames from receipt until the end of the event-loop turn's socket writes: the core
 * flushes every queued frame in one setImmediate, so a setImmediate scheduled after the
 * handler ran fires once those writes were handed to the kernel. One per turn, for all frames.
 */
export class LatencyProbe {
  private readonly tracker: LatencyTracker;
  private readonly onSample: (ms: number) => void;
  private started: number[] = [];

  constructor(tracker: LatencyTracker, onSample: (ms: number) => void = () => undefined) {
    this.tracker = tracker;
    this.onSample = onSample;
  }

  /** `startedAt` is the `performance.now()` of the frame's receipt. */
  observe(startedAt: number): void {
    if (this.started.length === 0) setImmediate(this.flush);
    this.started.push(startedAt);
  }

  private readonly flush = (): void => {
    const finished = performance.now();
    const started = this.started;
    this.started = [];
    for (const at of started) {
      const ms = finished - at;
      this.tracker.record(ms);
      this.onSample(ms);
    }
  };
}
