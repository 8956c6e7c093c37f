// The state one MeetSyncEngine shares with its handlers (resync.ts, server-message-handlers.ts,
// heartbeat.ts): the replica and session, the connection's phase and the pulls in flight on it,
// the outbox and the saver, and the helpers that turn changes into events. The engine owns it;
// the handlers are functions over it.

import type { JsonObject } from '../../protocol/openlifter/meet-state.ts';
import type { ReconnectingSocket } from '../reconnecting-socket.ts';
import { SnapshotSaver } from '../snapshot-saver.ts';
import { MeetReplica, type RejectedUpdate } from './meet-replica.ts';
import { Outbox } from './outbox.ts';
import { pullFrame } from './outgoing-frames.ts';
import { PERSISTED_MEET_FORMAT, type MeetPersistence, type PersistedMeet } from './persistence.ts';
import type { MeetSession, SyncSettings } from './sync-options.ts';
import type { WholeLogPull } from './whole-log-pull.ts';
import {
  ConflictEvent,
  MeetSyncError,
  PendingChangedEvent,
  StateChangedEvent,
  SyncErrorEvent,
  SyncStatusEvent,
  type StateChangeCause,
  type SyncStatus,
} from './sync-events.ts';

/**
 * 'pulling': connected, pulling pages until caught up with the server's head (nothing else is
 * sent). 'ready': caught up once on this connection; sending edits as they are made.
 */
export type Phase = 'down' | 'pulling' | 'ready';

/** A create or join waiting for its answer; re-sent on every new connection until answered. */
export interface AccessRequest {
  readonly frame: string;
  readonly locationName: string | undefined;
  readonly resolve: (session: MeetSession) => void;
  readonly reject: (error: Error) => void;
}

export class SyncContext {
  readonly settings: SyncSettings;
  readonly saver: SnapshotSaver<PersistedMeet>;
  readonly outbox: Outbox;
  readonly #events: EventTarget;
  socket: ReconnectingSocket | undefined;
  closed = false;

  replica = new MeetReplica();
  meetId: string | undefined;
  sessionToken: string | undefined;
  /** undefined: display-only (or no meet yet). */
  locationName: string | undefined;
  /** The server lost state: its whole log must be pulled and adopted. Persisted. */
  needsFullPull = false;
  /** The last RECOVERY_UPDATES had to leave entries out; the next pull asks for more. */
  recoveryIncomplete = false;

  /** Bumped at every open and close, so timers armed for one connection do nothing later. */
  conn = 0;
  phase: Phase = 'down';
  status: SyncStatus = 'offline';
  /**
   * CLIENT_PULLs sent on this connection whose SERVER_PULL has not come yet. The next page is
   * pulled only when none is left, so overlapping pulls (the resync's and a full pull's) never
   * start two chains of page pulls. Reset when a RATE_LIMITED pause ends: the frame it dropped
   * may have been a pull, which then never gets its answer.
   */
  pullsInFlight = 0;
  /** The server's head as the last SERVER_PULL on this connection announced it. */
  serverHead: number | undefined;
  /** The server's whole log being pulled page by page on this connection (needsFullPull). */
  wholeLog: WholeLogPull | undefined;
  access: AccessRequest | undefined;
  /** Lost conflicts, dispatched once the frame behind the rejection (the winner) is applied. */
  conflicts: RejectedUpdate[] = [];
  gapTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set while the server asked to wait (RATE_LIMITED): edits are held until it fires. */
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pendingReported = 0;

  constructor(settings: SyncSettings, persistence: MeetPersistence, events: EventTarget) {
    this.settings = settings;
    this.#events = events;
    this.saver = new SnapshotSaver({
      persistence,
      take: () => this.snapshot(),
      delayMs: settings.saveDelayMs,
      onError: (cause) => {
        this.emitError(new MeetSyncError('persistence', 'saving the meet failed', { cause }));
      },
    });
    this.outbox = new Outbox({
      saver: this.saver,
      maxBatchBytes: settings.maxBatchBytes,
      replica: () => this.replica,
      sendableToken: () => (this.canSendEdits() ? this.sessionToken : undefined),
      send: (frame) => this.send(frame),
      onSaveError: (cause) => {
        this.emitError(new MeetSyncError('persistence', 'not sending unsaved edits', { cause }));
      },
    });
  }

  get state(): JsonObject {
    return this.replica.state;
  }

  /** Sends on the current connection only; false when there is none. */
  send(frame: string): boolean {
    return this.socket?.sendNow(frame) ?? false;
  }

  /** CLIENT_PULL from `lastServerSeq`, counted in `pullsInFlight`; false if not sent. */
  sendPull(lastServerSeq: number): boolean {
    if (this.sessionToken === undefined) return false;
    if (!this.send(pullFrame(this.sessionToken, lastServerSeq))) return false;
    this.pullsInFlight++;
    return true;
  }

  /** A connection opened or closed: nothing sent on the old one will be answered. */
  newConnection(): void {
    this.conn++;
    this.phase = 'down';
    this.pullsInFlight = 0;
    this.serverHead = undefined;
    this.wholeLog = undefined;
  }

  canSendEdits(): boolean {
    return (
      !this.closed &&
      this.sessionToken !== undefined &&
      this.locationName !== undefined &&
      this.phase === 'ready' &&
      this.retryTimer === undefined &&
      this.socket?.state === 'open'
    );
  }

  /** The persisted form; undefined before there is a meet to keep. */
  snapshot(): PersistedMeet | undefined {
    if (this.meetId === undefined) return undefined;
    const { canonical, pending, nextLocalSeqNum } = this.replica.contents();
    return {
      format: PERSISTED_MEET_FORMAT,
      meetId: this.meetId,
      sessionToken: this.sessionToken ?? null,
      locationName: this.locationName ?? null,
      nextLocalSeqNum,
      canonical,
      pending,
      needsFullPull: this.needsFullPull,
    };
  }

  /** Dispatches `stateChanged` if the visible state really changed. */
  emitState(cause: StateChangeCause): void {
    if (this.replica.commit()) this.#events.dispatchEvent(new StateChangedEvent(this.state, cause));
  }

  emitPending(): void {
    const count = this.replica.pendingCount;
    if (count === this.#pendingReported) return;
    this.#pendingReported = count;
    this.#events.dispatchEvent(new PendingChangedEvent(count));
  }

  emitError(error: MeetSyncError): void {
    this.#events.dispatchEvent(new SyncErrorEvent(error));
  }

  dispatch(event: Event): void {
    this.#events.dispatchEvent(event);
  }

  setStatus(status: SyncStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.#events.dispatchEvent(new SyncStatusEvent(status));
  }

  takeConflicts(): RejectedUpdate[] {
    const conflicts = this.conflicts;
    this.conflicts = [];
    return conflicts;
  }

  /** One `conflict` each, with the key's current log entry (the winner, once relayed). */
  emitConflicts(conflicts: readonly RejectedUpdate[]): void {
    for (const update of conflicts) {
      const winner = this.replica.log.latestFor(update.updateKey);
      this.#events.dispatchEvent(new ConflictEvent(update, winner));
    }
  }
}
