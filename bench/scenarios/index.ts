// The scenarios of the suite, in the order they run.

import { connectRate } from './connect-rate.ts';
import { fanoutBurst } from './fanout-burst.ts';
import { fanoutPaced } from './fanout-paced.ts';
import { idleConnections } from './idle-connections.ts';
import type { Scenario } from './scenario.ts';

export const SCENARIOS: readonly Scenario[] = [
  fanoutBurst,
  fanoutPaced,
  idleConnections,
  connectRate,
];
