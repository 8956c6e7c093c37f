// What a MeetSyncEngine tells its listeners (a Redux store, a status bar): the event classes, the
// map from event name to class for TypedEventTarget, and the engine's one error type with its
// typed code. Standard web APIs only.

import type { RelayedUpdate } from '../../protocol/openlifter/messages.ts';
import type { JsonObject } from '../../protocol/openlifter/meet-state.ts';
import type { AckedUpdate, RejectedUpdate } from './meet-replica.ts';

/**
 * 'online': synced with the server and sending edits as they are made. 'resyncing': connected,
 * pulling what was missed (and re-sending what is pending). 'offline': no connection or no
 * valid session; edits are kept and sent later.
 */
export type SyncStatus = 'online' | 'offline' | 'resyncing';

/** Why the visible state changed. 'load': a snapshot was resumed or another meet joined. */
export type StateChangeCause = 'local' | 'ack' | 'relay' | 'pull' | 'reject' | 'load';

export type MeetSyncErrorCode =
  | 'create-rejected'
  | 'join-rejected'
  | 'session-invalid'
  | 'display-only'
  | 'persistence'
  | 'malformed-message'
  | 'unknown-message-type'
  | 'bad-server-frame'
  | 'closed'
  /** Editing or publishing without a meet or session. */
  | 'no-session'
  /** Create/join/resume on an engine that has a session or a request in flight; a second publish. */
  | 'busy';

/** The engine's errors: rejected promises and `error` events carry one. */
export class MeetSyncError extends Error {
  readonly code: MeetSyncErrorCode;
  constructor(code: MeetSyncErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MeetSyncError';
    this.code = code;
  }
}

export class StateChangedEvent extends Event {
  readonly state: JsonObject;
  readonly cause: StateChangeCause;
  constructor(state: JsonObject, cause: StateChangeCause) {
    super('stateChanged');
    this.state = state;
    this.cause = cause;
  }
}

export class SyncStatusEvent extends Event {
  readonly status: SyncStatus;
  constructor(status: SyncStatus) {
    super('syncStatus');
    this.status = status;
  }
}

/**
 * A local edit lost a conflict to a location of higher (or equal, earlier) priority. Dispatched
 * once the server's answer behind the rejection (the winning entry) has been applied, so
 * `winner` and the engine's state already show the value that won.
 */
export class ConflictEvent extends Event {
  readonly updateKey: string;
  readonly localValue: unknown;
  readonly localSeqNum: number;
  /** The log's current entry for the key; undefined only if the connection dropped first. */
  readonly winner: RelayedUpdate | undefined;
  constructor(update: RejectedUpdate, winner: RelayedUpdate | undefined) {
    super('conflict');
    this.updateKey = update.updateKey;
    this.localValue = update.updateValue;
    this.localSeqNum = update.localSeqNum;
    this.winner = winner;
  }
}

/** Local edits refused for a reason other than a conflict ('meet finished', …). */
export class RejectedEvent extends Event {
  readonly updates: readonly RejectedUpdate[];
  constructor(updates: readonly RejectedUpdate[]) {
    super('rejected');
    this.updates = updates;
  }
}

/** Local edits the server made durable, with their place in the log. */
export class AcknowledgedEvent extends Event {
  readonly updates: readonly AckedUpdate[];
  constructor(updates: readonly AckedUpdate[]) {
    super('acknowledged');
    this.updates = updates;
  }
}

export class PendingChangedEvent extends Event {
  readonly pendingCount: number;
  constructor(pendingCount: number) {
    super('pendingChanged');
    this.pendingCount = pendingCount;
  }
}

export class SyncErrorEvent extends Event {
  readonly error: MeetSyncError;
  constructor(error: MeetSyncError) {
    super('error');
    this.error = error;
  }
}

/** The server no longer knows the session (expired, or never issued): join the meet again. */
export class SessionInvalidEvent extends Event {
  readonly meetId: string | undefined;
  constructor(meetId: string | undefined) {
    super('sessionInvalid');
    this.meetId = meetId;
  }
}

export class PublishedEvent extends Event {
  readonly meetId: string;
  constructor(meetId: string) {
    super('published');
    this.meetId = meetId;
  }
}

export interface MeetSyncEventMap {
  stateChanged: StateChangedEvent;
  syncStatus: SyncStatusEvent;
  conflict: ConflictEvent;
  rejected: RejectedEvent;
  acknowledged: AcknowledgedEvent;
  pendingChanged: PendingChangedEvent;
  error: SyncErrorEvent;
  sessionInvalid: SessionInvalidEvent;
  published: PublishedEvent;
}
