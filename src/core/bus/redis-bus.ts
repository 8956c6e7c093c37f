// The bus over Redis pub/sub: one channel per topic (`{prefix}:{topic}`), plain SUBSCRIBE while
// the topic has a local subscriber (the topic registry calls subscribe/unsubscribe on the first
// and last one), one connection to publish and one to receive. Every node receives its own
// publishes back from Redis and drops them by origin: its local subscribers were served already.
//
// Losing Redis degrades to node-local delivery: publishes are counted as unsent and dropped (never
// queued), the outage is logged once, `health()` says what is wrong (/ready: degraded), and on
// reconnect every wanted topic is subscribed again.

import type { Redis } from 'ioredis';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Logger } from '../observability/logger.ts';
import type { Bus, BusHandler, BusMessage } from './bus.ts';
import { decodeEnvelope, encodeEnvelope } from './redis-envelope.ts';

export interface RedisBusOptions {
  readonly nodeId: string;
  /** Channel prefix: `{prefix}:{topic}`. */
  readonly prefix: string;
  /** Publishes go here (may be shared with other commands). */
  readonly publisher: Redis;
  /** Used for SUBSCRIBE only. */
  readonly subscriber: Redis;
  readonly logger: Logger;
  /** Where the bus metrics are registered. */
  readonly registry?: Registry | undefined;
  /**
   * Publishes sent and not yet answered by Redis; beyond, new ones are dropped as unsent, so a
   * stalled Redis cannot make the node buffer without bound. @default 10000
   */
  readonly maxInFlight?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** Channels per SUBSCRIBE command when resubscribing everything after a reconnect. */
const RESUBSCRIBE_BATCH = 1000;

export class RedisBus implements Bus {
  readonly nodeId: string;
  private readonly prefix: string;
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly logger: Logger;
  private readonly maxInFlight: number;
  private readonly now: () => number;
  /** Topics with a local subscriber: what the subscriber connection should be subscribed to. */
  private readonly topics = new Set<string>();
  private handler: BusHandler | undefined;
  private inFlight = 0;
  private inOutage = false;
  private wasReady = false;
  private lastError: string | undefined;
  private closed = false;
  private published = 0;
  private received = 0;
  private unsent = 0;
  private malformed = 0;
  private readonly lag: Histogram | undefined;
  private readonly detach: (() => void)[] = [];

  constructor(options: RedisBusOptions) {
    this.nodeId = options.nodeId;
    this.prefix = `${options.prefix}:`;
    this.publisher = options.publisher;
    this.subscriber = options.subscriber;
    this.logger = options.logger;
    this.maxInFlight = options.maxInFlight ?? 10_000;
    this.now = options.now ?? Date.now;
    this.lag = options.registry === undefined ? undefined : this.registerMetrics(options.registry);
    this.listen(this.subscriber, 'messageBuffer', (channel: Buffer, message: Buffer) => {
      this.receive(channel, message);
    });
    this.listen(this.subscriber, 'ready', () => {
      this.resubscribe();
    });
    for (const [role, redis] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      this.listen(redis, 'ready', () => {
        this.updateState();
      });
      this.listen(redis, 'close', () => {
        this.updateState();
      });
      this.listen(redis, 'error', (error: Error) => {
        this.lastError = `${role}: ${error.message}`;
        this.logger.debug({ err: error, role }, 'redis connection error');
        this.updateState();
      });
    }
    this.updateState();
  }

  get connected(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  publish(message: BusMessage): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.publisher.status !== 'ready' || this.inFlight >= this.maxInFlight) {
      this.unsent++;
      return Promise.resolve();
    }
    this.inFlight++;
    this.published++;
    this.publisher
      .publish(this.prefix + message.topic, encodeEnvelope(message, this.now()))
      .catch(() => {
        this.unsent++;
      })
      .finally(() => {
        this.inFlight--;
      });
    return Promise.resolve();
  }

  subscribe(topic: string): Promise<void> {
    if (this.topics.has(topic) || this.closed) return Promise.resolve();
    this.topics.add(topic);
    // While disconnected nothing is sent: the reconnect subscribes every wanted topic.
    if (this.subscriber.status === 'ready') {
      this.subscriber.subscribe(this.prefix + topic).catch((error: unknown) => {
        this.logger.debug({ err: error, topic }, 'redis subscribe failed (retried on reconnect)');
      });
    }
    return Promise.resolve();
  }

