// The sync engine's outbox: pending edits (and a publish request) not yet sent in the current
// round, sent only once they are saved locally, one run at a time. A round starts at every
// resync, so everything unacknowledged is sent again on each connection (the server dedupes).

import type { SnapshotSaver } from '../snapshot-saver.ts';
import type { MeetReplica, PendingUpdate } from './meet-replica.ts';
import { updateBatches } from './outgoing-frames.ts';
import type { PersistedMeet } from './persistence.ts';
import { MeetSyncError } from './sync-events.ts';

export interface OutboxHost {
  readonly saver: SnapshotSaver<PersistedMeet>;
  readonly maxBatchBytes: number;
  /** The replica whose pending log the outbox sends (replaced when another meet is joined). */
  replica(): MeetReplica;
  /** The session token while edits may go out now (connected, synced, updating), else undefined. */
  sendableToken(): string | undefined;
  /** Sends on the current connection; false when it is gone. */
  send(frame: string): boolean;
  /** Saving failed, so nothing was sent; the outbox retries after a pause. */
  onSaveError(error: unknown): void;
}

interface PublishRequest {
  readonly frame: (sessionToken: string) => string;
  readonly resolve: (meetId: string) => void;
  readonly reject: (error: Error) => void;
  /** The round it was last sent in. */
  round: number;
}

/** After a failed save, pending edits wait this long before the next attempt. */
export const SAVE_RETRY_MS = 1000;

export class Outbox {
  readonly #host: OutboxHost;
  #round = 0;
  /** Local sequence numbers sent in the current round. */
  readonly #sent = new Set<number>();
  #publish: PublishRequest | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: OutboxHost) {
    this.#host = host;
  }

  get publishing(): boolean {
    return this.#publish !== undefined;
  }

  /** Everything pending counts as unsent again (a new connection, a new session, a retry). */
  newRound(): void {
    this.#round++;
    this.#sent.clear();
  }

  /** An edit was acknowledged or rejected: it will not be sent again. */
  settled(localSeqNum: number): void {
    this.#sent.delete(localSeqNum);
  }

  /** Queues PUBLISH_MEET behind every pending edit. */
  publish(frame: (sessionToken: string) => string): Promise<string> {
    if (this.#publish !== undefined) {
      return Promise.reject(new MeetSyncError('busy', 'a publish is already in progress'));
    }
    return new Promise((resolve, reject) => {
      this.#publish = { frame, resolve, reject, round: -1 };
      void this.pump();
    });
  }

  publishAcknowledged(meetId: string): void {
    this.#publish?.resolve(meetId);
    this.#publish = undefined;
  }

  publishFailed(error: Error): void {
    this.#publish?.reject(error);
    this.#publish = undefined;
  }

  /** Sends what the current round has not sent yet. Resolves when no run is left to do. */
  pump(): Promise<void> {
    if (this.#running !== undefined) {
      this.#again = true;
      return this.#running;
    }
    this.#again = false;
    const run = (async () => {
      do await this.#sendUnsent();
      while (this.#takeAgain());
    })().finally(() => {
      this.#running = undefined;
    });
    this.#running = run;
    return run;
  }

  stop(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  /** Whether another run was asked for since the last one started; resets the request. */
  #takeAgain(): boolean {
    const again = this.#again;
    this.#again = false;
    return again;
  }

  async #sendUnsent(): Promise<void> {
    const host = this.#host;
    if (host.sendableToken() === undefined) return;
    const round = this.#round;
    const unsent = (update: PendingUpdate): boolean => !this.#sent.has(update.localSeqNum);
    const batch = host.replica().pending.filter(unsent);
    if (batch.length === 0 && (this.#publish === undefined || this.#publish.round === round)) {
      return;
    }
    try {
      // Durable before the server can ack it: after a reload the edit must still be known (as
      // pending: re-sent, deduplicated), and its local number must never be given out again.
      await host.saver.saveNow();
    } catch (error) {
      host.onSaveError(error);
      this.#retryTimer ??= setTimeout(() => {
        this.#retryTimer = undefined;
        void this.pump();
      }, SAVE_RETRY_MS);
      return;
    }
    const token = host.sendableToken();
    if (round !== this.#round || token === undefined) {
      // A new round may have started while saving: run again to serve it (or stop if offline).
      this.#again = token !== undefined;
      return;
    }
    const replica = host.replica();
    const still = batch.filter((update) => replica.hasPending(update.localSeqNum));
    for (const { frame, updates } of updateBatches(token, still, host.maxBatchBytes)) {
      // false: the connection just died; its close starts a new round that sends everything.
      if (!host.send(frame)) return;
      for (const update of updates) this.#sent.add(update.localSeqNum);
    }
    const publish = this.#publish;
    if (publish === undefined || publish.round === round) return;
    // Edits made while saving go first, so the meet is published with them.
    if (replica.pending.some(unsent)) {
      this.#again = true;
      return;
    }
    if (host.send(publish.frame(token))) publish.round = round;
  }
}
