// The scenarios of the suite, in the order they run: core scenarios (Hearth against the
// references), then app scenarios (Hearth's apps and its cluster, Hearth only).

import { chatFanout } from './chat-fanout.ts';
import { chatRecovery } from './chat-recovery.ts';
import { connectRate } from './connect-rate.ts';
import { crossNodeFanout } from './cross-node-fanout.ts';
import { fanoutBurst } from './fanout-burst.ts';
import { fanoutPaced } from './fanout-paced.ts';
import { idleConnections } from './idle-connections.ts';
import { openlifterDurable, openlifterDurableNoGroupCommit } from './openlifter-durable.ts';
import { presencePoses, presencePosesProtobuf } from './presence-poses.ts';
import type { Scenario } from './scenario.ts';

export const SCENARIOS: readonly Scenario[] = [
  fanoutBurst,
  fanoutPaced,
  idleConnections,
  connectRate,
  // App scenarios: Hearth only.
  openlifterDurable,
  openlifterDurableNoGroupCommit,
  chatRecovery,
  chatFanout,
  presencePoses,
  presencePosesProtobuf,
  // Two Hearth nodes and Redis (skipped without REDIS_URL).
  crossNodeFanout,
];
