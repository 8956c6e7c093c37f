// A Hearth node's part in a cluster sharing one Redis: the bus (fan-out), the presence registry
// (heartbeats, sweeps) and the shared limits, over two connections: one for commands and
// publishes, one for SUBSCRIBE. Built by the server when `cluster.redis_url` is set.

import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { RedisBus } from '../bus/redis-bus.ts';
import type { CoreConfig } from '../config/schema.ts';
import { RedisLimitStore } from '../limits/redis-limit-store.ts';
import type { Logger } from '../observability/logger.ts';
import { RedisPresenceRegistry } from '../presence/redis-presence-registry.ts';
import { connectWithin, createRedisConnection } from './redis-connection.ts';

export type ClusterConfig = CoreConfig['cluster'];

export interface RedisClusterOptions {
  readonly config: ClusterConfig & { readonly redis_url: string };
  readonly nodeId: string;
  readonly logger: Logger;
  readonly registry: Registry;
}

/** How long the start waits for Redis before serving degraded (reconnection goes on). */
const CONNECT_TIMEOUT_MS = 5000;

export class RedisCluster {
  readonly bus: RedisBus;
  readonly presence: RedisPresenceRegistry;
  readonly limits: RedisLimitStore;
  private readonly commands: Redis;
  private readonly subscriber: Redis;
  private readonly logger: Logger;

  constructor(options: RedisClusterOptions) {
    const { config, nodeId, logger } = options;
    this.logger = logger;
    this.commands = createRedisConnection(config.redis_url, `hearth-${nodeId}`);
    this.subscriber = createRedisConnection(config.redis_url, `hearth-${nodeId}-sub`);
    this.bus = new RedisBus({
      nodeId,
      prefix: config.prefix,
      publisher: this.commands,
      subscriber: this.subscriber,
      logger,
      registry: options.registry,
    });
    this.presence = new RedisPresenceRegistry({
      redis: this.commands,
      prefix: config.prefix,
      nodeId,
      nodeTtlMs: config.node_ttl_ms,
      heartbeatIntervalMs: config.heartbeat_interval_ms,
      logger,
      registry: options.registry,
    });
    this.limits = new RedisLimitStore({ redis: this.commands, prefix: config.prefix });
  }

  /** Connects and starts the heartbeat; an unreachable Redis leaves the node serving degraded. */
  async start(): Promise<void> {
    const [commands, subscriber] = await Promise.all([
      connectWithin(this.commands, CONNECT_TIMEOUT_MS),
      connectWithin(this.subscriber, CONNECT_TIMEOUT_MS),
    ]);
    if (!commands || !subscriber) {
      this.logger.error(
        { problem: this.bus.health() },
        'redis is unreachable: serving this node alone until it is (/ready says degraded meanwhile)',
      );
    }
    await this.presence.start();
  }

  /**
   * What a lost Redis degrades on this node (the bus, the registry); empty when all is well.
   * Degraded, not unready: the node still serves its own clients.
   */
  health(): string[] {
    const problems: string[] = [];
    const bus = this.bus.health();
    if (bus !== undefined) problems.push(`bus: ${bus}`);
    const presence = this.presence.health();
    if (presence !== undefined) problems.push(`presence: ${presence}`);
    return problems;
  }

  async close(): Promise<void> {
    await this.presence.close();
    await this.bus.close();
    await Promise.all([quit(this.commands), quit(this.subscriber)]);
  }
}

async function quit(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await redis.quit().catch(() => undefined);
  }
  redis.disconnect();
}
