// The OpenLifter client sync engine (specs/openlifter.md): the public face of one meet replica
// kept in sync over a ReconnectingSocket and persisted so a reloaded page resumes. Create, join
// or resume; edit; publish; listen to its events. Runs in browsers and Node.

import type { CreateMeetMessage, JoinMeetMessage } from '../../protocol/openlifter/messages.ts';
import type { JsonObject } from '../../protocol/openlifter/meet-state.ts';
import { ReconnectingSocket } from '../reconnecting-socket.ts';
import { TypedEventTarget } from '../typed-event-target.ts';
import { engineHeartbeat } from './heartbeat.ts';
import { MeetReplica, type PendingUpdate } from './meet-replica.ts';
import type { MeetPersistence, PersistedMeet } from './persistence.ts';
import { connectionLost, connectionOpened, startResync } from './resync.ts';
import { handleServerFrame } from './server-message-handlers.ts';
import { SyncContext } from './sync-context.ts';
import { MeetSyncError, type MeetSyncEventMap, type SyncStatus } from './sync-events.ts';
import {
  resolveSyncOptions,
  type CreateMeetParams,
  type JoinMeetParams,
  type MeetSession,
  type MeetSyncEngineOptions,
} from './sync-options.ts';
import type { ReconnectingSocketOptions } from '../reconnecting-socket.ts';

/**
 * One meet, one location (or display-only), one session. Edits apply locally at once and are
 * sent when online; offline they wait, persisted. On every (re)connection the engine pulls
 * first, page by page until it has the server's head, then re-sends every pending edit with its
 * original numbers (the server deduplicates), then reports 'online'. Conflicts lost to a higher
 * priority overwrite the local value. A connection that goes silent is replaced (heartbeat).
 */
export class MeetSyncEngine extends TypedEventTarget<MeetSyncEventMap> {
  readonly #ctx: SyncContext;
  readonly #socketOptions: ReconnectingSocketOptions;
  readonly #persistence: MeetPersistence;
  #batchTimer: ReturnType<typeof setTimeout> | undefined;

  /** @throws RangeError for impossible options (see MeetSyncEngineOptions). */
  constructor(options: MeetSyncEngineOptions) {
    super();
    const resolved = resolveSyncOptions(options);
    this.#socketOptions = resolved.socket;
    this.#persistence = resolved.persistence;
    this.#ctx = new SyncContext(resolved.settings, resolved.persistence, this);
  }

  /** What the user sees: the canonical log in server order, then pending edits on top. */
  get state(): JsonObject {
    return this.#ctx.state;
  }

  /** The highest server number up to which the log is held without gaps. */
  get lastServerSeq(): number {
    return this.#ctx.replica.log.head;
  }

  get pendingCount(): number {
    return this.#ctx.replica.pendingCount;
  }

  /** Edits not yet acknowledged, oldest first. */
  get pending(): readonly PendingUpdate[] {
    return this.#ctx.replica.pending;
  }

  get syncStatus(): SyncStatus {
    return this.#ctx.status;
  }

  get meetId(): string | undefined {
    return this.#ctx.meetId;
  }

  /** This engine's location; undefined when display-only or without a meet. */
  get locationName(): string | undefined {
    return this.#ctx.locationName;
  }

  get displayOnly(): boolean {
    return this.#ctx.meetId !== undefined && this.#ctx.locationName === undefined;
  }

  get sessionToken(): string | undefined {
    return this.#ctx.sessionToken;
  }

  /**
   * Creates a meet with this engine at `thisLocationName`. Resolves on MEET_CREATED; rejects
   * with code 'create-rejected' and the server's reason. A request whose answer is lost with
   * its connection is sent again on the next one (at worst, an unused meet is left behind).
   */
  createMeet(params: CreateMeetParams): Promise<MeetSession> {
    const message: CreateMeetMessage = {
      msgType: 'CREATE_MEET',
      thisLocationName: params.thisLocationName,
      password: params.password,
      endpoints: params.endpoints.map(({ locationName, priority }) => ({ locationName, priority })),
    };
    return this.#requestAccess(JSON.stringify(message), params.thisLocationName);
  }

  /**
   * Joins a meet; resolves on MEET_JOINED, rejects with code 'join-rejected'. Re-joining the
   * meet held here (after `sessionInvalid`) keeps its log and pending edits; they are sent
   * under the new session (an edit acked just before the old session ended may repeat).
   */
  joinMeet(params: JoinMeetParams): Promise<MeetSession> {
    const message: JoinMeetMessage = {
      msgType: 'JOIN_MEET',
      meetId: params.meetId,
      password: params.password,
      ...(params.locationName === undefined ? {} : { locationName: params.locationName }),
    };
    return this.#requestAccess(JSON.stringify(message), params.locationName);
  }

