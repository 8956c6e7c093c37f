// One meet while the server runs: its auth data, its sequencer (log + materialized order), the
// connections bound to it, the promise that says when everything appended so far is on disk,
// and a recovery in progress with the requests parked behind it.

import type { Connection } from '../../core/connection.ts';
import type { MeetSequencer } from './meet-sequencer.ts';
import type { MeetAuth, StoredSession } from './store.ts';

/** What the app keeps per connection: the session it used for each meet it is bound to. */
export interface OpenLifterConnectionState {
  readonly sessions: Map<string, StoredSession>;
}

export type MeetConnection = Connection<OpenLifterConnectionState>;

/** Requests of a recovering meet wait here, bounded, and run in order once it is rebuilt. */
export const MAX_PARKED_REQUESTS = 1000;

export interface RecoveryInProgress {
  /** The connection asked last and how to hand it its RECOVERY_UPDATES. */
  asked: MeetConnection | undefined;
  answer: ((updates: unknown) => void) | undefined;
  readonly parked: (() => Promise<void>)[];
}

export class LiveMeet {
  readonly meetId: string;
  readonly auth: MeetAuth;
  readonly sequencer: MeetSequencer;
  readonly topic: string;
  readonly connections = new Set<MeetConnection>();
  finished: boolean;
  /** Set when a write failed: what is on disk is unknown, so the meet stops taking updates. */
  failed = false;
  recovery: RecoveryInProgress | undefined;
  /** Resolves once every update appended so far is durable. */
  private durable: Promise<void> = Promise.resolve();

  constructor(meetId: string, auth: MeetAuth, sequencer: MeetSequencer, finished: boolean) {
    this.meetId = meetId;
    this.auth = auth;
    this.sequencer = sequencer;
    this.finished = finished;
    this.topic = `openlifter:${meetId}`;
  }

  /** Track a write; later acks and pulls wait for it (and for every earlier one). */
  trackWrite(write: Promise<void>): Promise<void> {
    const previous = this.durable;
    this.durable = Promise.all([previous, write]).then(() => undefined);
    // A failed write is handled by whoever awaits it; the chain itself must not reject twice.
    this.durable.catch(() => undefined);
    return write;
  }

  /** Resolves when everything appended before this call is durable. */
  whenDurable(): Promise<void> {
    return this.durable;
  }

  /** The session a connection uses for this meet, if it is an updating (located) one. */
  updatingSessionOf(connection: MeetConnection): StoredSession | undefined {
    const session = connection.state.sessions.get(this.meetId);
    return session?.locationName === undefined ? undefined : session;
  }
}
