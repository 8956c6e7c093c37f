// One error shape for every HTTP answer: refusals show their code and safe message, validation
// failures say what was wrong, anything unexpected is logged and answered with a bare 500.

import type { FastifyError, FastifyInstance } from 'fastify';
import { isHearthError } from '../../protocol/errors.ts';

export function installErrorHandler(http: FastifyInstance): void {
  http.setErrorHandler((error: FastifyError, request, reply) => {
    if (isHearthError(error)) {
      if (error.retryAfterMs !== undefined) {
        void reply.header('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
      }
      return reply.code(error.httpStatus).send(error.toJSON());
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500 && (isFastifyCode(error) || error.validation)) {
      // Fastify's own client errors (bad JSON, body too large, validation) are safe to show.
      return reply.code(status).send({ error: 'bad_request', message: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal_error', message: 'internal error' });
  });
  http.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: 'not_found', message: 'not found' }),
  );
}

function isFastifyCode(error: FastifyError): boolean {
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('FST_');
}
