// The chat client SDK (specs/chat.md): one user's session with the chat server over the shared
// ReconnectingSocket. It authenticates with the first frame, recovers what it missed from the
// last message it has seen (page by page), sends through an outbox that survives reconnects
// without losing or doubling a message, throttles typing, and tells UI code what changed
// through typed events. Runs in browsers and Node 24 (standard web APIs only).

import type { WireRoom, WireUser } from '../../protocol/chat/messages.ts';
import { checkContent } from '../../protocol/chat/content.ts';
import { ReconnectingSocket, type HeartbeatOptions } from '../reconnecting-socket.ts';
import { TypedEventTarget } from '../typed-event-target.ts';
import {
  ChatClientError,
  PendingEvent,
  type ChatClientEventMap,
  type ChatClientState,
} from './chat-events.ts';
import { ChatContext } from './client-context.ts';
import {
  resolveChatOptions,
  resolveSessionToken,
  type ChatClientOptions,
} from './client-options.ts';
import { connectionLost, connectionOpened, handleServerFrame } from './frame-handlers.ts';
import { laterMessageId, normalizeMessageId } from './message-ids.ts';
import type { OutboxEntry } from './outbox.ts';
import type { ChatPersistence, PersistedChat } from './persistence.ts';
import { isPongFrame } from './server-frames.ts';

const PING_FRAME = JSON.stringify({ type: 'Ping' });

/**
 * A user's chat session. It connects at once (after loading its persisted state) and then
 * reconnects by itself, with backoff and jitter, until `close()` or until the server refuses the
 * session (`unauthorized`). After every (re)connection it receives the messages it missed, in
 * id order and each once, and only then re-sends every unconfirmed message with its original
 * `client_message_id` (the server stores each once and confirms repeats).
 *
 * Listen for `message`, `pending` / `delivered` / `failed` (this client's own sends), `typing`,
 * `presence`, `rooms`, and `statechange` / `connected` / `synced` / `disconnected` /
 * `unauthorized` / `error`.
 */
export class ChatClient extends TypedEventTarget<ChatClientEventMap> {
  readonly #ctx: ChatContext;
  readonly #options: ChatClientOptions;
  readonly #persistence: ChatPersistence;
  readonly #started: Promise<void>;

