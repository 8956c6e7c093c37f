// How committed messages and membership changes travel between the nodes and reach this
// node's connections. Each node hands its own commits to the others on `chat:committed` and
// every node (itself included) fans them out in id order (cluster-feed.ts), each message only
// once the room's membership it was committed under is applied here (cluster-membership.ts).
// Alone, a node does the same with nobody listening.

import type { HearthMetrics } from '../../core/observability/metrics.ts';
import type { Logger } from '../../core/observability/logger.ts';
import type { PubSub } from '../../core/pubsub.ts';
import type { ChatMetrics } from './chat-metrics.ts';
import { ClusterFeed } from './cluster-feed.ts';
import {
  ClusterMembership,
  MEMBERSHIP_TOPIC,
  type ClusterMembershipOptions,
} from './cluster-membership.ts';
import {
  COMMITTED_MESSAGES_TOPIC,
  decodeCommitted,
  encodeCommitted,
} from './committed-messages.ts';
import { roomTopic } from './live-connections.ts';
import type { MessageFeed } from './message-feed.ts';
import type { ChatStore, MessageRecord } from './store.ts';
import { newMessageFrame } from './wire.ts';

export interface ClusterFanoutDeps {
  readonly pubsub: PubSub;
  readonly store: ChatStore;
  /** The node's feed of released messages (recovery reads it). */
  readonly feed: MessageFeed;
  readonly metrics: ChatMetrics;
  /** The core's metrics: chat's fan-out goes into `hearth_publish_fanout{app="chat"}`. */
  readonly coreMetrics: HearthMetrics;
  readonly logger: Logger;
  /** Settles when this node's commit under way (if any) is acknowledged. */
  readonly localCommit: () => Promise<void>;
  /** Brings this node's connections in line with a room's members (RoomEvents.apply). */
  readonly applyMembership: ClusterMembershipOptions['apply'];
}

export class ClusterFanout {
  private readonly deps: ClusterFanoutDeps;
  private readonly feed: ClusterFeed;
  private readonly membership: ClusterMembership;
  private readonly stopListening: (() => void)[];

  constructor(deps: ClusterFanoutDeps) {
    this.deps = deps;
    const { pubsub, store, logger } = deps;
    this.membership = new ClusterMembership({
      roomById: (roomId) => store.roomById(roomId),
      memberIds: (roomId) => store.memberIds(roomId),
      apply: deps.applyMembership,
      onError: (error) => {
        logger.warn({ err: error }, 'chat: reading a room changed on another node failed');
      },
    });
    this.feed = new ClusterFeed({
      head: deps.feed.head,
      release: (message) => this.release(message),
      readRange: (after, upTo, limit) => store.messagesInRange(after, upTo, limit),
      lastId: () => store.lastMessageId(),
      localCommit: deps.localCommit,
      onError: (error) => {
        logger.warn({ err: error }, 'chat: catching up on committed messages failed');
      },
    });
    this.stopListening = [
      pubsub.listen(COMMITTED_MESSAGES_TOPIC, (busMessage) => {
        const message = decodeCommitted(busMessage.data);
        if (message === undefined) logger.warn('chat: malformed committed message');
        else this.feed.offer(message);
      }),
      pubsub.listen(MEMBERSHIP_TOPIC, (busMessage) => {
        const { data } = busMessage;
        const roomId = typeof data === 'string' ? data : new TextDecoder().decode(data);
        // Room ids are UUIDs: anything longer is not one of ours.
        if (roomId.length === 0 || roomId.length > 64) logger.warn('chat: malformed room change');
        else void this.membership.refresh(roomId, true);
      }),
    ];
  }

  /** A message this node committed, right after its sender's acknowledgement. */
  committed(message: MessageRecord): void {
    this.deps.pubsub.broadcast(COMMITTED_MESSAGES_TOPIC, encodeCommitted(message));
    this.feed.offer(message);
  }

  stop(): void {
    for (const stop of this.stopListening) stop();
    this.feed.stop();
  }

  private release(message: MessageRecord): Promise<void> | undefined {
    const waiting = this.membership.beforeRelease(message);
    if (waiting === undefined) {
      this.fanOut(message);
      return undefined;
    }
    return waiting.then(() => {
      this.fanOut(message);
    });
  }

  /** Every room member's connection on this node, and the feed recovery reads. */
  private fanOut(message: MessageRecord): void {
    const { pubsub, metrics, coreMetrics, feed } = this.deps;
    const frame = newMessageFrame(message);
    const delivered = pubsub.deliverLocal(roomTopic(message.roomId), frame);
    metrics.messagesDelivered += delivered;
    coreMetrics.publishFanout.observe({ app: 'chat' }, delivered);
    feed.append({ message, frame });
  }
}
