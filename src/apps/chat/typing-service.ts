// Typing indicators on the wire: TypingStart/TypingStop to a room's other connections as
// volatile frames keyed per (room, user), so a slow client only ever gets the newest state;
// one timer, armed for the earliest expiry, sends TypingStop when an indicator runs out.

import type { PubSub } from '../../core/pubsub.ts';
import { roomTopic, type ChatConnection, type LiveConnections } from './live-connections.ts';
import { TypingTracker, type TypingEntry } from './typing-tracker.ts';
import { encode } from './wire.ts';

export class TypingService {
  private readonly tracker: TypingTracker;
  private readonly pubsub: PubSub;
  private readonly live: LiveConnections;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private timerDue = 0;

  constructor(expiryMs: number, pubsub: PubSub, live: LiveConnections, now: () => number) {
    this.tracker = new TypingTracker(expiryMs);
    this.pubsub = pubsub;
    this.live = live;
    this.now = now;
  }

  start(connection: ChatConnection, roomId: string): void {
    const userId = connection.state.user?.id;
    if (userId === undefined) return;
    this.tracker.start(roomId, userId, connection.id, this.now());
    this.broadcast('TypingStart', roomId, userId, connection.id);
    this.arm();
  }

  /** Ends the user's indicator in the room, if it is on (TypingStop, a sent message). */
  stop(roomId: string, userId: string, connectionId?: string): void {
    if (this.tracker.stop(roomId, userId)) {
      this.broadcast('TypingStop', roomId, userId, connectionId);
    }
  }

  connectionClosed(connection: ChatConnection): void {
    for (const entry of this.tracker.stopConnection(connection.id)) this.stopped(entry);
  }

  /** Cancels the expiry timer (the node is stopping). */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private stopped(entry: TypingEntry): void {
    this.broadcast('TypingStop', entry.roomId, entry.userId, entry.connectionId);
  }

  private broadcast(
    type: 'TypingStart' | 'TypingStop',
    roomId: string,
    userId: string,
    fromConnectionId: string | undefined,
  ): void {
    const except =
      fromConnectionId === undefined ? undefined : this.live.byConnectionId(fromConnectionId);
    this.pubsub.publish(
      roomTopic(roomId),
      encode({ type, data: { user_id: userId, room_id: roomId } }),
      // Start and stop share the key: a client that is not draining gets only the last word.
      { volatile: true, key: `typing:${roomId}:${userId}`, except, app: 'chat' },
    );
  }

  private arm(): void {
    const due = this.tracker.nextExpiry();
    if (due === undefined) return;
    if (this.timer !== undefined && this.timerDue <= due) return;
    clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        for (const entry of this.tracker.expire(this.now())) this.stopped(entry);
        this.arm();
      },
      Math.max(0, due - this.now()),
    );
    this.timer.unref();
  }
}