  unsubscribe(topic: string): Promise<void> {
    if (!this.topics.delete(topic)) return Promise.resolve();
    if (this.subscriber.status === 'ready') {
      this.subscriber.unsubscribe(this.prefix + topic).catch((error: unknown) => {
        this.logger.debug({ err: error, topic }, 'redis unsubscribe failed');
      });
    }
    return Promise.resolve();
  }

  onMessage(handler: BusHandler): void {
    this.handler = handler;
  }

  health(): string | undefined {
    if (this.connected) return undefined;
    const states = `publisher ${this.publisher.status}, subscriber ${this.subscriber.status}`;
    const cause = this.lastError === undefined ? '' : `; last error: ${this.lastError}`;
    return `redis unavailable (${states}): delivering on this node only${cause}`;
  }

  /** Stops receiving; the connections belong to whoever created them. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const off of this.detach) off();
    const channels = [...this.topics].map((topic) => this.prefix + topic);
    this.topics.clear();
    if (channels.length > 0 && this.subscriber.status === 'ready') {
      await this.subscriber.unsubscribe(...channels).catch(() => undefined);
    }
  }

  private receive(channel: Buffer, bytes: Buffer): void {
    const name = channel.toString('utf8');
    if (!name.startsWith(this.prefix)) return;
    const envelope = decodeEnvelope(name.slice(this.prefix.length), bytes);
    if (envelope === undefined) {
      this.malformed++;
      return;
    }
    const { message } = envelope;
    if (message.origin === this.nodeId) return;
    this.received++;
    this.lag?.observe(Math.max(0, this.now() - envelope.publishedAt) / 1000);
    // A topic unsubscribed a moment ago can still have messages in flight.
    if (this.topics.has(message.topic)) this.handler?.(message);
  }

  private resubscribe(): void {
    const channels = [...this.topics].map((topic) => this.prefix + topic);
    for (let start = 0; start < channels.length; start += RESUBSCRIBE_BATCH) {
      const batch = channels.slice(start, start + RESUBSCRIBE_BATCH);
      this.subscriber.subscribe(...batch).catch((error: unknown) => {
        this.logger.debug({ err: error }, 'redis resubscribe failed (retried on reconnect)');
      });
    }
  }

  /** Logs the start of an outage once, and its end. */
  private updateState(): void {
    if (this.closed) return;
    if (this.connected) {
      if (this.inOutage) this.logger.info('redis connection restored: cross-node delivery resumed');
      this.inOutage = false;
      this.lastError = undefined;
      this.wasReady = true;
      return;
    }
    // An outage starts when a connection that was up drops, or when connecting fails.
    if (this.inOutage || (!this.wasReady && this.lastError === undefined)) return;
    this.inOutage = true;
    this.logger.error(
      { problem: this.health() },
      'redis connection lost: messages reach this node only until it returns',
    );
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- event listeners of any shape
  private listen(redis: Redis, event: string, listener: (...args: any[]) => void): void {
    redis.on(event, listener);
    this.detach.push(() => redis.off(event, listener));
  }

  private registerMetrics(registry: Registry): Histogram {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- read by prom-client's collect()
    const bus = this;
    new Gauge({
      name: 'hearth_bus_connected',
      help: 'Whether the cross-node bus (Redis) is connected (1) or this node delivers locally only (0)',
      registers: [registry],
      collect() {
        this.set(bus.connected ? 1 : 0);
      },
    });
    const counters = [
      ['hearth_bus_published_total', 'Messages published to other nodes', () => bus.published],
      ['hearth_bus_received_total', 'Messages received from other nodes', () => bus.received],
      [
        'hearth_bus_unsent_total',
        'Messages that did not reach other nodes (Redis down or too many in flight)',
        () => bus.unsent,
      ],
      [
        'hearth_bus_malformed_total',
        'Messages on a Hearth channel that were not a Hearth envelope',
        () => bus.malformed,
      ],
    ] as const;
    for (const [name, help, read] of counters) {
      new Counter({
        name,
        help,
        registers: [registry],
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    }
    return new Histogram({
      name: 'hearth_bus_lag_seconds',
      help: 'Time from publish on one node to receipt on another (clocks of both nodes)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }
}
