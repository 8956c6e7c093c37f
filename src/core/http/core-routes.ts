// The core's own HTTP endpoints: liveness, readiness, Prometheus metrics, and the runtime log
// level switch for operators.

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
  /** Problems that make the node unready (draining, store not writable, bus down). */
  readonly readinessProblems: () => Promise<string[]>;
}

const logLevelBody = z.object({
  level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});

export function registerCoreRoutes(http: FastifyInstance, deps: CoreRouteDeps): void {
  http.get('/health', () => ({ status: 'ok', version: deps.version }));

  http.get('/ready', async (_request, reply) => {
    const problems = await deps.readinessProblems();
    if (problems.length === 0) return { status: 'ready' };
    return reply.code(503).send({ status: 'unready', problems });
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
