// The scenarios of the suite, in the order they run: core scenarios (Hearth against the
// references), then app scenarios (Hearth's apps, Hearth only).

import { chatRecovery } from './chat-recovery.ts';
import { connectRate } from './connect-rate.ts';
import { fanoutBurst } from './fanout-burst.ts';
import { fanoutPaced } from './fanout-paced.ts';
import { idleConnections } from './idle-connections.ts';
import { openlifterDurable, openlifterDurableNoGroupCommit } from './openlifter-durable.ts';
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
];
