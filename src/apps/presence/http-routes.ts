// The presence app's HTTP endpoints, under its prefix: `/ws/stats` (connection count),
// `/ws/{room_id}/stats` (who is in a room: it names users, so it needs the admin token unless
// the server listens on loopback only) and `/metrics` (the text performance report). The stats
// come from the core's presence registry, so with a cluster they count every node.

import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../core/app.ts';
import { adminPreHandler } from '../../core/http/admin-guard.ts';
import { HearthError } from '../../protocol/errors.ts';
import { isValidId } from '../../protocol/presence/text-frames.ts';
import { formatReport } from './performance-report.ts';
import { pendingReliable } from './reliable-delivery.ts';
import { REGISTRY_ROOM_PREFIX, registryRoom } from './runtime.ts';
import type { PresenceRuntime, RegisteredConnection } from './runtime.ts';

export function registerPresenceRoutes(
  http: FastifyInstance,
  context: AppContext,
  running: () => PresenceRuntime,
): void {
  http.get('/ws/stats', async () => {
    const total = await context.presence.connectionCount(REGISTRY_ROOM_PREFIX);
    return { total_connections: total, timestamp: rfc3339(Date.now()) };
  });

  http.get<{ Params: { room_id: string } }>(
    '/ws/:room_id/stats',
    { preHandler: adminPreHandler(context.adminCheck) },
    async (request) => {
      const roomId = request.params.room_id;
      if (!isValidId(roomId)) {
        throw new HearthError(
          'bad_request',
          'room ids are 1-128 letters, digits, "-", "_", "." or ":"',
        );
      }
      const members = await context.presence.members(registryRoom(roomId));
      const connections = members
        .map((member) => {
          const data = member.data as Partial<RegisteredConnection> | undefined;
          return {
            id: data?.connection_id ?? '',
            room_id: roomId,
            user_id: data?.user_id ?? member.memberId,
            client_id: member.memberId,
            connected_at: rfc3339(data?.connected_at ?? 0),
          };
        })
        .sort((a, b) => a.connected_at.localeCompare(b.connected_at));
      return { room_id: roomId, connection_count: connections.length, connections };
    },
  );

  // With an empty prefix `/metrics` is the core's Prometheus endpoint; the report then moves
  // next to the stats, to `/ws/metrics`, rather than failing the start.
  const taken = http.hasRoute({ method: 'GET', url: `${http.prefix}/metrics` });
  const reportPath = taken ? '/ws/metrics' : '/metrics';
  if (reportPath !== '/metrics') {
    context.logger.info(
      { path: `${context.prefix}${reportPath}` },
      'presence: performance report moved',
    );
  }
  http.get(reportPath, () => ({ report: report(running()), timestamp: rfc3339(Date.now()) }));
}

function report(runtime: PresenceRuntime): string {
  const { transport, counters } = runtime;
  const givenUp = counters.reliableGivenUp;
  return formatReport({
    uptimeSeconds: (runtime.now() - runtime.startedAt) / 1000,
    connections: {
      active: transport.connectionsActive,
      total: transport.connectionsTotal,
      errors: counters.connectionErrors,
    },
    messages: {
      sent: transport.framesOut,
      received: transport.framesIn,
      errors: counters.messageErrors + transport.rateLimitHits,
    },
    bytes: { sent: transport.bytesOut, received: transport.bytesIn },
    activeRooms: runtime.world.activeRooms,
    latency: runtime.latency.summary(),
    reliable: {
      pending: pendingReliable(runtime),
      acked: counters.acksReceived,
      retried: counters.reliableRetries,
      givenUp: givenUp.retries + givenUp.overflow + givenUp.gone,
    },
  });
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}
