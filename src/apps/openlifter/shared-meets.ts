// Meets on a store several Hearth nodes share (PostgreSQL). Each node keeps every meet it serves
// in memory, but the store's log is the truth: a node sequences a batch only under the meet's
// cluster-wide lock, after catching up on the entries other nodes appended, and it learns of
// other nodes' entries from the bus (or, after a gap, from the store). Every entry enters a
// node's memory exactly once, in order, and is relayed to that node's connections right then,
// so its clients never see a gap or a number twice, whichever node sequenced what.

import { CloseCode } from '../../protocol/close-codes.ts';
import type { Logger } from '../../core/observability/logger.ts';
import type { PubSub } from '../../core/pubsub.ts';
import type { BusMessage } from '../../core/bus/bus.ts';
import { hashSessionToken } from '../../core/auth/session-tokens.ts';
import { relayed } from './durable-log.ts';
import { storedUpdateSchema } from './json-lines.ts';
import type { LiveMeet, MeetConnection } from './live-meet.ts';
import { pageEntries } from './log-pages.ts';
import type { MeetDirectory } from './meet-directory.ts';
import type { SessionRegistry } from './session-registry.ts';
import type { SharedMeetStore, StoredUpdate } from './store.ts';

export interface SharedMeetsOptions {
  readonly store: SharedMeetStore;
  readonly meets: MeetDirectory;
  readonly sessions: SessionRegistry;
  readonly pubsub: PubSub;
  readonly logger: Logger;
  readonly now?: () => number;
}

/** The bus topic on which nodes announce the entries they committed to a meet's log. */
export function meetLogTopic(meetId: string): string {
  return `openlifter-log:${meetId}`;
}

export class SharedMeets {
  readonly store: SharedMeetStore;
  private readonly meets: MeetDirectory;
  private readonly sessions: SessionRegistry;
  private readonly pubsub: PubSub;
  private readonly logger: Logger;
  private readonly now: () => number;
  /** Per meet, the tail of this node's queue: tasks that read or grow its log, one at a time. */
  private readonly queues = new WeakMap<LiveMeet, Promise<unknown>>();
  private readonly unfollows = new WeakMap<LiveMeet, () => void>();

  constructor(options: SharedMeetsOptions) {
    this.store = options.store;
    this.meets = options.meets;
    this.sessions = options.sessions;
    this.pubsub = options.pubsub;
    this.logger = options.logger;
    this.now = options.now ?? (() => Date.now());
  }

  /** From now on the meet takes other nodes' entries from the bus (the directory calls this). */
  follow(meet: LiveMeet): void {
    if (this.unfollows.has(meet)) return;
    const stop = this.pubsub.listen(meetLogTopic(meet.meetId), (message) => {
      this.fromBus(meet, message);
    });
    this.unfollows.set(meet, stop);
  }

  /**
   * A message carrying a session token may name a session (or a meet) another node created:
   * load them so the handlers find them. Undefined when there is nothing to load.
   */
  prepare(sessionToken: string): Promise<void> | undefined {
    const known = this.sessions.lookup(sessionToken);
    if (known !== undefined && this.meets.get(known.meetId) !== undefined) return undefined;
    return (async () => {
      let meetId = known?.meetId;
      if (meetId === undefined) {
        const found = await this.store.findSession(hashSessionToken(sessionToken), this.now());
        if (found === undefined) return;
        this.sessions.load(found.meetId, [found.session]);
        meetId = found.meetId;
      }
      await this.meets.find(meetId);
    })();
  }

  /**
   * Brings the meet up to the store's log, relaying what this node had missed to its
   * connections (but `except`, which is about to get them another way, e.g. a pull answer).
   */
  catchUp(meet: LiveMeet, except?: MeetConnection): Promise<void> {
    return this.serial(meet, () => this.catchUpNow(meet, except));
  }

  /**
   * Sequences under the meet's lock across every node: what other nodes appended is taken in
   * first (and relayed here), then `build` judges the batch against the true log and returns
   * the entries to append. Resolves with them once committed, after relaying them to this
   * node's connections but `sender` and announcing them to the other nodes. `build` runs
   * synchronously and sees `meet.finished` as the store has it.
   */
  sequence(
    meet: LiveMeet,
    sender: MeetConnection | undefined,
    build: () => readonly StoredUpdate[],
  ): Promise<readonly StoredUpdate[]> {
    return this.serial(meet, async () => {
      let appended: readonly StoredUpdate[] = [];
      // Set inside the callback, which the compiler cannot see run.
      const progress = { touched: false };
      try {
        await this.store.appendLocked(meet.meetId, meet.sequencer.head, (tail) => {
          progress.touched = true;
          if (tail.finished) meet.finished = true;
          this.take(meet, tail.updates, undefined);
          appended = build();
          return appended;
        });
      } catch (error) {
        // Memory took entries the store may not have committed: only a reload can tell.
        if (progress.touched) this.fail(meet, error);
        throw error;
      }
      if (appended.length > 0) {
        this.relayHere(meet, appended, sender);
        this.pubsub.publish(meetLogTopic(meet.meetId), JSON.stringify({ updates: appended }), {
          app: 'openlifter',
        });
      }
      return appended;
    });
  }

