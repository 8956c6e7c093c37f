// The catalogue of every number a scenario reports: label, unit, which direction is better,
// and how to print it. Reports and the chart read it; scenarios only produce the numbers.

export interface MetricSpec {
  readonly scenario: string;
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly better: 'lower' | 'higher' | undefined;
  readonly digits: number;
  /** Printed after each run and drawn in the chart. */
  readonly headline?: boolean;
}

const metric = (
  scenario: string,
  key: string,
  label: string,
  unit: string,
  better: MetricSpec['better'],
  digits: number,
  headline = false,
): MetricSpec => ({ scenario, key, label, unit, better, digits, headline });

export const METRICS: readonly MetricSpec[] = [
  metric('fanout-burst', 'deliveriesPerSec', 'Deliveries per second', '/s', 'higher', 0, true),
  metric('fanout-burst', 'cpuUsPerDelivery', 'Server CPU per delivery', 'µs', 'lower', 2),
  metric('fanout-burst', 'serverCpuPercent', 'Server CPU use', '%', undefined, 0),
  metric('fanout-burst', 'generatorCpuPercent', 'Load generator CPU use', '%', undefined, 0),
  metric('fanout-burst', 'eldP99Ms', 'Server event-loop delay p99', 'ms', 'lower', 1),
  metric('fanout-burst', 'lostDeliveries', 'Deliveries lost', '', 'lower', 0),
  metric('fanout-paced', 'cpuUsPerDelivery', 'Server CPU per delivery', 'µs', 'lower', 2, true),
  metric('fanout-paced', 'latencyP50Ms', 'Latency p50', 'ms', 'lower', 2),
  metric('fanout-paced', 'latencyP99Ms', 'Latency p99', 'ms', 'lower', 2, true),
  metric('fanout-paced', 'latencyP999Ms', 'Latency p99.9', 'ms', 'lower', 2),
  metric('fanout-paced', 'serverCpuPercent', 'Server CPU use', '%', undefined, 1),
  metric('fanout-paced', 'generatorCpuPercent', 'Load generator CPU use', '%', undefined, 0),
  metric('fanout-paced', 'eldP99Ms', 'Server event-loop delay p99', 'ms', 'lower', 1),
  metric('fanout-paced', 'rssMiB', 'Server RSS after GC', 'MiB', 'lower', 1),
  metric('fanout-paced', 'lostDeliveries', 'Deliveries lost', '', 'lower', 0),
  metric(
    'fanout-paced',
    'maxSendLagMs',
    "Publisher's worst lag behind schedule",
    'ms',
    undefined,
    1,
  ),
  metric('idle-connections', 'rssPerConnectionKiB', 'RSS per connection', 'KiB', 'lower', 2, true),
  metric('idle-connections', 'heapPerConnectionKiB', 'JS heap per connection', 'KiB', 'lower', 2),
  metric(
    'idle-connections',
    'externalPerConnectionKiB',
    'External + ArrayBuffer per connection',
    'KiB',
    'lower',
    2,
  ),
  metric('idle-connections', 'baselineRssMiB', 'Baseline RSS (0 connections)', 'MiB', 'lower', 1),
  metric('idle-connections', 'connections', 'Connections held', '', undefined, 0),
  metric('connect-rate', 'connectionsPerSec', 'Connections per second', '/s', 'higher', 0, true),
  metric('connect-rate', 'cpuUsPerConnection', 'Server CPU per connection', 'µs', 'lower', 0),
  metric('connect-rate', 'serverCpuPercent', 'Server CPU use', '%', undefined, 0),
  metric('connect-rate', 'generatorCpuPercent', 'Load generator CPU use', '%', undefined, 0),
  metric('connect-rate', 'failedConnections', 'Failed connections', '', 'lower', 0),
  ...openlifterMetrics('openlifter-durable'),
  ...openlifterMetrics('openlifter-durable-no-group-commit'),
  metric('chat-recovery', 'recoveryMs', 'Catch-up time, median', 'ms', 'lower', 0),
  metric('chat-recovery', 'recoveryMaxMs', 'Catch-up time, slowest', 'ms', 'lower', 0),
  metric('chat-recovery', 'coldRecoveryMs', 'Catch-up time, first (warm-up)', 'ms', 'lower', 0),
  metric('chat-recovery', 'recoveryPages', 'Recovery pages', '', undefined, 0),
  metric('chat-recovery', 'recoveredMessages', 'Messages recovered', '', undefined, 0),
  metric('chat-recovery', 'missingMessages', 'Messages missing', '', 'lower', 0),
  metric('chat-recovery', 'serverCpuMsPerRecovery', 'Server CPU per catch-up', 'ms', 'lower', 0),
  metric(
    'chat-recovery',
    'httpMessagesPerSec',
    'Messages persisted per second, HTTP, no receivers',
    '/s',
    'higher',
    0,
  ),
];

