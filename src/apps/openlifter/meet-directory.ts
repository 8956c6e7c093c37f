// Every meet the server knows, current and finished: loaded in full from the store at start,
// created with a fresh 9-digit id that no current or finished meet has used.

import { randomInt } from 'node:crypto';
import type { Logger } from '../../core/observability/logger.ts';
import { LiveMeet } from './live-meet.ts';
import { generateMeetId } from './meet-id.ts';
import { MeetSequencer } from './meet-sequencer.ts';
import type { SessionRegistry } from './session-registry.ts';
import type { MeetAuth, MeetStore } from './store.ts';

export class MeetDirectory {
  private readonly meets = new Map<string, LiveMeet>();
  private readonly store: MeetStore;

  constructor(store: MeetStore) {
    this.store = store;
  }

  /** Full reload of every meet's log (the restart path). */
  async load(sessions: SessionRegistry, logger: Logger): Promise<void> {
    for (const loaded of await this.store.loadAll()) {
      const sequencer = new MeetSequencer(loaded.auth.endpoints, loaded.updates);
      this.meets.set(
        loaded.meetId,
        new LiveMeet(loaded.meetId, loaded.auth, sequencer, loaded.finished),
      );
      sessions.load(loaded.meetId, loaded.sessions);
    }
    logger.info({ meets: this.meets.size }, 'openlifter meets loaded');
  }

  get(meetId: string): LiveMeet | undefined {
    return this.meets.get(meetId);
  }

  get size(): number {
    return this.meets.size;
  }

  /** Create a meet with a new id; durable before it resolves. */
  async create(auth: MeetAuth): Promise<LiveMeet> {
    const meetId = generateMeetId(randomInt, (id) => this.meets.has(id));
    const meet = new LiveMeet(meetId, auth, new MeetSequencer(auth.endpoints), false);
    // Reserve the id before the await so a concurrent create cannot pick it too.
    this.meets.set(meetId, meet);
    try {
      await this.store.createMeet(meetId, auth);
    } catch (error) {
      this.meets.delete(meetId);
      throw error;
    }
    return meet;
  }
}