  /** Runs `task` after every earlier task of the meet on this node; a failed meet runs none. */
  private serial<T>(meet: LiveMeet, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(meet) ?? Promise.resolve();
    const run = previous.then(() => {
      if (meet.failed) throw new Error(`meet ${meet.meetId} failed on this node`);
      return task();
    });
    this.queues.set(
      meet,
      run.catch(() => undefined),
    );
    return run;
  }

  private async catchUpNow(meet: LiveMeet, except: MeetConnection | undefined): Promise<void> {
    try {
      const tail = await this.store.readLogAfter(meet.meetId, meet.sequencer.head);
      if (tail.finished) meet.finished = true;
      this.take(meet, tail.updates, except);
    } catch (error) {
      // The store's log does not continue this node's (it lost entries): reload the meet.
      this.fail(meet, error);
      throw error;
    }
  }

  /** Another node's committed entries: taken in order; a gap is filled from the store. */
  private fromBus(meet: LiveMeet, message: BusMessage): void {
    const updates = parseAnnouncement(message.data);
    if (updates === undefined) {
      this.logger.warn({ meet: meet.meetId }, 'ignored a malformed openlifter log announcement');
      return;
    }
    this.serial(meet, async () => {
      const head = meet.sequencer.head;
      const fresh = updates.filter((update) => update.serverSeqNum > head);
      const first = fresh[0];
      if (first === undefined) return;
      if (first.serverSeqNum === head + 1 && isContiguous(fresh)) this.take(meet, fresh, undefined);
      else await this.catchUpNow(meet, undefined);
    }).catch((error: unknown) => {
      this.logger.error({ err: error, meet: meet.meetId }, 'openlifter catch-up failed');
    });
  }

  /** Entries of the true log, continuing this node's: into memory, then to its connections. */
  private take(
    meet: LiveMeet,
    updates: readonly StoredUpdate[],
    except: MeetConnection | undefined,
  ): void {
    if (updates.length === 0) return;
    meet.sequencer.extend(updates);
    this.relayHere(meet, updates, except);
  }

  /** UPDATE_RELAY to this node's connections of the meet, in bounded pages. */
  private relayHere(
    meet: LiveMeet,
    updates: readonly StoredUpdate[],
    except: MeetConnection | undefined,
  ): void {
    for (const page of pageEntries(updates.map(relayed))) {
      this.pubsub.deliverLocal(
        meet.topic,
        JSON.stringify({ msgType: 'UPDATE_RELAY', updatesRelayed: page }),
        { except },
      );
    }
  }

  /**
   * This node's copy of the meet can no longer be trusted: stop it, close its connections (the
   * clients reconnect and resync), and drop it so the next request loads it from the store.
   */
  private fail(meet: LiveMeet, error: unknown): void {
    if (meet.failed) return;
    meet.failed = true;
    this.logger.error({ err: error, meet: meet.meetId }, 'meet dropped on this node; reloading');
    this.unfollows.get(meet)?.();
    this.unfollows.delete(meet);
    this.meets.evict(meet);
    for (const connection of meet.connections) {
      connection.close(CloseCode.InternalError, 'meet storage failed');
    }
  }
}

/** `{updates: [...]}` as `sequence` publishes it, or undefined if it is not that. */
function parseAnnouncement(data: string | Uint8Array): StoredUpdate[] | undefined {
  try {
    const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || !('updates' in parsed)) return undefined;
    const { updates } = parsed;
    if (!Array.isArray(updates)) return undefined;
    const checked: StoredUpdate[] = [];
    for (const update of updates) {
      const result = storedUpdateSchema.safeParse(update);
      if (!result.success) return undefined;
      checked.push(result.data);
    }
    return checked;
  } catch {
    return undefined;
  }
}

function isContiguous(updates: readonly StoredUpdate[]): boolean {
  return updates.every(
    (update, index) =>
      index === 0 || update.serverSeqNum === (updates[index - 1]?.serverSeqNum ?? 0) + 1,
  );
}
