// Presence's answer to the admin dashboard: the rooms of this node with live connections (not
// the clients waiting out a reconnect grace period), counted per room with their modes.

import { busiestRooms, countInto, type AdminRooms } from '../../core/observability/admin-rooms.ts';
import type { PresenceRuntime } from './runtime.ts';
import type { PresenceMode } from './world-state.ts';

export function presenceAdminRooms(runtime: PresenceRuntime, limit: number): AdminRooms {
  const counts = new Map<string, number>();
  const modes = new Map<string, Set<PresenceMode>>();
  for (const session of runtime.world.sessions()) {
    const connection = session.connection;
    if (connection === undefined) continue;
    const { roomId, mode } = connection.state;
    countInto(counts, roomId);
    let seen = modes.get(roomId);
    if (seen === undefined) {
      seen = new Set();
      modes.set(roomId, seen);
    }
    seen.add(mode);
  }
  const { total, top } = busiestRooms(counts, limit);
  return {
    total,
    rooms: top.map(([id, connections]) => ({
      id,
      detail: [...(modes.get(id) ?? [])].sort().join(' + '),
      connections,
    })),
  };
}
