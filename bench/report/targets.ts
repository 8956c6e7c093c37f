// The performance targets of issue 3 as data, and their evaluation: Hearth's median over the
// reference's median, compared with the bound. "raw ws" means the better of the two raw-ws
// references for that metric, the stricter reading.

import { statOf, type Summary } from './aggregate.ts';
import { metricSpec } from './metrics.ts';

export interface TargetRule {
  readonly label: string;
  readonly scenario: string;
  readonly metric: string;
  readonly reference: 'raw-ws' | 'raw-ws-naive' | 'raw-ws-prepared' | 'socket.io';
  readonly comparison: 'at-most' | 'at-least';
  readonly bound: number;
}

export const TARGET_RULES: readonly TargetRule[] = [
  {
    label: 'Server CPU per delivered message, paced',
    scenario: 'fanout-paced',
    metric: 'cpuUsPerDelivery',
    reference: 'raw-ws-prepared',
    comparison: 'at-most',
    bound: 1.1,
  },
  {
    label: 'Server CPU per delivered message, paced',
    scenario: 'fanout-paced',
    metric: 'cpuUsPerDelivery',
    reference: 'socket.io',
    comparison: 'at-most',
    bound: 0.6,
  },
  {
    label: 'Deliveries/s under bursts',
    scenario: 'fanout-burst',
    metric: 'deliveriesPerSec',
    reference: 'raw-ws-naive',
    comparison: 'at-least',
    bound: 5,
  },
  {
    label: 'p99 fan-out latency, paced',
    scenario: 'fanout-paced',
    metric: 'latencyP99Ms',
    reference: 'raw-ws',
    comparison: 'at-most',
    bound: 1.1,
  },
  {
    label: 'RSS per idle connection',
    scenario: 'idle-connections',
    metric: 'rssPerConnectionKiB',
    reference: 'raw-ws',
    comparison: 'at-most',
    bound: 1.2,
  },
  {
    label: 'RSS per idle connection',
    scenario: 'idle-connections',
    metric: 'rssPerConnectionKiB',
    reference: 'socket.io',
    comparison: 'at-most',
    bound: 0.6,
  },
  {
    label: 'Connect rate',
    scenario: 'connect-rate',
    metric: 'connectionsPerSec',
    reference: 'raw-ws',
    comparison: 'at-least',
    bound: 0.9,
  },
];

export interface TargetOutcome {
  readonly rule: TargetRule;
  /** The reference actually compared with (for "raw-ws": the better raw variant). */
  readonly referenceName: string;
  readonly hearth: number | undefined;
  readonly reference: number | undefined;
  readonly ratio: number | undefined;
  readonly met: boolean | undefined;
  /** "met", "missed by 23%" or "not measured". */
  readonly status: string;
}

function referenceOf(summary: Summary, rule: TargetRule): [string, number | undefined] {
  const value = (name: string): number | undefined =>
    statOf(summary, rule.scenario, name, rule.metric)?.median;
  if (rule.reference !== 'raw-ws') return [rule.reference, value(rule.reference)];
  const candidates = (['raw-ws-naive', 'raw-ws-prepared'] as const)
    .map((name) => [name, value(name)] as const)
    .filter((entry): entry is readonly [(typeof entry)[0], number] => entry[1] !== undefined);
  if (candidates.length === 0) return ['raw ws', undefined];
  const higherIsBetter = metricSpec(rule.scenario, rule.metric)?.better === 'higher';
  const best = candidates.reduce((a, b) => ((higherIsBetter ? b[1] > a[1] : b[1] < a[1]) ? b : a));
  return [`raw ws (best: ${best[0]})`, best[1]];
}

export function evaluateTargets(summary: Summary): TargetOutcome[] {
  return TARGET_RULES.map((rule) => {
    const hearth = statOf(summary, rule.scenario, 'hearth', rule.metric)?.median;
    const [referenceName, reference] = referenceOf(summary, rule);
    if (hearth === undefined || reference === undefined || reference === 0) {
      return {
        rule,
        referenceName,
        hearth,
        reference,
        ratio: undefined,
        met: undefined,
        status: 'not measured',
      };
    }
    const ratio = hearth / reference;
    const met = rule.comparison === 'at-most' ? ratio <= rule.bound : ratio >= rule.bound;
    const shortfall =
      rule.comparison === 'at-most' ? ratio / rule.bound - 1 : 1 - ratio / rule.bound;
    const percent = shortfall * 100;
    const status = met ? 'met' : `missed by ${percent.toFixed(percent < 10 ? 1 : 0)}%`;
    return { rule, referenceName, hearth, reference, ratio, met, status };
  });
}
