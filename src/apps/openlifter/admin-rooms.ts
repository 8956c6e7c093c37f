// OpenLifter's answer to the admin dashboard: the meets with connections on this node, the
// busiest first, with the locations connected to each (and how many display-only tabs). The
// meet id is shown (operators are trusted); passwords and session tokens never are.

import { busiestRooms, type AdminRooms } from '../../core/observability/admin-rooms.ts';
import type { LiveMeet } from './live-meet.ts';
import type { OpenLifterRuntime } from './runtime.ts';

export function openlifterAdminRooms(runtime: OpenLifterRuntime, limit: number): AdminRooms {
  const meets = new Map<string, LiveMeet>();
  const counts = new Map<string, number>();
  for (const meet of runtime.meets.all()) {
    if (meet.connections.size === 0) continue;
    meets.set(meet.meetId, meet);
    counts.set(meet.meetId, meet.connections.size);
  }
  const { total, top } = busiestRooms(counts, limit);
  return {
    total,
    rooms: top.map(([id, connections]) => {
      const meet = meets.get(id);
      return { id, detail: meet === undefined ? undefined : describe(meet), connections };
    }),
  };
}

/** "desk, platform, 1 display" (a finished meet says so). */
function describe(meet: LiveMeet): string {
  const locations = new Set<string>();
  let displays = 0;
  for (const connection of meet.connections) {
    const location = meet.updatingSessionOf(connection)?.locationName;
    if (location === undefined) displays++;
    else locations.add(location);
  }
  const parts = [...locations].sort();
  if (displays > 0) parts.push(`${displays} display${displays === 1 ? '' : 's'}`);
  const text = parts.join(', ');
  return meet.finished ? `finished · ${text}` : text;
}
