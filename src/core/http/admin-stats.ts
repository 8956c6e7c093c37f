// `GET /admin/stats`: one JSON snapshot of this node for the admin dashboard: who it is, how long
// it has run, and per app the transport totals the core already counts (AppCounters, the
// fan-out histogram, refused upgrades, the app's own auth-failure counter) plus its busiest
// rooms through the app's optional `adminRooms` hook. Totals only: the dashboard derives rates
// from two snapshots and their `time_ms`. Guarded like every /admin endpoint.

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MAX_ADMIN_ROOMS, type AdminStats, type AppStats } from '../../protocol/admin/stats.ts';
import { HearthError } from '../../protocol/errors.ts';
import type { HearthApp } from '../app.ts';
import type { AppCounters } from '../observability/app-counters.ts';
import type { Logger } from '../observability/logger.ts';
import type { HearthMetrics } from '../observability/metrics.ts';
import { adminPreHandler, type AdminCheck } from './admin-guard.ts';

/** Rooms listed per app when the request does not say. */
const DEFAULT_ROOMS = 20;

/** What the route needs of each mounted app (an AppHost is one). */
export interface StatsApp {
  readonly app: Pick<HearthApp, 'name' | 'prefix' | 'adminRooms'>;
  readonly counters: AppCounters;
}

export interface AdminStatsDeps {
  readonly adminCheck: AdminCheck;
  readonly metrics: HearthMetrics;
  readonly logger: Logger;
  readonly nodeId: string;
  readonly version: string;
  readonly apps: readonly StatsApp[];
}

const statsQuery = z.object({
  rooms: z.coerce.number().int().min(0).max(MAX_ADMIN_ROOMS).default(DEFAULT_ROOMS),
});

export function registerAdminStatsRoute(http: FastifyInstance, deps: AdminStatsDeps): void {
  const startedAt = Date.now();
  http.get('/admin/stats', { preHandler: adminPreHandler(deps.adminCheck) }, async (request) => {
    const query = statsQuery.safeParse(request.query);
    if (!query.success) {
      throw new HearthError('bad_request', `rooms must be an integer from 0 to ${MAX_ADMIN_ROOMS}`);
    }
    return collectStats(deps, startedAt, query.data.rooms);
  });
}

async function collectStats(
  deps: AdminStatsDeps,
  startedAt: number,
  roomLimit: number,
): Promise<AdminStats> {
  const { metrics } = deps;
  const fanout = await byApp(metrics.publishFanout.get());
  const refused = await byApp(metrics.upgradesRefused.get());
  const apps = await Promise.all(
    deps.apps.map(async ({ app, counters }): Promise<AppStats> => {
      const rooms = await listRooms(deps.logger, app, roomLimit);
      return {
        name: app.name,
        prefix: app.prefix,
        connections: { active: counters.connectionsActive, total: counters.connectionsTotal },
        frames: { in: counters.framesIn, out: counters.framesOut },
        bytes: { in: counters.bytesIn, out: counters.bytesOut },
        fanout: {
          publishes: fanout.get(`hearth_publish_fanout_count/${app.name}`) ?? 0,
          deliveries: fanout.get(`hearth_publish_fanout_sum/${app.name}`) ?? 0,
        },
        events: {
          slow_consumer_closes: counters.slowConsumerDisconnects,
          rate_limited: counters.rateLimitHits,
          auth_failures: await authFailures(metrics, app.name),
          upgrades_refused: refused.get(`hearth_upgrades_refused_total/${app.name}`) ?? 0,
          heartbeat_timeouts: counters.heartbeatTimeouts,
          oversized_frames: counters.oversizedFrames,
          handler_errors: counters.handlerErrors,
          volatile_dropped: counters.volatileDropped,
        },
        ...rooms,
      };
    }),
  );
  const now = Date.now();
  const memory = process.memoryUsage();
  return {
    node: {
      id: deps.nodeId,
      version: deps.version,
      started_at: new Date(startedAt).toISOString(),
      uptime_seconds: Math.round((now - startedAt) / 100) / 10,
    },
    time_ms: now,
    process: { rss_bytes: memory.rss, heap_used_bytes: memory.heapUsed },
    apps,
  };
}

async function listRooms(
  logger: Logger,
  app: StatsApp['app'],
  limit: number,
): Promise<Pick<AppStats, 'rooms' | 'rooms_error'>> {
  if (app.adminRooms === undefined) return { rooms: null };
  try {
    const listed = await app.adminRooms(limit);
    // The bound is the core's to keep, whatever an app returns.
    return { rooms: { total: listed.total, rooms: listed.rooms.slice(0, limit) } };
  } catch (error) {
    logger.error({ err: error, app: app.name }, 'listing rooms for /admin/stats failed');
    return { rooms: null, rooms_error: 'listing rooms failed (see the server log)' };
  }
}

interface MetricValues {
  readonly values: readonly {
    readonly value: number;
    readonly metricName?: string | undefined;
    readonly labels: Partial<Record<string, string | number>>;
  }[];
  readonly name: string;
}

/** Sums a metric's samples by "<sample name>/<app label>". */
async function byApp(metric: Promise<MetricValues>): Promise<Map<string, number>> {
  const { name, values } = await metric;
  const sums = new Map<string, number>();
  for (const { value, metricName, labels } of values) {
    const key = `${metricName ?? name}/${String(labels.app)}`;
    sums.set(key, (sums.get(key) ?? 0) + value);
  }
  return sums;
}

/** The app's own `hearth_<app>_auth_failures_total`, all reasons together; null if it has none. */
async function authFailures(metrics: HearthMetrics, app: string): Promise<number | null> {
  const metric = metrics.registry.getSingleMetric(`hearth_${app}_auth_failures_total`);
  if (metric === undefined) return null;
  const { values } = await metric.get();
  return values.reduce((sum, sample) => sum + sample.value, 0);
}
