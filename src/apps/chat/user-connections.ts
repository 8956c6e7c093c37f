// The spec's connections-per-user limit, counted across the cluster: every open chat connection
// is one connection of its user in a single presence-registry room, joined with the registry's
// atomic capped join. A node that dies stops counting once its heartbeat expires (the registry
// sweeps its connections), so its users' slots come back without anyone releasing them.

import type { Logger } from '../../core/observability/logger.ts';
import type { PresenceRegistry } from '../../core/presence/presence-registry.ts';

/** Not a room topic (`chat:room:…`): room presence and its expiry announcements ignore it. */
export const USER_CONNECTIONS_ROOM = 'chat:user-connections';

/** Gives the slot back. Safe to call more than once: only the first call counts. */
export type ReleaseUserSlot = () => void;

export class UserConnections {
  private readonly registry: PresenceRegistry;
  private readonly maxPerUser: number;
  private readonly logger: Logger;

  constructor(registry: PresenceRegistry, maxPerUser: number, logger: Logger) {
    this.registry = registry;
    this.maxPerUser = maxPerUser;
    this.logger = logger;
  }

  /**
   * Counts the connection for its user, or undefined when the user already has the maximum
   * open on any node. While Redis is unreachable the registry counts on this node alone; it
   * rejects (`unavailable`) only when Redis answers with an error.
   */
  async acquire(userId: string, connectionId: string): Promise<ReleaseUserSlot | undefined> {
    const change = await this.registry.joinCapped(
      USER_CONNECTIONS_ROOM,
      userId,
      connectionId,
      this.maxPerUser,
    );
    if (change === undefined) return undefined;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.registry.leave(USER_CONNECTIONS_ROOM, userId, connectionId).catch((error: unknown) => {
        this.logger.error({ err: error, user: userId }, 'chat: releasing a connection slot failed');
      });
    };
  }
}
