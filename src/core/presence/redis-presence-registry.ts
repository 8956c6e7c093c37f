// Presence across a cluster, in Redis (layout and scripts: redis-presence-scripts.ts). Each node
// renews a heartbeat key that expires on its own if the node dies; every node sweeps now and
// then for nodes whose heartbeat is gone and removes their connections, reporting the members
// that lost their last one through `onExpired` (the script hands each one to a single sweeper).
//
// While Redis is unreachable the registry degrades instead of failing: it serves this node's own
// connections (redis-presence-local.ts), deciding first joins and last leaves, capped joins and
// counts on the node alone, and says so once in the log, in `health()` and in the
// `hearth_presence_registry_degraded` gauge. When Redis returns it reconciles, in this order:
// the heartbeat (putting everything back if the node had been taken for dead), the connections
// joined meanwhile, then the leaves of connections that were in Redis before. Which transitions
// are announced where during and after an outage is spelled out at `leaveLocally` and in
// docs/decisions.md ("Presence degrades to the node's own view").

import type { Redis } from 'ioredis';
import { Gauge, type Registry } from 'prom-client';
import { runScript } from '../cluster/lua-script.ts';
import { isRedisReplyError } from '../cluster/redis-connection.ts';
import type { Logger } from '../observability/logger.ts';
import type {
  ExpiryHandler,
  PresenceChange,
  PresenceMember,
  PresenceRegistry,
} from './presence-registry.ts';
import { NodeConnections, ownKey, type OwnConnection } from './redis-presence-local.ts';
import { HEARTBEAT, JOIN, LEAVE, SWEEP } from './redis-presence-scripts.ts';

export interface RedisPresenceOptions {
  readonly redis: Redis;
  /** Key prefix: keys are `{prefix}:presence:…`. */
  readonly prefix: string;
  readonly nodeId: string;
  /** A node whose heartbeat is this old is dead; its members are removed within this time. */
  readonly nodeTtlMs: number;
  /** Heartbeat and sweep period (at most a third of the TTL). */
  readonly heartbeatIntervalMs: number;
  readonly logger: Logger;
  /** Where the registry's metrics are registered. */
  readonly registry?: Registry | undefined;
}

/** Connections removed per sweep script call (the sweeper loops until none are left). */
const SWEEP_BATCH = 500;
/** Entries read per HSCAN call when counting connections. */
const SCAN_COUNT = 1000;

export class RedisPresenceRegistry implements PresenceRegistry {
  private readonly redis: Redis;
  private readonly keyPrefix: string;
  private readonly nodeId: string;
  private readonly options: RedisPresenceOptions;
  private readonly logger: Logger;
  private readonly handlers = new Set<ExpiryHandler>();
  /** This node's connections, its local view of them, and the leaves owed to Redis. */
  private readonly node = new NodeConnections();
  /** Some connection joined without Redis (or may not be there): put back when it returns. */
  private rejoinNeeded = false;
  /** Serving from the local view, or reconciling after it: from the outage until reconciled. */
  private degraded = false;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private beatenOnce = false;
  private started = false;
  private closed = false;
  private readonly onReady = (): void => {
    void this.tick();
  };
  private readonly onClose = (): void => {
    if (this.started && !this.closed) this.enterDegraded();
  };

  constructor(options: RedisPresenceOptions) {
    this.redis = options.redis;
    this.keyPrefix = `${options.prefix}:presence`;
    this.nodeId = options.nodeId;
    this.options = options;
    this.logger = options.logger;
    if (options.registry !== undefined) this.registerMetrics(options.registry);
  }

  /** Heartbeat now and every interval; sweep for dead nodes each time. */
  async start(): Promise<void> {
    this.started = true;
    this.redis.on('ready', this.onReady);
    this.redis.on('close', this.onClose);
    this.timer = setInterval(() => {
      void this.tick();
    }, this.options.heartbeatIntervalMs);
    this.timer.unref();
    if (!this.reachable()) this.enterDegraded();
    await this.tick();
  }

