// Group commit for chat messages: sends that arrive in the same event-loop turn share one
// transaction (one fsync). After the commit, each sender is acknowledged and each new message
// is published and recorded in the feed, synchronously and in id order, batch after batch.

import type { InsertOutcome, MessageRecord, NewMessageInput } from './store.ts';

export interface WriterDeps {
  readonly insert: (batch: readonly NewMessageInput[]) => Promise<InsertOutcome[]>;
  /** Called for each created message, in id order, right after its sender's acknowledgement. */
  readonly publish: (message: MessageRecord) => void;
}

/** Runs right after the commit, before the message is published (MessageDelivered goes first). */
export type Acknowledge = (outcome: InsertOutcome) => void;

interface Pending {
  readonly input: NewMessageInput;
  readonly acknowledge: Acknowledge | undefined;
  readonly resolve: (outcome: InsertOutcome) => void;
  readonly reject: (error: unknown) => void;
}

export class MessageWriter {
  private readonly deps: WriterDeps;
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private scheduled = false;

  constructor(deps: WriterDeps) {
    this.deps = deps;
  }

  /** Stores one message (in the next group commit) and resolves once it is durable. */
  submit(input: NewMessageInput, acknowledge?: Acknowledge): Promise<InsertOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, acknowledge, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything submitted so far is committed and published. */
  async idle(): Promise<void> {
    while (this.flushing !== undefined || this.queue.length > 0 || this.scheduled) {
      await (this.flushing ?? new Promise((resolve) => setImmediate(resolve)));
    }
  }

  /**
   * Settles when the commit under way, if any, is acknowledged and published (not waiting for
   * later ones): a message read back from the store meanwhile may be one of its own.
   */
  async committing(): Promise<void> {
    await this.flushing;
  }

  private schedule(): void {
    if (this.scheduled || this.flushing !== undefined) return;
    this.scheduled = true;
    // setImmediate, not a microtask: every frame read in this turn joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.flush().finally(() => {
        this.flushing = undefined;
        if (this.queue.length > 0) this.schedule();
      });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: InsertOutcome[];
    try {
      outcomes = await this.deps.insert(batch.map((pending) => pending.input));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    // No await from here on: acknowledgements, publishes and the feed move together, so a
    // connection that subscribes meanwhile sees each message either live or in recovery.
    batch.forEach((pending, index) => {
      const outcome = outcomes[index] ?? { kind: 'not_a_member' };
      try {
        pending.acknowledge?.(outcome);
        if (outcome.kind === 'created') this.deps.publish(outcome.message);
        pending.resolve(outcome);
      } catch (error) {
        // One failing callback must not leave the rest of the batch waiting forever.
        pending.reject(error);
      }
    });
  }
}