  /**
   * Loads the persisted meet and reconnects with its session. true: resumed. false: nothing was
   * persisted, or the persisted session had been declared invalid (its log and pending edits are
   * loaded: `joinMeet` the same meet to continue).
   */
  async resume(): Promise<boolean> {
    this.#assertIdle();
    let snapshot: PersistedMeet | undefined;
    try {
      snapshot = await this.#persistence.load();
    } catch (cause) {
      throw new MeetSyncError('persistence', 'loading the persisted meet failed', { cause });
    }
    this.#assertIdle();
    if (snapshot === undefined) return false;
    const ctx = this.#ctx;
    ctx.replica = new MeetReplica(snapshot);
    ctx.meetId = snapshot.meetId;
    ctx.sessionToken = snapshot.sessionToken ?? undefined;
    ctx.locationName = snapshot.locationName ?? undefined;
    ctx.needsFullPull = snapshot.needsFullPull;
    ctx.emitState('load');
    ctx.emitPending();
    if (ctx.sessionToken === undefined) return false;
    this.#connect();
    if (ctx.socket?.state === 'open') startResync(ctx);
    return true;
  }

  /**
   * Sets `updateKey` to a JSON copy of `updateValue`: applied locally at once, saved, sent.
   * Returns the edit's local sequence number.
   * @throws RangeError for a malformed key; TypeError for a value JSON cannot carry;
   *   MeetSyncError 'display-only' for a display-only session, 'no-session' without a meet.
   */
  edit(updateKey: string, updateValue: unknown): number {
    const ctx = this.#ctx;
    this.#assertNotClosed();
    if (ctx.meetId === undefined) {
      throw new MeetSyncError('no-session', 'no meet yet: create, join or resume one');
    }
    if (ctx.locationName === undefined) {
      throw new MeetSyncError('display-only', 'a display-only session cannot edit the meet');
    }
    const update = ctx.replica.addLocal(updateKey, updateValue);
    ctx.saver.markChanged();
    ctx.emitState('local');
    ctx.emitPending();
    this.#batchTimer ??= setTimeout(() => {
      this.#batchTimer = undefined;
      void ctx.outbox.pump();
    }, ctx.settings.batchDelayMs);
    return update.localSeqNum;
  }

  /**
   * Publishes the meet's OpenPowerlifting CSV once every pending edit has been sent. Resolves
   * with the meet id on PUBLISH_ACK; later edits are rejected ('meet finished').
   */
  publish(returnEmail: string, oplCsv: string): Promise<string> {
    const ctx = this.#ctx;
    this.#assertNotClosed();
    if (ctx.sessionToken === undefined) {
      return Promise.reject(new MeetSyncError('no-session', 'no session: join the meet first'));
    }
    if (ctx.locationName === undefined) {
      return Promise.reject(
        new MeetSyncError('display-only', 'a display-only session cannot publish'),
      );
    }
    return ctx.outbox.publish((sessionToken) =>
      JSON.stringify({ msgType: 'PUBLISH_MEET', sessionToken, returnEmail, oplCsv }),
    );
  }

  /** Retries the connection now instead of waiting out the backoff. */
  reconnect(): void {
    this.#assertNotClosed();
    this.#ctx.socket?.reconnect();
  }

  /** Disconnects for good, rejects what is in flight, and saves a last snapshot. */
  async close(): Promise<void> {
    const ctx = this.#ctx;
    if (ctx.closed) return;
    ctx.closed = true;
    for (const timer of [this.#batchTimer, ctx.gapTimer, ctx.retryTimer]) clearTimeout(timer);
    ctx.outbox.stop();
    ctx.socket?.close();
    const error = new MeetSyncError('closed', 'the sync engine was closed');
    ctx.access?.reject(error);
    ctx.access = undefined;
    ctx.outbox.publishFailed(error);
    ctx.phase = 'down';
    ctx.setStatus('offline');
    ctx.saver.stop();
    try {
      await ctx.saver.saveNow();
    } catch (cause) {
      ctx.emitError(new MeetSyncError('persistence', 'the last save failed', { cause }));
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #requestAccess(frame: string, locationName: string | undefined): Promise<MeetSession> {
    return new Promise((resolve, reject) => {
      this.#assertIdle(); // a throw here rejects the promise
      this.#ctx.access = { frame, locationName, resolve, reject };
      this.#connect();
      this.#ctx.send(frame); // if already open; otherwise the open sends it
    });
  }

  /** The socket is created on first use and then lives as long as the engine. */
  #connect(): void {
    const ctx = this.#ctx;
    if (ctx.socket !== undefined) {
      if (ctx.socket.state === 'closed') ctx.socket.reconnect();
      return;
    }
    const heartbeat = engineHeartbeat(ctx);
    const socket = new ReconnectingSocket({
      ...this.#socketOptions,
      ...(heartbeat === undefined ? {} : { heartbeat }),
    });
    socket.addEventListener('open', () => {
      connectionOpened(ctx);
    });
    socket.addEventListener('message', (event) => {
      handleServerFrame(ctx, event.data);
    });
    socket.addEventListener('close', () => {
      connectionLost(ctx);
    });
    ctx.socket = socket;
  }

  #assertNotClosed(): void {
    if (this.#ctx.closed) throw new MeetSyncError('closed', 'the sync engine was closed');
  }

  /** create/join/resume need an engine without a session and without a request in flight. */
  #assertIdle(): void {
    this.#assertNotClosed();
    if (this.#ctx.sessionToken !== undefined) {
      throw new MeetSyncError('busy', 'this engine has a session: use a new engine for another');
    }
    if (this.#ctx.access !== undefined) {
      throw new MeetSyncError('busy', 'a create or join is already in progress');
    }
  }
}