  /**
   * Stops the heartbeat and deletes it, so that the other nodes announce whatever this node
   * still holds at their next sweep instead of after the TTL.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.redis.off('ready', this.onReady);
    this.redis.off('close', this.onClose);
    if (this.reachable()) {
      await this.redis.del(`${this.keyPrefix}:node:${this.nodeId}`).catch(() => undefined);
    }
  }

  /** What is wrong while the registry is degraded (for readiness), else undefined. */
  health(): string | undefined {
    if (!this.degraded) return undefined;
    return this.reachable()
      ? "redis is back: reconciling this node's connections"
      : "redis unavailable: counting this node's connections only";
  }

  async join(
    room: string,
    memberId: string,
    connectionId: string,
    data?: Readonly<Record<string, unknown>>,
  ): Promise<PresenceChange> {
    const change = await this.runJoin(room, memberId, connectionId, data, undefined);
    if (change === undefined) throw new Error('an uncapped presence join was refused');
    return change;
  }

  joinCapped(
    room: string,
    memberId: string,
    connectionId: string,
    maxConnections: number,
  ): Promise<PresenceChange | undefined> {
    return this.runJoin(room, memberId, connectionId, undefined, maxConnections);
  }

  private async runJoin(
    room: string,
    memberId: string,
    connectionId: string,
    data: Readonly<Record<string, unknown>> | undefined,
    maxConnections: number | undefined,
  ): Promise<PresenceChange | undefined> {
    if (!this.reachable())
      return this.joinLocally(room, memberId, connectionId, data, maxConnections);
    const json = data === undefined ? undefined : JSON.stringify(data);
    // Recorded before the script runs: a leave issued meanwhile must find (and remove) it.
    const key = ownKey(room, memberId, connectionId);
    const previous = this.node.get(key);
    const entry: OwnConnection = previous ?? {
      room,
      member: memberId,
      connection: connectionId,
      data: json,
      state: 'unsure',
    };
    if (json !== undefined) entry.data = json;
    const local = this.node.add(entry, data);
    let reply: unknown;
    try {
      // This call's data only: a connection joining again without any leaves the member's as is.
      const args = joinArgs(this.keyPrefix, this.nodeId, entry, json, maxConnections);
      reply = await runScript(this.redis, JOIN, [], args);
    } catch (error) {
      const stillHere = this.node.get(key) === entry;
      if (isRedisReplyError(error)) {
        if (previous === undefined && stillHere)
          await this.node.remove(room, memberId, connectionId);
        throw error;
      }
      // Redis dropped under the call, which may or may not have run: serve it from the local
      // view; it is joined again (or its leave applied) when Redis returns.
      this.enterDegraded();
      const change = await local;
      if (!stillHere) return { transition: false, member: change.member };
      this.rejoinNeeded = true;
      if (maxConnections !== undefined && previous === undefined) {
        if (change.member.connections > maxConnections) {
          await this.node.remove(room, memberId, connectionId);
          return undefined;
        }
      }
      return this.localChange(room, change);
    }
    if ((reply as [number])[0] === -1) {
      // Refused: forget it, unless it was held before (only a new connection can be refused).
      if (previous === undefined && this.node.get(key) === entry) {
        await this.node.remove(room, memberId, connectionId);
      }
      return undefined;
    }
    if (this.node.get(key) === entry) entry.state = 'registered';
    return changeOf(memberId, reply);
  }