  /** @throws RangeError or TypeError for impossible options (see ChatClientOptions). */
  constructor(options: ChatClientOptions) {
    super();
    const resolved = resolveChatOptions(options);
    this.#options = options;
    this.#persistence = resolved.persistence;
    this.#ctx = new ChatContext(
      resolved.settings,
      resolved.persistence,
      resolved.lastSeenMessageId,
      this,
    );
    this.#started = this.#start();
  }

  get state(): ChatClientState {
    return this.#ctx.state;
  }

  /** The signed-in user, from the last AuthSuccess; undefined before the first. */
  get user(): WireUser | undefined {
    return this.#ctx.user;
  }

  /** The rooms this connection follows, most recently active first as of AuthSuccess. */
  get rooms(): readonly WireRoom[] {
    return this.#ctx.rooms.rooms;
  }

  room(roomId: string): WireRoom | undefined {
    return this.#ctx.rooms.room(roomId);
  }

  /** Sorted ids of the users online in a room (this user included once connected). */
  onlineUsers(roomId: string): readonly string[] {
    return this.#ctx.rooms.onlineUsers(roomId);
  }

  /** Other users typing in a room now. */
  typingUsers(roomId: string): readonly string[] {
    return this.#ctx.remoteTyping.users(roomId);
  }

  /** Messages sent and not yet confirmed, in send order (to show them as pending). */
  get outbox(): readonly OutboxEntry[] {
    return this.#ctx.outbox.entries;
  }

  /** Where the next connection resumes: every message up to it has been dispatched. */
  get lastSeenMessageId(): string | null {
    return this.#ctx.tracker.resumeFrom;
  }

  /** Resolves once the persisted state is loaded and the first connection attempt started. */
  get started(): Promise<void> {
    return this.#started;
  }

  /**
   * Sends a message: queued in the outbox (a `pending` event, for showing it at once), written
   * when the connection is synced, re-sent with the same id after reconnects until the server
   * confirms (`delivered`) or refuses it for good (`failed`). Returns its client_message_id.
   * @throws ChatClientError 'invalid-content' (empty, too long), 'outbox-full', 'closed'.
   */
  send(roomId: string, content: string): string {
    const ctx = this.#ctx;
    this.#assertNotClosed();
    const checked = checkContent(content);
    if (!checked.ok) {
      const text = checked.error === 'empty' ? 'the message is empty' : 'the message is too long';
      throw new ChatClientError('invalid-content', text, { reason: checked.error });
    }
    if (ctx.outbox.size >= ctx.settings.maxOutbox) {
      throw new ChatClientError('outbox-full', `${ctx.outbox.size} messages are unconfirmed`);
    }
    const entry: OutboxEntry = {
      clientMessageId: globalThis.crypto.randomUUID(),
      roomId,
      content: checked.content,
      createdAt: new Date().toISOString(),
    };
    ctx.outbox.add(entry);
    ctx.saver.markChanged(true);
    // The server ends the indicator when it stores the message; the next keystroke starts anew.
    ctx.typing.ended(roomId);
    this.dispatchEvent(new PendingEvent(entry));
    ctx.pump();
    return entry.clientMessageId;
  }

  /**
   * The user is typing in `roomId`: call it on every keystroke. At most one TypingStart per
   * room per `typingThrottleMs` goes out, and TypingStop after `typingIdleMs` without a call.
   * Not synced: nothing is sent (typing is volatile, never queued).
   */
  typing(roomId: string): void {
    this.#assertNotClosed();
    this.#ctx.typing.typing(roomId);
  }

  /** The user stopped typing (cleared the input): TypingStop now, if a start is in effect. */
  stopTyping(roomId: string): void {
    this.#assertNotClosed();
    this.#ctx.typing.stop(roomId);
  }

  /**
   * Marks `roomId` read up to `messageId` (for unread counts). Offline, the latest position per
   * room is kept and sent once synced.
   * @throws ChatClientError 'invalid-message-id', 'closed'.
   */
  markRead(roomId: string, messageId: string): void {
    const ctx = this.#ctx;
    this.#assertNotClosed();
    const id = normalizeMessageId(messageId);
    if (id === undefined) {
      throw new ChatClientError('invalid-message-id', `not a message id: ${messageId}`);
    }
    ctx.rooms.noteRead(roomId, id);
    ctx.pendingReads.set(roomId, laterMessageId(ctx.pendingReads.get(roomId) ?? null, id) ?? id);
    if (ctx.state === 'ready') ctx.flushReads();
  }

  /** Retries now instead of waiting out the backoff; also restarts after `unauthorized`. */
  reconnect(): void {
    this.#assertNotClosed();
    this.#ctx.socket?.reconnect();
  }

  /** Disconnects for good and saves the outbox and resume point a last time. */
  async close(): Promise<void> {
    const ctx = this.#ctx;
    if (ctx.closed) return;
    ctx.closed = true;
    ctx.socket?.close(1000, 'client closed');
    ctx.stopTimers();
    ctx.setState('closed');
    try {
      await this.#started;
      await ctx.saver.saveNow();
    } catch (cause) {
      ctx.emitError(new ChatClientError('persistence', 'the last save failed', { cause }));
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** Loads the persisted state, then connects: the first Auth must carry the resume point. */
  async #start(): Promise<void> {
    const ctx = this.#ctx;
    let snapshot: PersistedChat | undefined;
    try {
      snapshot = await this.#persistence.load();
    } catch (cause) {
      ctx.emitError(new ChatClientError('persistence', 'loading the chat state failed', { cause }));
    }
    if (ctx.closed) return;
    if (snapshot !== undefined) {
      ctx.tracker.resumeAtLeast(snapshot.lastSeenMessageId);
      for (const entry of ctx.outbox.restore(snapshot.outbox)) {
        this.dispatchEvent(new PendingEvent(entry));
      }
    }
    if (this.#closedByListener()) return;
    ctx.socket = this.#connect();
  }

  #connect(): ReconnectingSocket {
    const ctx = this.#ctx;
    const options = this.#options;
    const { heartbeatIntervalMs: intervalMs, heartbeatTimeoutMs: timeoutMs } = ctx.settings;
    const heartbeat: HeartbeatOptions | undefined =
      intervalMs > 0 && timeoutMs > 0
        ? { intervalMs, timeoutMs, ping: () => PING_FRAME, isPong: isPongFrame }
        : undefined;
    const socket = new ReconnectingSocket({
      ...options.socket,
      ...(options.WebSocket === undefined ? {} : { WebSocket: options.WebSocket }),
      ...(heartbeat === undefined ? {} : { heartbeat }),
      url: async () => {
        ctx.attemptToken = await resolveSessionToken(options.sessionToken);
        return typeof options.url === 'string' ? options.url : await options.url();
      },
      // Auth must be the first frame, and every later frame is written with sendNow by the
      // context once synced (the outbox is the queue): nothing may be flushed at open.
      autoFlush: false,
    });
    socket.addEventListener('open', () => {
      connectionOpened(ctx);
    });
    socket.addEventListener('message', (event) => {
      handleServerFrame(ctx, event.data);
    });
    socket.addEventListener('close', (event) => {
      connectionLost(ctx, event);
    });
    socket.addEventListener('statechange', (event) => {
      if (ctx.closed) return;
      // 'open' is not a client state: the client is 'connecting' until AuthSuccess.
      if (event.state !== 'open') ctx.setState(event.state);
    });
    socket.addEventListener('error', (event) => {
      const message = `connection failed (${event.kind})`;
      ctx.emitError(new ChatClientError('transport', message, { cause: event.error }));
    });
    return socket;
  }

  /** A `pending` listener may have called `close()` (a method call: no stale narrowing). */
  #closedByListener(): boolean {
    return this.#ctx.closed;
  }

  #assertNotClosed(): void {
    if (this.#ctx.closed) throw new ChatClientError('closed', 'the chat client was closed');
  }
}
