// Room membership changes made on other nodes, applied to this node's connections. The node
// that changes a room (HTTP API) applies it to its own connections at once and announces the
// room on `chat:membership`; every other node then reads the room's members from the store
// and applies them (RoomJoined and a subscription for a new member's connections, RoomLeft and
// an unsubscription for a removed member's). That is prompt, but a bus message can lose the
// race against a message committed after the change on a third node. So the order is also
// kept by the store: every membership change moves the room's `updatedAt` strictly forward,
// each new message carries the stamp its insert saw, and a message whose stamp is ahead of
// what this node applied waits (with every later message) until the room is read and
// applied. A removed member therefore never gets a message committed after the removal, and
// a new member misses none committed after the addition.

import type { MessageRecord, RoomRecord } from './store.ts';

/** The bus topic: the payload is the id of a room whose membership changed. */
export const MEMBERSHIP_TOPIC = 'chat:membership';

export interface ClusterMembershipOptions {
  readonly roomById: (roomId: string) => Promise<RoomRecord | undefined>;
  readonly memberIds: (roomId: string) => Promise<string[]>;
  /**
   * Brings this node's connections in line with the room's members. `announced`: another node
   * said it changed (connections over their room cap are then told, as on that node).
   */
  readonly apply: (
    roomId: string,
    room: RoomRecord | undefined,
    memberIds: ReadonlySet<string>,
    announced: boolean,
  ) => Promise<void>;
  readonly onError: (error: unknown) => void;
  /** Rooms whose applied stamp is remembered (oldest forgotten first). @default 10000 */
  readonly maxRooms?: number;
}

export class ClusterMembership {
  private readonly options: ClusterMembershipOptions;
  private readonly maxRooms: number;
  /** Per room, the stamp this node's connections reflect (or a later state). */
  private readonly applied = new Map<string, number>();
  /** Per room, the last read-and-apply queued; they run one after another. */
  private readonly tail = new Map<string, Promise<void>>();
  /** Per room, a read-and-apply queued but not started: later requests share it. */
  private readonly queued = new Map<string, { promise: Promise<void>; announced: boolean }>();

  constructor(options: ClusterMembershipOptions) {
    this.options = options;
    this.maxRooms = options.maxRooms ?? 10_000;
  }

  /** Rooms whose stamp is remembered (tests). */
  get size(): number {
    return this.applied.size;
  }

  /**
   * Undefined when the message may be fanned out now; else a promise that settles once the
   * room's membership at the message's stamp (or later) is applied.
   */
  beforeRelease(message: MessageRecord): Promise<void> | undefined {
    const stamp = message.roomStamp;
    if (stamp === undefined) return undefined;
    const applied = this.applied.get(message.roomId);
    if (applied !== undefined && applied >= stamp) return undefined;
    return this.refresh(message.roomId, false);
  }

  /**
   * Reads the room from the store and applies it, after any read already under way for it
   * (which may have started before the change). Never rejects: failures are reported.
   */
  refresh(roomId: string, announced: boolean): Promise<void> {
    const waiting = this.queued.get(roomId);
    if (waiting !== undefined) {
      waiting.announced ||= announced;
      return waiting.promise;
    }
    const entry = { promise: Promise.resolve(), announced };
    const previous = this.tail.get(roomId) ?? Promise.resolve();
    entry.promise = previous.then(async () => {
      this.queued.delete(roomId);
      await this.readAndApply(roomId, entry.announced);
    });
    this.queued.set(roomId, entry);
    this.tail.set(roomId, entry.promise);
    void entry.promise.finally(() => {
      if (this.tail.get(roomId) === entry.promise) this.tail.delete(roomId);
    });
    return entry.promise;
  }

  private async readAndApply(roomId: string, announced: boolean): Promise<void> {
    try {
      // The room first: the members read after it are at its stamp or later.
      const room = await this.options.roomById(roomId);
      const memberIds = new Set(room === undefined ? [] : await this.options.memberIds(roomId));
      await this.options.apply(roomId, room, memberIds, announced);
      if (room !== undefined) this.remember(roomId, room.updatedAt);
    } catch (error) {
      // Nothing is remembered: the room's next message reads it again.
      this.options.onError(error);
    }
  }

  private remember(roomId: string, stamp: number): void {
    const known = this.applied.get(roomId);
    this.applied.delete(roomId);
    this.applied.set(roomId, Math.max(stamp, known ?? stamp));
    if (this.applied.size > this.maxRooms) {
      const oldest = this.applied.keys().next();
      if (oldest.done !== true) this.applied.delete(oldest.value);
    }
  }
}
