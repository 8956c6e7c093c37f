// External services for the suites that need them (Redis, PostgreSQL). A suite asks for the
// service's URL; without it the test is skipped with the reason printed, except in CI, where
// `.ci/run` sets the URLs and a missing one is a failure rather than a silent skip.

import type { TestContext } from 'node:test';

const SERVICES = {
  redis: 'REDIS_URL',
  postgres: 'DATABASE_URL',
} as const;

export type ServiceName = keyof typeof SERVICES;

/** The service's URL, or undefined after marking the test skipped (never in CI). */
export function serviceUrl(t: TestContext, service: ServiceName): string | undefined {
  const variable = SERVICES[service];
  const url = process.env[variable];
  if (url !== undefined && url !== '') return url;
  if (process.env.CI === 'true') {
    throw new Error(`${variable} is not set: CI requires the ${service} suites to run`);
  }
  t.skip(`${service} suite skipped: set ${variable} to run it`);
  return undefined;
}
