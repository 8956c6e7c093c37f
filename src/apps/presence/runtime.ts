// Everything the presence handlers share while the server runs, in one object passed to them,
// plus the per-connection state and the per-client session (what survives a reconnect).

import type { Connection } from '../../core/connection.ts';
import type { SharedRateLimiter } from '../../core/limits/rate-limit-store.ts';
import type { AppCounters } from '../../core/observability/app-counters.ts';
import type { Logger } from '../../core/observability/logger.ts';
import type { PresenceRegistry } from '../../core/presence/presence-registry.ts';
import type { PreparedFrame } from '../../core/prepared-frame.ts';
import type { PubSub } from '../../core/pubsub.ts';
import type { ClientHello } from '../../protocol/presence/messages.ts';
import type { PresenceConfig } from './config.ts';
import type { LatencyProbe, LatencyTracker } from './latency-tracker.ts';
import type { PresenceAuth, VerifiedUser } from './presence-auth.ts';
import type { PresenceCounters } from './presence-metrics.ts';
import type { ReliableQueue } from './reliable-queue.ts';
import type { Member, PresenceMode, WorldState } from './world-state.ts';

/** What one client keeps across a reconnect within the grace period. */
export interface ClientSession {
  /** Undefined while the client is away. */
  connection: PresenceConnection | undefined;
  /** Protobuf mode: reliable messages sent and not yet acknowledged. */
  readonly queue: ReliableQueue<PreparedFrame> | undefined;
  /** Protobuf mode: message ids of the client's own reliable messages seen lately (dedup). */
  readonly recent: RecentIds | undefined;
}

export interface PresenceConnectionState {
  readonly roomId: string;
  readonly mode: PresenceMode;
  readonly requestedClientId: string | undefined;
  /** The `user_id` query parameter (must equal the token's `sub`). */
  readonly queryUserId: string | undefined;
  readonly queryDisplayName: string | undefined;
  /** The user a token proved (at the upgrade or in ClientHello); undefined = anonymous. */
  user: VerifiedUser | undefined;
  /** Protobuf mode: the ClientHello that opened the connection. */
  hello: ClientHello | undefined;
  /** Set once the client is in its room. */
  member: Member<ClientSession> | undefined;
  /** Set while the client is being put in its room (its frames wait for it). */
  joining: Promise<void> | undefined;
  /** When the last rate-limit notice was sent (one per second at most). */
  rateNoticeAt: number;
}

export type PresenceConnection = Connection<PresenceConnectionState>;

export interface PresenceRuntime {
  readonly config: PresenceConfig;
  readonly world: WorldState<ClientSession>;
  readonly auth: PresenceAuth;
  readonly pubsub: PubSub;
  readonly counters: PresenceCounters;
  /** The core's transport counters of this app (frames, bytes, connections). */
  readonly transport: AppCounters;
  readonly latency: LatencyTracker;
  readonly probe: LatencyProbe;
  readonly attempts: SharedRateLimiter;
  /** Who is connected to which room, on every node (stats, leaves of dead nodes). */
  readonly registry: PresenceRegistry;
  /** Protobuf sessions with an open connection (the ones the retry timer visits). */
  readonly live: Set<ClientSession>;
  /** The rooms this node follows on the bus (world-replication.ts), by room id. */
  readonly followed: Map<string, FollowedRoom>;
  readonly logger: Logger;
  readonly startedAt: number;
  readonly nextMessageId: () => string;
  readonly now: () => number;
}

/** A room this node takes part in, followed on the bus while it has clients or held ids here. */
export interface FollowedRoom {
  /** Stops listening to the room's topics. */
  readonly stop: () => void;
  /** Settles once the other nodes reported their part of the room (or did not in time). */
  synced: Promise<void>;
  /** Nodes whose part of the room arrived. */
  readonly replied: Set<string>;
  /** Wakes the sync waiting for replies. */
  wake: (() => void) | undefined;
}

/** The room's name in the core's presence registry (shared with other apps). */
export const REGISTRY_ROOM_PREFIX = 'presence:';

export function registryRoom(roomId: string): string {
  return REGISTRY_ROOM_PREFIX + roomId;
}

/**
 * The registry room of the client ids held for a reconnect (one entry per held id, whose
 * connection is the node holding it): how another node knows an id is not free and where the
 * pending messages are. Not under `presence:`, so the stats do not count them.
 */
export const HELD_ROOM_PREFIX = 'presence-held:';

export function heldRoom(roomId: string): string {
  return HELD_ROOM_PREFIX + roomId;
}

/** What a connection announces in the registry (read by the room stats and expiry). */
export interface RegisteredConnection {
  readonly connection_id: string;
  readonly user_id: string;
  readonly display_name: string;
  readonly connected_at: number;
  /** The node it is connected to (which nodes to ask for a room's state). */
  readonly node_id: string;
}

/** What a held id announces in the registry. */
export interface HeldId {
  readonly user_id: string;
  readonly anonymous: boolean;
  readonly node_id: string;
}

/** The topic of a room's relay-mode traffic. */
export function relayTopic(roomId: string): string {
  return `presence:relay:${roomId}`;
}

/** The topic of a room's protobuf-mode traffic. */
export function protobufTopic(roomId: string): string {
  return `presence:protobuf:${roomId}`;
}

/** The topic on which nodes keep each other's view of a room up to date (world-wire.ts). */
export function worldTopic(roomId: string): string {
  return `presence:world:${roomId}`;
}

/**
 * The newest message ids a client used for its reliable messages, so a resend after a lost Ack
 * is acknowledged again instead of being relayed twice. Bounded: the oldest id is forgotten.
 */
export class RecentIds {
  private readonly ids = new Set<string>();
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Oldest first. */
  values(): string[] {
    return [...this.ids];
  }

  add(id: string): void {
    if (this.ids.size >= this.capacity) {
      const oldest = this.ids.values().next();
      if (oldest.done !== true) this.ids.delete(oldest.value);
    }
    this.ids.add(id);
  }
}