  /**
   * A join while Redis is unreachable: counted on this node alone (a capped join too, so a user
   * may hold the maximum on every node meanwhile), put into Redis when it returns.
   */
  private async joinLocally(
    room: string,
    memberId: string,
    connectionId: string,
    data: Readonly<Record<string, unknown>> | undefined,
    maxConnections: number | undefined,
  ): Promise<PresenceChange | undefined> {
    this.enterDegraded();
    const key = ownKey(room, memberId, connectionId);
    const previous = this.node.get(key);
    const entry: OwnConnection = previous ?? {
      room,
      member: memberId,
      connection: connectionId,
      data: undefined,
      state: 'local',
    };
    // A connection already in Redis keeps Redis's copy of its data until it joins there again.
    if (data !== undefined) entry.data = JSON.stringify(data);
    if (entry.state !== 'registered') this.rejoinNeeded = true;
    const change =
      previous === undefined && maxConnections !== undefined
        ? await this.node.addCapped(entry, maxConnections)
        : await this.node.add(entry, data);
    return change === undefined ? undefined : this.localChange(room, change);
  }

  /**
   * Leaves at once when Redis is reachable. When it is not (or the call fails), a connection
   * that was in Redis leaves the local view now and Redis when it returns, and a last leave is
   * reported then through `onExpired`; until then `transition` is false. A connection that
   * joined while Redis was away leaves as it joined, decided on this node. Never rejects: a
   * closing connection has nobody to tell.
   */
  async leave(room: string, memberId: string, connectionId: string): Promise<PresenceChange> {
    const entry = this.node.get(ownKey(room, memberId, connectionId));
    const local = this.node.remove(room, memberId, connectionId);
    if (this.reachable() && entry?.state !== 'local') {
      try {
        return changeOf(memberId, await this.runLeave(room, memberId, connectionId));
      } catch (error) {
        // Most likely the connection dropped under the call: retried when Redis is back.
        this.logger.debug({ err: error, room }, 'presence leave deferred');
        if (!isRedisReplyError(error)) this.enterDegraded();
      }
    } else if (!this.reachable()) {
      this.enterDegraded();
    }
    return this.leaveLocally(entry, await local);
  }

  /**
   * The announcements a degraded node makes, so that its own clients see each member join and
   * leave in turn and the other nodes learn every departure of a member they knew:
   * - a connection that was in Redis before: no transition now; its member's last leave is
   *   reported through `onExpired` when Redis returns (to every node, once);
   * - a connection joined meanwhile: first join and last leave as seen on this node, unless the
   *   member's departure is still owed to Redis (its clients never saw it leave).
   */
  private leaveLocally(entry: OwnConnection | undefined, local: PresenceChange): PresenceChange {
    const quiet = { transition: false, member: local.member };
    if (entry === undefined) return quiet;
    if (entry.state === 'registered') {
      this.node.defer(entry, true);
      return quiet;
    }
    // Perhaps in Redis after all (a join cut off under way): removed there, but not announced
    // twice.
    if (entry.state === 'unsure') this.node.defer(entry, false);
    return this.localChange(entry.room, local);
  }

  private localChange(room: string, change: PresenceChange): PresenceChange {
    const owed = this.node.owes(room, change.member.memberId);
    return { transition: change.transition && !owed, member: change.member };
  }

  /** The room's members; this node's alone while Redis is unreachable. */
  members(room: string): Promise<PresenceMember[]> {
    return this.read(
      async () => {
        const [counts, data] = await Promise.all([
          this.redis.hgetall(`${this.keyPrefix}:room:${room}`),
          this.redis.hgetall(`${this.keyPrefix}:data:${room}`),
        ]);
        return Object.entries(counts).map(([memberId, count]) => ({
          memberId,
          connections: Number(count),
          data: parseData(data[memberId]),
        }));
      },
      () => this.node.view.members(room),
    );
  }

  roomCount(): Promise<number> {
    return this.read(
      () => this.redis.hlen(`${this.keyPrefix}:rooms`),
      () => this.node.view.roomCount(),
    );
  }

