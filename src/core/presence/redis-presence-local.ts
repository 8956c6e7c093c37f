// What a node of the Redis presence registry knows on its own: its live connections (with where
// each stands in Redis), a node-local view of them that serves while Redis is unreachable, and
// the leaves still owed to Redis. Pure bookkeeping, no I/O: redis-presence-registry.ts decides
// when to use it. Everything here is bounded by the node's live connections, plus the leaves of
// connections that were in Redis when an outage began.

import { MemoryPresenceRegistry } from './memory-presence-registry.ts';
import type { PresenceChange } from './presence-registry.ts';

/**
 * Where a connection stands in Redis. `registered`: its join ran there. `unsure`: a join was
 * sent and its outcome is not known (in flight, or Redis dropped under it). `local`: joined
 * while Redis was unreachable, not yet in Redis.
 */
export type RedisState = 'registered' | 'unsure' | 'local';

export interface OwnConnection {
  readonly room: string;
  readonly member: string;
  readonly connection: string;
  /** JSON of what the member announced, as stored in Redis. */
  data: string | undefined;
  state: RedisState;
}

/** A leave to apply in Redis when it returns; `announce`: report a last leave then. */
export interface DeferredLeave {
  readonly entry: OwnConnection;
  readonly announce: boolean;
}

export class NodeConnections {
  /** This node's live connections, by `room\0member\0connection`. */
  private readonly own = new Map<string, OwnConnection>();
  /** The same connections as a registry of their own: what this node serves while degraded. */
  readonly view = new MemoryPresenceRegistry();
  private readonly deferred = new Map<string, DeferredLeave>();
  /** Announced leaves deferred per `room\0member`: that member's departure is still owed. */
  private readonly owed = new Map<string, number>();

  get size(): number {
    return this.own.size;
  }

  get deferredCount(): number {
    return this.deferred.size;
  }

  get(key: string): OwnConnection | undefined {
    return this.own.get(key);
  }

  /**
   * Records the connection in the map and the local view. The view (a memory registry) changes
   * at the call, so both always agree; its promise only carries the result.
   */
  add(
    entry: OwnConnection,
    data: Readonly<Record<string, unknown>> | undefined,
  ): Promise<PresenceChange> {
    this.own.set(ownKey(entry.room, entry.member, entry.connection), entry);
    return this.view.join(entry.room, entry.member, entry.connection, data);
  }

  /** As `add`, unless the member already has `maxConnections` here: undefined then. */
  async addCapped(
    entry: OwnConnection,
    maxConnections: number,
  ): Promise<PresenceChange | undefined> {
    const key = ownKey(entry.room, entry.member, entry.connection);
    this.own.set(key, entry);
    const change = await this.view.joinCapped(
      entry.room,
      entry.member,
      entry.connection,
      maxConnections,
    );
    // Refused: the view did not take it; nor does the map (unless it changed since).
    if (change === undefined && this.own.get(key) === entry) this.own.delete(key);
    return change;
  }

  /** Forgets the connection; the view's change says whether it was the member's last here. */
  remove(room: string, member: string, connection: string): Promise<PresenceChange> {
    this.own.delete(ownKey(room, member, connection));
    return this.view.leave(room, member, connection);
  }

  entries(): IterableIterator<OwnConnection> {
    return this.own.values();
  }

  /** The member's departure from the room is owed to the cluster by a deferred leave. */
  owes(room: string, member: string): boolean {
    return this.owed.has(`${room}\0${member}`);
  }

  defer(entry: OwnConnection, announce: boolean): void {
    const key = ownKey(entry.room, entry.member, entry.connection);
    this.undefer(key);
    this.deferred.set(key, { entry, announce });
    if (!announce) return;
    const member = `${entry.room}\0${entry.member}`;
    this.owed.set(member, (this.owed.get(member) ?? 0) + 1);
  }

  deferredLeaves(): [string, DeferredLeave][] {
    return [...this.deferred];
  }

  undefer(key: string): void {
    const leave = this.deferred.get(key);
    if (leave === undefined) return;
    this.deferred.delete(key);
    if (!leave.announce) return;
    const member = `${leave.entry.room}\0${leave.entry.member}`;
    const count = (this.owed.get(member) ?? 1) - 1;
    if (count <= 0) this.owed.delete(member);
    else this.owed.set(member, count);
  }
}

export function ownKey(room: string, member: string, connection: string): string {
  return `${room}\0${member}\0${connection}`;
}
