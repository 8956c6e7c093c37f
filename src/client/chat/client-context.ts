// The state one ChatClient shares with its frame handlers (frame-handlers.ts): the connection
// and its phase, the resume point, the outbox and when it may send, rooms and presence, typing
// on both sides, the saver, and the helpers that turn changes into events. The client owns it;
// the handlers are functions over it.

import type { WireUser } from '../../protocol/chat/messages.ts';
import type { ReconnectingSocket } from '../reconnecting-socket.ts';
import { SnapshotSaver } from '../snapshot-saver.ts';
import {
  ChatClientError,
  ChatErrorEvent,
  ChatStateChangeEvent,
  DeliveredEvent,
  TypingEvent,
  type ChatClientState,
} from './chat-events.ts';
import type { ChatSettings } from './client-options.ts';
import { Outbox } from './outbox.ts';
import { PERSISTED_CHAT_FORMAT, type ChatPersistence, type PersistedChat } from './persistence.ts';
import { RemoteTyping, type TypingChange } from './remote-typing.ts';
import { RoomDirectory } from './room-directory.ts';
import { SyncTracker } from './sync-tracker.ts';
import { TypingThrottle } from './typing-throttle.ts';

/** A client frame, before JSON encoding. */
type OutgoingFrame =
  | { type: 'Auth'; data: { session_token: string; last_seen_message_id: string | null } }
  | {
      type: 'NewMessage';
      data: { room_id: string; content: string; client_message_id: string };
    }
  | { type: 'TypingStart' | 'TypingStop'; data: { room_id: string } }
  | { type: 'MarkRead'; data: { room_id: string; message_id: string } }
  | { type: 'Sync' };

export class ChatContext {
  readonly settings: ChatSettings;
  readonly #events: EventTarget;
  readonly outbox = new Outbox();
  readonly rooms = new RoomDirectory();
  readonly tracker: SyncTracker;
  readonly typing: TypingThrottle;
  readonly remoteTyping: RemoteTyping;
  readonly saver: SnapshotSaver<PersistedChat>;
  socket: ReconnectingSocket | undefined;
  /** `close()` was called: nothing starts again. */
  closed = false;
  state: ChatClientState = 'connecting';
  /** Who the session belongs to (from the last AuthSuccess). */
  user: WireUser | undefined;
  /** The token resolved for the current connection attempt, sent in its Auth frame. */
  attemptToken: string | undefined;
  /** The current WebSocket opened (a failed attempt has nothing to report as disconnected). */
  opened = false;
  /** What the server said before closing this connection (Disconnect, AuthError). */
  disconnectReason: string | undefined;
  authError: string | undefined;
  /** Read positions set while not synced: sent once the connection is ready. */
  readonly pendingReads = new Map<string, string>();
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    settings: ChatSettings,
    persistence: ChatPersistence,
    resumeFrom: string | null,
    events: EventTarget,
  ) {
    this.settings = settings;
    this.#events = events;
    this.tracker = new SyncTracker({ resumeFrom, dedupeCapacity: settings.dedupeCapacity });
    this.typing = new TypingThrottle(
      { throttleMs: settings.typingThrottleMs, idleMs: settings.typingIdleMs },
      {
        start: (roomId) =>
          this.state === 'ready' && this.send({ type: 'TypingStart', data: { room_id: roomId } }),
        stop: (roomId) => {
          this.send({ type: 'TypingStop', data: { room_id: roomId } });
        },
      },
    );
    this.remoteTyping = new RemoteTyping(settings.remoteTypingTimeoutMs, (change) => {
      this.emitTyping(change);
    });
    // Outbox changes are marked urgent (a message the user sent should survive a reload at once);
    // a mere move of the resume point waits `saveDelayMs` (a recovery page moves it hundreds of
    // times).
    this.saver = new SnapshotSaver<PersistedChat>({
      persistence,
      delayMs: settings.saveDelayMs,
      take: () => ({
        format: PERSISTED_CHAT_FORMAT,
        lastSeenMessageId: this.tracker.resumeFrom,
        outbox: this.outbox.entries,
      }),
      onError: (cause) => {
        this.emitError(
          new ChatClientError('persistence', 'saving the chat state failed', { cause }),
        );
      },
    });
  }

  emit(event: Event): void {
    this.#events.dispatchEvent(event);
  }

  emitError(error: ChatClientError): void {
    this.emit(new ChatErrorEvent(error));
  }

  emitTyping(change: TypingChange): void {
    this.emit(new TypingEvent(change.roomId, change.userId, change.typing));
  }

  setState(state: ChatClientState): void {
    if (state === this.state) return;
    this.state = state;
    this.emit(new ChatStateChangeEvent(state));
  }

  /** Writes a frame on the current connection now. false: not open (nothing is queued). */
  send(frame: OutgoingFrame): boolean {
    return this.socket?.sendNow(JSON.stringify(frame)) ?? false;
  }

  /**
   * Writes what the outbox may send now, in order, within `maxInFlight`, and arms a timer for
   * the first entry that must wait. Only once synced: the answers to messages sent earlier would
   * be queued behind the recovery anyway, and an entry the recovery confirms needs no re-send.
   */
  pump(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (this.state !== 'ready' || this.closed) return;
    const now = performance.now();
    const room = this.settings.maxInFlight - this.outbox.inFlight;
    for (const entry of room > 0 ? this.outbox.sendable(now, room) : []) {
      const data = {
        room_id: entry.roomId,
        content: entry.content,
        client_message_id: entry.clientMessageId,
      };
      if (!this.send({ type: 'NewMessage', data })) break;
      this.outbox.markSending(entry.clientMessageId);
    }
    const next = this.outbox.nextRetryAt(now);
    if (next !== undefined) {
      this.#retryTimer = setTimeout(() => {
        this.pump();
      }, next - now);
    }
  }

  /** The server stored an outbox entry (MessageDelivered, or its own NewMessage came first). */
  confirm(clientMessageId: string, messageId: string): void {
    const entry = this.outbox.remove(clientMessageId);
    if (entry === undefined) return; // a repeat's answer, already confirmed
    this.saver.markChanged(true);
    this.emit(new DeliveredEvent(entry, messageId));
    this.pump();
  }

  /** Sends the read positions set while not synced. */
  flushReads(): void {
    for (const [roomId, messageId] of this.pendingReads) {
      if (!this.send({ type: 'MarkRead', data: { room_id: roomId, message_id: messageId } })) {
        return;
      }
      this.pendingReads.delete(roomId);
    }
  }

  /** Stops the timers this context owns (the client is closing). */
  stopTimers(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.typing.reset();
    this.remoteTyping.clear();
    this.saver.stop();
  }
}
