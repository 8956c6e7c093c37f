// The chat connections open on this node, by user and by session, with each connection's own
// state (who it is, which rooms it is subscribed to, where its recovery stands). Membership
// changes bump an epoch so that a connection still being opened notices and starts over.

import type { Connection } from '../../core/connection.ts';
import type { Floors } from './recovery.ts';
import type { UserRecord } from './store.ts';

export interface RecoveryState {
  readonly floors: Floors;
  /** Every wanted message with id <= cursor has been sent. */
  readonly cursor: number;
  /** Messages above this arrive live. */
  readonly upTo: number;
}

export interface ChatConnectionState {
  user: UserRecord | undefined;
  /** SHA-256 of the session token the connection authenticated with. */
  sessionHash: string | undefined;
  /** From Auth or the URL; null on a first connection (latest messages per room instead). */
  lastSeen: number | null;
  phase: 'authenticating' | 'opening' | 'ready' | 'closed';
  /** Settles when the connection has had AuthSuccess … SyncComplete. */
  opening: Promise<void> | undefined;
  /** Rooms whose topic the connection is subscribed to. */
  readonly rooms: Set<string>;
  /** Rooms it was told of (RoomJoined) but not subscribed to: over its room cap. */
  readonly refusedRooms: Set<string>;
  /** Rooms the connection is counted in by the presence registry. */
  readonly presenceRooms: Set<string>;
  recovery: RecoveryState | undefined;
  /** The last SyncComplete's position. */
  syncedThrough: number;
  releaseUserSlot: (() => void) | undefined;
}

export type ChatConnection = Connection<ChatConnectionState>;

export function newConnectionState(
  user: UserRecord | undefined,
  sessionHash: string | undefined,
  lastSeen: number | null,
): ChatConnectionState {
  return {
    user,
    sessionHash,
    lastSeen,
    phase: 'authenticating',
    opening: undefined,
    rooms: new Set(),
    refusedRooms: new Set(),
    presenceRooms: new Set(),
    recovery: undefined,
    syncedThrough: 0,
    releaseUserSlot: undefined,
  };
}

/** The pub/sub topic of a room's live events. */
export function roomTopic(roomId: string): string {
  return `chat:room:${roomId}`;
}

export class LiveConnections {
  private readonly byUser = new Map<string, Set<ChatConnection>>();
  private readonly bySession = new Map<string, Set<ChatConnection>>();
  private readonly byId = new Map<string, ChatConnection>();
  private membershipEpoch = 0;

  get epoch(): number {
    return this.membershipEpoch;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Every registered connection (the admin dashboard counts them per room). */
  all(): IterableIterator<ChatConnection> {
    return this.byId.values();
  }

  /** Call before applying any membership or room change to live connections. */
  bumpEpoch(): void {
    this.membershipEpoch++;
  }

  register(connection: ChatConnection): void {
    const { user, sessionHash } = connection.state;
    if (user === undefined) throw new Error('registering an unauthenticated chat connection');
    this.byId.set(connection.id, connection);
    addTo(this.byUser, user.id, connection);
    if (sessionHash !== undefined) addTo(this.bySession, sessionHash, connection);
  }

  unregister(connection: ChatConnection): void {
    if (!this.byId.delete(connection.id)) return;
    const { user, sessionHash } = connection.state;
    if (user !== undefined) removeFrom(this.byUser, user.id, connection);
    if (sessionHash !== undefined) removeFrom(this.bySession, sessionHash, connection);
  }

  ofUser(userId: string): ReadonlySet<ChatConnection> {
    return this.byUser.get(userId) ?? EMPTY;
  }

  ofSession(sessionHash: string): ReadonlySet<ChatConnection> {
    return this.bySession.get(sessionHash) ?? EMPTY;
  }

  byConnectionId(id: string): ChatConnection | undefined {
    return this.byId.get(id);
  }
}

const EMPTY: ReadonlySet<ChatConnection> = new Set();

function addTo(index: Map<string, Set<ChatConnection>>, key: string, connection: ChatConnection) {
  let set = index.get(key);
  if (set === undefined) {
    set = new Set();
    index.set(key, set);
  }
  set.add(connection);
}

function removeFrom(
  index: Map<string, Set<ChatConnection>>,
  key: string,
  connection: ChatConnection,
): void {
  const set = index.get(key);
  if (set === undefined) return;
  set.delete(connection);
  if (set.size === 0) index.delete(key);
}
