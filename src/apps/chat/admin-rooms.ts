// Chat's answer to the admin dashboard: the rooms this node's live connections are subscribed
// to, counted per room, the busiest named from the store (a direct room has no name: its kind
// says what it is). Never message contents or member lists.

import {
  busiestRooms,
  countInto,
  type AdminRoom,
  type AdminRooms,
} from '../../core/observability/admin-rooms.ts';
import type { ChatRuntime } from './runtime.ts';

export async function chatAdminRooms(runtime: ChatRuntime, limit: number): Promise<AdminRooms> {
  const counts = new Map<string, number>();
  for (const connection of runtime.live.all()) {
    for (const roomId of connection.state.rooms) countInto(counts, roomId);
  }
  const { total, top } = busiestRooms(counts, limit);
  const rooms = await Promise.all(
    top.map(async ([id, connections]): Promise<AdminRoom> => {
      const room = await runtime.store.roomById(id);
      return { id, name: room?.name ?? undefined, detail: room?.kind, connections };
    }),
  );
  return { total, rooms };
}
