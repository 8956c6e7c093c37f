// Everything the OpenLifter handlers share while the server runs, in one object passed to them.

import type { PasswordHasher } from '../../core/auth/password-hasher.ts';
import type { SharedRateLimiter } from '../../core/limits/rate-limit-store.ts';
import type { Logger } from '../../core/observability/logger.ts';
import type { PubSub } from '../../core/pubsub.ts';
import type { OpenLifterConfig } from './config.ts';
import type { MeetDirectory } from './meet-directory.ts';
import type { OpenLifterMetrics } from './openlifter-metrics.ts';
import type { SessionRegistry } from './session-registry.ts';
import type { SharedMeets } from './shared-meets.ts';
import type { MeetStore } from './store.ts';

export interface OpenLifterRuntime {
  readonly config: OpenLifterConfig;
  readonly store: MeetStore;
  /** Set when several nodes share the store (PostgreSQL): sequencing under the meet's lock. */
  readonly shared: SharedMeets | undefined;
  readonly meets: MeetDirectory;
  readonly sessions: SessionRegistry;
  readonly hasher: PasswordHasher;
  readonly metrics: OpenLifterMetrics;
  readonly pubsub: PubSub;
  readonly logger: Logger;
  /** Create and join attempts per client IP (each costs a scrypt hash), on every node. */
  readonly attemptsPerIp: SharedRateLimiter;
  /** Join attempts per meet, all IPs and nodes together (brute force spread over many IPs). */
  readonly attemptsPerMeet: SharedRateLimiter;
  readonly now: () => number;
}
