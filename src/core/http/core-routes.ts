// The core's own HTTP endpoints: liveness, readiness, Prometheus metrics, and the runtime log
// level switch for operators.
//
// Readiness has three answers: 200 `ready`; 200 `degraded` with the problems when the node still
// serves its own clients (Redis lost: every node would be degraded at once, and a load balancer
// that dropped them all would turn a partial outage into a total one); 503 `unready` when the
// node must not take traffic (draining, cannot persist).

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HearthError } from '../../protocol/errors.ts';
import type { Logger } from '../observability/logger.ts';
import type { HearthMetrics } from '../observability/metrics.ts';
import { adminPreHandler, type AdminCheck } from './admin-guard.ts';

export interface CoreRouteDeps {
  readonly logger: Logger;
  readonly metrics: HearthMetrics;
  readonly metricsEnabled: boolean;
  readonly adminCheck: AdminCheck;
  readonly version: string;
  readonly readiness: () => Promise<Readiness>;
}

export interface Readiness {
  /** What makes the node unready (draining, data directory or database unusable). */
  readonly problems: readonly string[];
  /** What the node serves without, still taking traffic (Redis lost: node-local only). */
  readonly degraded: readonly string[];
}

const logLevelBody = z.object({
  level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});

export function registerCoreRoutes(http: FastifyInstance, deps: CoreRouteDeps): void {
  http.get('/health', () => ({ status: 'ok', version: deps.version }));

  http.get('/ready', async (_request, reply) => {
    const { problems, degraded } = await deps.readiness();
    if (problems.length > 0) {
      return reply.code(503).send({ status: 'unready', problems: [...problems, ...degraded] });
    }
    if (degraded.length > 0) return { status: 'degraded', problems: degraded };
    return { status: 'ready' };
  });

  if (deps.metricsEnabled) registerMetricsRoute(http, deps.metrics);

  http.get('/admin/log-level', { preHandler: adminPreHandler(deps.adminCheck) }, () => ({
    level: deps.logger.level,
  }));

  http.post('/admin/log-level', { preHandler: adminPreHandler(deps.adminCheck) }, (request) => {
    const parsed = logLevelBody.safeParse(request.body);
    if (!parsed.success) {
      throw new HearthError(
        'bad_request',
        'body must be {"level": "fatal"|"error"|"warn"|"info"|"debug"|"trace"|"silent"}',
      );
    }
    const previous = deps.logger.level;
    deps.logger.level = parsed.data.level;
    // Not `level`: that key is pino's own and would be overwritten in the JSON line.
    deps.logger.warn({ previous, next: parsed.data.level }, 'log level changed');
    return { level: parsed.data.level, previous };
  });
}

export function registerMetricsRoute(http: FastifyInstance, metrics: HearthMetrics): void {
  http.get('/metrics', async (_request, reply) => {
    const body = await metrics.render();
    return reply.type(metrics.contentType).send(body);
  });
}