  connectionCount(roomPrefix: string): Promise<number> {
    return this.read(
      async () => {
        const match = `${escapeGlob(roomPrefix)}*`;
        let cursor = '0';
        let total = 0;
        do {
          const [next, entries] = await this.redis.hscan(
            `${this.keyPrefix}:rooms`,
            cursor,
            'MATCH',
            match,
            'COUNT',
            SCAN_COUNT,
          );
          for (let i = 1; i < entries.length; i += 2) total += Number(entries[i]);
          cursor = next;
        } while (cursor !== '0');
        return total;
      },
      () => this.node.view.connectionCount(roomPrefix),
    );
  }

  onExpired(handler: ExpiryHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** A method, not a getter: the status changes across every await. */
  private reachable(): boolean {
    return this.redis.status === 'ready';
  }

  /** Reads from Redis, or from the local view when Redis is (or just went) away. */
  private async read<T>(remote: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (this.reachable()) {
      try {
        return await remote();
      } catch (error) {
        if (isRedisReplyError(error)) throw error;
      }
    }
    this.enterDegraded();
    return local();
  }

  private enterDegraded(): void {
    if (this.degraded || this.closed) return;
    this.degraded = true;
    this.logger.error(
      { connections: this.node.size },
      "presence registry degraded: redis unreachable, joins, leaves and counts use this node's connections only until it returns",
    );
  }

  /** A heartbeat, then reconciliation after an outage, then a sweep; one at a time. */
  private async tick(): Promise<void> {
    if (this.ticking || this.closed || !this.reachable()) return;
    this.ticking = true;
    try {
      const lapsed = await this.heartbeat();
      const rejoined = await this.rejoin(lapsed);
      const left = await this.applyDeferredLeaves();
      await this.sweep();
      if (
        this.degraded &&
        this.reachable() &&
        !this.rejoinNeeded &&
        this.node.deferredCount === 0
      ) {
        this.degraded = false;
        this.logger.info(
          { rejoined, left, connections: this.node.size },
          'presence registry reconciled with redis: cluster-wide presence resumed',
        );
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'presence heartbeat, reconciliation or sweep failed');
    } finally {
      this.ticking = false;
    }
  }

  /** True when the node had been taken for dead (its heartbeat had expired). */
  private async heartbeat(): Promise<boolean> {
    // The key lives TTL − interval: renewed every interval, it is gone at most one interval
    // before the TTL is up, and the next sweep (anywhere) finds it gone within the TTL.
    const { nodeTtlMs, heartbeatIntervalMs } = this.options;
    const alive = await runScript(
      this.redis,
      HEARTBEAT,
      [],
      [this.keyPrefix, this.nodeId, nodeTtlMs - heartbeatIntervalMs],
    );
    const lapsed = alive === 0 && this.beatenOnce;
    this.beatenOnce = true;
    if (lapsed && this.node.size > 0) {
      this.logger.warn(
        { connections: this.node.size },
        'presence heartbeat had lapsed: re-joining',
      );
    }
    return lapsed;
  }

  /**
   * Puts into Redis the connections joined without it (or all of them, when the node had been
   * taken for dead and swept). Their first joins there are not announced: this node announced
   * them to its own clients already, and the other nodes see them in the members from now on.
   */
  private async rejoin(all: boolean): Promise<number> {
    if (!all && !this.rejoinNeeded) return 0;
    // Cleared first: a join without Redis during the pass sets it again.
    this.rejoinNeeded = false;
    let rejoined = 0;
    try {
      for (const entry of [...this.node.entries()]) {
        if (!all && entry.state === 'registered') continue;
        const key = ownKey(entry.room, entry.member, entry.connection);
        if (this.node.get(key) !== entry) continue;
        if (entry.state === 'local') entry.state = 'unsure';
        const args = joinArgs(this.keyPrefix, this.nodeId, entry, entry.data);
        await runScript(this.redis, JOIN, [], args);
        if (this.node.get(key) === entry) entry.state = 'registered';
        rejoined++;
      }
    } catch (error) {
      this.rejoinNeeded = true;
      throw error;
    }
    return rejoined;
  }

  /**
   * Applies the leaves Redis missed, and reports through `onExpired` every member of them that
   * has no connection left anywhere, once: either this leave was the last one, or the member had
   * already been swept with this node (the other nodes announced it then; this node's clients
   * still need to hear it, so the others hear it twice).
   */
  private async applyDeferredLeaves(): Promise<number> {
    const reported = new Set<string>();
    let applied = 0;
    for (const [key, leave] of this.node.deferredLeaves()) {
      const { entry } = leave;
      let reply: unknown;
      try {
        reply = await this.runLeave(entry.room, entry.member, entry.connection);
      } catch (error) {
        if (!isRedisReplyError(error)) return applied; // gone again: next time
        // Redis answered with an error: retrying would fail the same way forever.
        this.logger.error({ err: error, room: entry.room }, 'presence leave failed');
      }
      this.node.undefer(key);
      applied++;
      if (reply === undefined || !leave.announce) continue;
      const change = changeOf(entry.member, reply);
      const member = `${entry.room}\0${entry.member}`;
      if (change.member.connections > 0 || reported.has(member)) continue;
      reported.add(member);
      this.emit(entry.room, {
        memberId: entry.member,
        connections: 0,
        data: change.member.data ?? parseData(entry.data),
      });
    }
    return applied;
  }

  private async sweep(): Promise<void> {
    for (;;) {
      const [left, more] = (await runScript(
        this.redis,
        SWEEP,
        [],
        [this.keyPrefix, SWEEP_BATCH],
      )) as [(string | null)[], number];
      for (let i = 0; i + 2 < left.length; i += 3) {
        const room = left[i] ?? '';
        const memberId = left[i + 1] ?? '';
        this.emit(room, { memberId, connections: 0, data: parseData(left[i + 2] ?? undefined) });
      }
      if (more !== 1) return;
    }
  }

  private runLeave(room: string, memberId: string, connectionId: string): Promise<unknown> {
    return runScript(
      this.redis,
      LEAVE,
      [],
      [this.keyPrefix, this.nodeId, room, memberId, connectionId],
    );
  }

  private emit(room: string, member: PresenceMember): void {
    for (const handler of this.handlers) {
      try {
        handler(room, member);
      } catch (error) {
        this.logger.error({ err: error, room }, 'presence expiry handler failed');
      }
    }
  }

  private registerMetrics(registry: Registry): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- read by prom-client's collect()
    const presence = this;
    new Gauge({
      name: 'hearth_presence_registry_degraded',
      help: "Whether the presence registry serves this node's connections only (1: Redis unreachable or reconciling) or the cluster's (0)",
      registers: [registry],
      collect() {
        this.set(presence.degraded ? 1 : 0);
      },
    });
    new Gauge({
      name: 'hearth_presence_registry_deferred_leaves',
      help: 'Leaves made while Redis was unreachable, applied when it returns',
      registers: [registry],
      collect() {
        this.set(presence.node.deferredCount);
      },
    });
  }
}

/** JOIN's arguments for one of this node's connections. */
function joinArgs(
  prefix: string,
  nodeId: string,
  entry: OwnConnection,
  json: string | undefined,
  maxConnections?: number,
): (string | number)[] {
  return [
    prefix,
    nodeId,
    entry.room,
    entry.member,
    entry.connection,
    json === undefined ? '0' : '1',
    json ?? '',
    ...(maxConnections === undefined ? [] : [maxConnections]),
  ];
}

function changeOf(memberId: string, reply: unknown): PresenceChange {
  const [transition, count, data] = reply as [number, number, string | null];
  return {
    transition: transition === 1,
    member: { memberId, connections: count, data: parseData(data ?? undefined) },
  };
}

function parseData(json: string | undefined): Readonly<Record<string, unknown>> | undefined {
  if (json === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A literal string as a Redis glob pattern. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
