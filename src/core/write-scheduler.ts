// Merges every frame queued for a socket during one event-loop turn into a single write.
// A socket write costs microseconds of kernel time regardless of size, so under bursts one
// writev per socket per turn instead of one write per frame is the biggest fan-out saving.

export interface Flushable {
  flush(): void;
}

export class WriteScheduler {
  private queue: Flushable[] = [];
  /** The previous turn's queue, emptied and reused: a fan-out to N sockets queues N items. */
  private spare: Flushable[] = [];
  private scheduled = false;
  private readonly run = (): void => {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = this.spare;
    try {
      for (const item of batch) item.flush();
    } finally {
      batch.length = 0;
      this.spare = batch;
    }
  };

  /** Queue a flush for the end of this turn (setImmediate: after pending I/O callbacks). */
  schedule(item: Flushable): void {
    this.queue.push(item);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.run);
    }
  }
}
