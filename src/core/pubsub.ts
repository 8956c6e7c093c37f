// Topics across the cluster: subscribe local connections, publish a frame to a topic. A publish
// frames the payload once and writes the same bytes to every local subscriber, then hands the
// payload to the bus for other nodes, which frame it once for theirs.

import type { Bus, BusMessage } from './bus/bus.ts';
import type { Connection, SendOptions } from './connection.ts';
import type { HearthMetrics } from './observability/metrics.ts';
import type { Logger } from './observability/logger.ts';
import { prepareFrame } from './prepared-frame.ts';
import { TopicRegistry } from './topic-registry.ts';

export interface PublishOptions extends SendOptions {
  /** A local connection not to deliver to (usually the sender). */
  readonly except?: Connection | undefined;
  /** Label for the fan-out histogram. @default "core" */
  readonly app?: string;
  /** Send as a binary frame. @default true for bytes, false for strings */
  readonly binary?: boolean | undefined;
}

export class PubSub {
  readonly registry = new TopicRegistry();
  private readonly bus: Bus;
  private readonly metrics: HearthMetrics;
  private readonly logger: Logger;
  /** Node-level receivers of topics' bus messages (see `listen`). */
  private readonly listeners = new Map<string, Set<(message: BusMessage) => void>>();

  constructor(bus: Bus, metrics: HearthMetrics, logger: Logger) {
    this.bus = bus;
    this.metrics = metrics;
    this.logger = logger;
    bus.onMessage((message) => {
      this.deliverFromBus(message);
    });
  }

  get nodeId(): string {
    return this.bus.nodeId;
  }

  subscribe(connection: Connection, topic: string): void {
    // A connection that closed while its app awaited something would never be unsubscribed.
    if (!connection.isOpen) return;
    if (this.registry.add(topic, connection)) this.track(this.bus.subscribe(topic), topic);
  }

  unsubscribe(connection: Connection, topic: string): void {
    if (this.registry.remove(topic, connection)) this.leaveBus(topic);
  }

  unsubscribeAll(connection: Connection): void {
    for (const topic of this.registry.removeAll(connection)) this.leaveBus(topic);
  }

  /**
   * Receive a topic's messages from the other nodes in the node itself, without a connection
   * (e.g. chat's feed of committed messages, which it orders before fanning out). Returns the
   * function that stops listening.
   */
  listen(topic: string, handler: (message: BusMessage) => void): () => void {
    let handlers = this.listeners.get(topic);
    if (handlers === undefined) {
      handlers = new Set();
      this.listeners.set(topic, handlers);
      if (this.registry.subscribers(topic) === undefined) {
        this.track(this.bus.subscribe(topic), topic);
      }
    }
    handlers.add(handler);
    return () => {
      if (handlers.delete(handler) && handlers.size === 0) {
        this.listeners.delete(topic);
        this.leaveBus(topic);
      }
    };
  }

  /** Deliver to every subscriber on every node; returns the number of local deliveries. */
  publish(topic: string, data: string | Uint8Array, options: PublishOptions = {}): number {
    const delivered = this.deliverLocal(topic, data, options);
    this.metrics.publishFanout.observe({ app: options.app ?? 'core' }, delivered);
    // Alone (one node, no Redis), a message object, a promise and its catch per publish are waste.
    if (this.bus.reachesOthers === false) return delivered;
    const message: BusMessage = {
      topic,
      data,
      volatile: options.volatile,
      key: options.key,
      binary: options.binary,
      origin: this.bus.nodeId,
    };
    this.track(this.bus.publish(message), topic);
    return delivered;
  }

  /**
   * Hand a message to the other nodes' `listen`ers only: no local delivery and no fan-out
   * observation (the node acts on its own copy directly, e.g. chat's committed messages).
   */
  broadcast(topic: string, data: string | Uint8Array): void {
    if (this.bus.reachesOthers === false) return;
    this.track(this.bus.publish({ topic, data, origin: this.bus.nodeId }), topic);
  }

  /** Deliver to this node's subscribers only (e.g. what came in from the bus). */
  deliverLocal(topic: string, data: string | Uint8Array, options: PublishOptions = {}): number {
    const subscribers = this.registry.subscribers(topic);
    if (subscribers === undefined) return 0;
    const frame = prepareFrame(data, options.binary ?? typeof data !== 'string');
    let delivered = 0;
    for (const connection of subscribers) {
      if (connection === options.except) continue;
      if (connection.sendFrame(frame, options)) delivered++;
    }
    return delivered;
  }

  private deliverFromBus(message: BusMessage): void {
    for (const handler of this.listeners.get(message.topic) ?? []) {
      try {
        handler(message);
      } catch (error) {
        this.logger.error({ err: error, topic: message.topic }, 'bus listener failed');
      }
    }
    this.deliverLocal(message.topic, message.data, {
      volatile: message.volatile,
      key: message.key,
      binary: message.binary,
    });
  }

  /** Unsubscribes the bus from a topic nobody on this node wants any more. */
  private leaveBus(topic: string): void {
    if (this.listeners.has(topic) || this.registry.subscribers(topic) !== undefined) return;
    this.track(this.bus.unsubscribe(topic), topic);
  }

  private track(operation: Promise<void>, topic: string): void {
    operation.catch((error: unknown) => {
      this.logger.error({ err: error, topic }, 'bus operation failed');
    });
  }
}
