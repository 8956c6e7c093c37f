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
    if (this.registry.remove(topic, connection)) this.track(this.bus.unsubscribe(topic), topic);
  }

  unsubscribeAll(connection: Connection): void {
    for (const topic of this.registry.removeAll(connection)) {
      this.track(this.bus.unsubscribe(topic), topic);
    }
  }

  /** Deliver to every subscriber on every node; returns the number of local deliveries. */
  publish(topic: string, data: string | Uint8Array, options: PublishOptions = {}): number {
    const delivered = this.deliverLocal(topic, data, options);
    this.metrics.publishFanout.observe({ app: options.app ?? 'core' }, delivered);
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
    this.deliverLocal(message.topic, message.data, {
      volatile: message.volatile,
      key: message.key,
      binary: message.binary,
    });
  }

  private track(operation: Promise<void>, topic: string): void {
    operation.catch((error: unknown) => {
      this.logger.error({ err: error, topic }, 'bus operation failed');
    });
  }
}
