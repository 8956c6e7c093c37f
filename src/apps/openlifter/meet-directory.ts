// Every meet the server knows, current and finished: loaded in full from the store at start,
// created with a fresh 9-digit id that no current or finished meet has used. On a store several
// nodes share, meets are loaded when first asked for instead (another node may have created
// them), and a meet whose copy here went wrong is evicted and loaded afresh.

import { randomInt } from 'node:crypto';
import type { Logger } from '../../core/observability/logger.ts';
import { LiveMeet } from './live-meet.ts';
import { generateMeetId } from './meet-id.ts';
import { MeetSequencer } from './meet-sequencer.ts';
import type { SessionRegistry } from './session-registry.ts';
import {
  isSharedMeetStore,
  MeetStoreError,
  MeetStoreErrorCode,
  type LoadedMeet,
  type MeetAuth,
  type MeetStore,
} from './store.ts';

export interface MeetDirectoryOptions {
  /** Called with each meet as it enters the directory (loaded or created). */
  readonly onAdded?: (meet: LiveMeet) => void;
}

/** Ids tried when another node took the one picked (a shared store only knows at insert). */
const CREATE_ATTEMPTS = 5;

export class MeetDirectory {
  private readonly meets = new Map<string, LiveMeet>();
  private readonly loading = new Map<string, Promise<LiveMeet | undefined>>();
  private readonly store: MeetStore;
  private readonly onAdded: ((meet: LiveMeet) => void) | undefined;

  constructor(store: MeetStore, options: MeetDirectoryOptions = {}) {
    this.store = store;
    this.onAdded = options.onAdded;
  }

  /** Full reload of every meet's log (the restart path); a shared store loads lazily instead. */
  async load(sessions: SessionRegistry, logger: Logger): Promise<void> {
    if (isSharedMeetStore(this.store)) {
      logger.info('openlifter meets are loaded from the shared store when first used');
      return;
    }
    for (const loaded of await this.store.loadAll()) {
      this.add(toLiveMeet(loaded));
      sessions.load(loaded.meetId, loaded.sessions);
    }
    logger.info({ meets: this.meets.size }, 'openlifter meets loaded');
  }

  get(meetId: string): LiveMeet | undefined {
    return this.meets.get(meetId);
  }

  /** The meet, loaded from a shared store if this node does not hold it yet. */
  async find(meetId: string): Promise<LiveMeet | undefined> {
    const known = this.meets.get(meetId);
    if (known !== undefined || !isSharedMeetStore(this.store)) return known;
    const store = this.store;
    let loading = this.loading.get(meetId);
    if (loading === undefined) {
      loading = (async () => {
        try {
          const loaded = await store.loadMeet(meetId, Date.now());
          if (loaded === undefined) return undefined;
          // A create or another load may have won while this one awaited.
          const winner = this.meets.get(meetId);
          return winner ?? this.add(toLiveMeet(loaded));
        } finally {
          this.loading.delete(meetId);
        }
      })();
      this.loading.set(meetId, loading);
    }
    return loading;
  }

  /** Every meet, current and finished. */
  all(): IterableIterator<LiveMeet> {
    return this.meets.values();
  }

  get size(): number {
    return this.meets.size;
  }

  /** Forget this copy of a meet; the next `find` loads it again (shared stores). */
  evict(meet: LiveMeet): void {
    if (this.meets.get(meet.meetId) === meet) this.meets.delete(meet.meetId);
  }

  /** Create a meet with a new id; durable before it resolves. */
  async create(auth: MeetAuth): Promise<LiveMeet> {
    for (let attempt = 1; ; attempt++) {
      const meetId = generateMeetId(randomInt, (id) => this.meets.has(id));
      const meet = new LiveMeet(meetId, auth, new MeetSequencer(auth.endpoints), false);
      // Reserve the id before the await so a concurrent create cannot pick it too.
      this.meets.set(meetId, meet);
      try {
        await this.store.createMeet(meetId, auth);
      } catch (error) {
        this.meets.delete(meetId);
        const taken =
          error instanceof MeetStoreError && error.code === MeetStoreErrorCode.MeetExists;
        if (taken && attempt < CREATE_ATTEMPTS) continue;
        throw error;
      }
      this.onAdded?.(meet);
      return meet;
    }
  }

  private add(meet: LiveMeet): LiveMeet {
    this.meets.set(meet.meetId, meet);
    this.onAdded?.(meet);
    return meet;
  }
}

function toLiveMeet(loaded: LoadedMeet): LiveMeet {
  const sequencer = new MeetSequencer(loaded.auth.endpoints, loaded.updates);
  return new LiveMeet(loaded.meetId, loaded.auth, sequencer, loaded.finished);
}
