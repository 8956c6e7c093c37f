// What an app tells the admin dashboard about its rooms (chat rooms, presence rooms, OpenLifter
// meets): those with live connections on this node, the busiest first, bounded so a node with a
// million rooms still answers a small JSON document. Pure: each app counts, this picks the top.

export { MAX_ADMIN_ROOMS, type AdminRoom, type AdminRooms } from '../../protocol/admin/stats.ts';

/** Connection counts by room id, and the `limit` busiest rooms (ids and counts). */
export function busiestRooms(
  counts: ReadonlyMap<string, number>,
  limit: number,
): { total: number; top: [id: string, connections: number][] } {
  const top = [...counts]
    .filter(([, connections]) => connections > 0)
    .sort(([idA, a], [idB, b]) => b - a || (idA < idB ? -1 : idA > idB ? 1 : 0));
  const total = top.length;
  top.length = Math.min(total, Math.max(0, Math.floor(limit)));
  return { total, top };
}

/** Adds one to `key`'s count. */
export function countInto(counts: Map<string, number>, key: string, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}