function openlifterMetrics(scenario: string): MetricSpec[] {
  return [
    metric(
      scenario,
      'durableUpdatesPerSec',
      'Durable updates per second (acks/s), 8 in flight',
      '/s',
      'higher',
      0,
    ),
    metric(scenario, 'throughputAckP50Ms', 'Ack latency p50, 8 in flight', 'ms', 'lower', 2),
    metric(scenario, 'throughputAckP99Ms', 'Ack latency p99, 8 in flight', 'ms', 'lower', 2),
    metric(
      scenario,
      'throughputCpuUsPerUpdate',
      'Server CPU per update, 8 in flight',
      'µs',
      'lower',
      0,
    ),
    metric(scenario, 'pacedAcksPerSec', 'Acks per second, paced', '/s', undefined, 0),
    metric(scenario, 'pacedAckP50Ms', 'Ack latency p50, paced', 'ms', 'lower', 2),
    metric(scenario, 'pacedAckP99Ms', 'Ack latency p99, paced', 'ms', 'lower', 2),
    metric(scenario, 'pacedAckP999Ms', 'Ack latency p99.9, paced', 'ms', 'lower', 2),
    metric(scenario, 'pacedServerCpuPercent', 'Server CPU use, paced', '%', undefined, 1),
    metric(scenario, 'pacedCpuUsPerUpdate', 'Server CPU per update, paced', 'µs', 'lower', 0),
    metric(
      scenario,
      'generatorCpuPercent',
      'Load generator CPU use, 8 in flight',
      '%',
      undefined,
      0,
    ),
    metric(
      scenario,
      'maxSendLagMs',
      "Writers' worst lag behind schedule, paced",
      'ms',
      undefined,
      1,
    ),
    metric(scenario, 'unackedUpdates', 'Updates not acked', '', 'lower', 0),
    metric(scenario, 'rateLimited', 'RATE_LIMITED answers', '', 'lower', 0),
  ];
}

/** Measured in every run by the session (see lib/foreign-load.ts). */
const FOREIGN_LOAD = (scenario: string): MetricSpec =>
  metric(scenario, 'otherCpuPercent', "Other processes' CPU during the run", '%', undefined, 0);

export function metricsOf(scenario: string): MetricSpec[] {
  return [...METRICS.filter((spec) => spec.scenario === scenario), FOREIGN_LOAD(scenario)];
}

export function metricSpec(scenario: string, key: string): MetricSpec | undefined {
  return metricsOf(scenario).find((spec) => spec.key === key);
}

/** 1234567.8 → "1,234,568"; the unit follows with a thin space where there is one. */
export function formatValue(value: number, spec: MetricSpec, withUnit = true): string {
  const text = value.toLocaleString('en-US', {
    minimumFractionDigits: spec.digits,
    maximumFractionDigits: spec.digits,
  });
  if (!withUnit || spec.unit === '') return text;
  return spec.unit === '/s' || spec.unit === '%' ? `${text}${spec.unit}` : `${text} ${spec.unit}`;
}

/** "Latency p99 (ms)"; rates carry their unit in the label already ("per second"). */
export function labelWithUnit(spec: MetricSpec): string {
  return spec.unit === '' || spec.unit === '/s' ? spec.label : `${spec.label} (${spec.unit})`;
}
