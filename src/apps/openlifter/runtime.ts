// Everything the OpenLifter handlers share while the server runs, in one object passed to them.

import type { PasswordHasher } from '../../core/auth/password-hasher.ts';
import type { KeyedRateLimiter } from '../../core/limits/keyed-rate-limiter.ts';
import type { Logger } from '../../core/observability/logger.ts';
import type { PubSub } from '../../core/pubsub.ts';
import type { OpenLifterConfig } from './config.ts';
import type { MeetDirectory } from './meet-directory.ts';
import type { OpenLifterMetrics } from './openlifter-metrics.ts';
import type { SessionRegistry } from './session-registry.ts';
import type { MeetStore } from './store.ts';

export interface OpenLifterRuntime {
  readonly config: OpenLifterConfig;
  readonly store: MeetStore;
  readonly meets: MeetDirectory;
  readonly sessions: SessionRegistry;
  readonly hasher: PasswordHasher;
  readonly metrics: OpenLifterMetrics;
  readonly pubsub: PubSub;
  readonly logger: Logger;
  /** Create and join attempts per client IP (each costs a scrypt hash). */
  readonly attemptsPerIp: KeyedRateLimiter;
  /** Join attempts per meet, all IPs together (brute force spread over many IPs). */
  readonly attemptsPerMeet: KeyedRateLimiter;
  readonly now: () => number;
}
