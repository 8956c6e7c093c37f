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
  ...chatFanoutMetrics('chat-fanout'),
  ...presenceMetrics('presence-poses'),
  ...presenceMetrics('presence-poses-protobuf'),
  ...crossNodeMetrics('cross-node-fanout'),
];

/** "cross": publisher on node A, subscribers on node B; "single": all on node A (baseline). */
function crossNodeMetrics(scenario: string): MetricSpec[] {
  const added = (percentile: string): MetricSpec =>
    metric(
      scenario,
      `addedP${percentile.replace('.', '')}Ms`,
      `Added latency p${percentile} (cross-node − same node)`,
      'ms',
      'lower',
      2,
    );
  const placements = [
    ['cross', 'cross-node'],
    ['single', 'same node'],
  ] as const;
  return [
    added('99'),
    metric(scenario, 'crossP99Ms', 'Latency p99, cross-node', 'ms', 'lower', 2),
    metric(scenario, 'singleP99Ms', 'Latency p99, same node', 'ms', 'lower', 2),
    metric(scenario, 'missingDeliveries', 'Deliveries missing (must be 0)', '', 'lower', 0),
    added('50'),
    added('99.9'),
    metric(scenario, 'ratioP50', 'Latency ratio p50, cross-node ÷ same node', '', 'lower', 2),
    metric(scenario, 'ratioP99', 'Latency ratio p99, cross-node ÷ same node', '', 'lower', 2),
    ...placements.flatMap(([key, name]) => [
      metric(scenario, `${key}P50Ms`, `Latency p50, ${name}`, 'ms', 'lower', 2),
      metric(scenario, `${key}P999Ms`, `Latency p99.9, ${name}`, 'ms', 'lower', 2),
      metric(
        scenario,
        `${key}DeliveriesPerSec`,
        `Deliveries per second, ${name}`,
        '/s',
        undefined,
        0,
      ),
      metric(
        scenario,
        `${key}CpuUsPerDelivery`,
        `CPU of both nodes per delivery, ${name}`,
        'µs',
        'lower',
        2,
      ),
      metric(scenario, `${key}NodeACpuPercent`, `Node A CPU use, ${name}`, '%', undefined, 1),
      metric(scenario, `${key}NodeBCpuPercent`, `Node B CPU use, ${name}`, '%', undefined, 1),
      metric(scenario, `${key}RedisCpuPercent`, `Redis CPU use, ${name}`, '%', undefined, 1),
      metric(
        scenario,
        `${key}RedisPublishUs`,
        `Redis time per PUBLISH (commandstats), ${name}`,
        'µs',
        undefined,
        1,
      ),
    ]),
    metric(
      scenario,
      'redisIdleCpuPercent',
      'Redis CPU use, idle (before the phases)',
      '%',
      undefined,
      1,
    ),
    metric(
      scenario,
      'busLagMeanMs',
      'Bus lag mean, node A → node B (hearth_bus_lag_seconds)',
      'ms',
      undefined,
      2,
    ),
    metric(scenario, 'busMessagesReceived', 'Bus messages received by node B', '', undefined, 0),
    metric(scenario, 'busUnsent', 'Bus publishes unsent (hearth_bus_unsent_total)', '', 'lower', 0),
    metric(scenario, 'maxSendLagMs', "Publisher's worst lag behind schedule", 'ms', undefined, 1),
    metric(
      scenario,
      'generatorCpuPercent',
      'Load generator CPU use, cross-node',
      '%',
      undefined,
      0,
    ),
  ];
}

function chatFanoutMetrics(scenario: string): MetricSpec[] {
  return [
    metric(
      scenario,
      'persistedMessagesPerSec',
      'Persisted messages per second (acks), throughput phase',
      '/s',
      'higher',
      0,
    ),
    metric(
      scenario,
      'deliveriesPerSec',
      'Deliveries per second, throughput phase',
      '/s',
      'higher',
      0,
    ),
    metric(scenario, 'pacedDeliveryP99Ms', 'Delivery latency p99, paced', 'ms', 'lower', 2),
    metric(scenario, 'missingDeliveries', 'Deliveries missing (must be 0)', '', 'lower', 0),
    metric(scenario, 'throughputAckP50Ms', 'Ack latency p50, throughput phase', 'ms', 'lower', 2),
    metric(scenario, 'throughputAckP99Ms', 'Ack latency p99, throughput phase', 'ms', 'lower', 2),
    metric(
      scenario,
      'throughputDeliveryP99Ms',
      'Delivery latency p99, throughput phase',
      'ms',
      'lower',
      2,
    ),
    metric(
      scenario,
      'throughputCpuUsPerMessage',
      'Server CPU per message, throughput phase',
      'µs',
      'lower',
      0,
    ),
    metric(
      scenario,
      'throughputCpuUsPerDelivery',
      'Server CPU per delivery, throughput phase',
      'µs',
      'lower',
      2,
    ),
    metric(
      scenario,
      'throughputServerCpuPercent',
      'Server CPU use, throughput phase',
      '%',
      undefined,
      0,
    ),
    metric(
      scenario,
      'generatorCpuPercent',
      'Load generator CPU use, throughput phase',
      '%',
      undefined,
      0,
    ),
    metric(scenario, 'pacedDeliveryP50Ms', 'Delivery latency p50, paced', 'ms', 'lower', 2),
    metric(scenario, 'pacedDeliveryP999Ms', 'Delivery latency p99.9, paced', 'ms', 'lower', 2),
    metric(scenario, 'pacedAckP50Ms', 'Ack latency p50, paced', 'ms', 'lower', 2),
    metric(scenario, 'pacedAckP99Ms', 'Ack latency p99, paced', 'ms', 'lower', 2),
    metric(scenario, 'pacedAckP999Ms', 'Ack latency p99.9, paced', 'ms', 'lower', 2),
    metric(scenario, 'pacedCpuUsPerMessage', 'Server CPU per message, paced', 'µs', 'lower', 0),
    metric(scenario, 'pacedCpuUsPerDelivery', 'Server CPU per delivery, paced', 'µs', 'lower', 2),
    metric(scenario, 'pacedServerCpuPercent', 'Server CPU use, paced', '%', undefined, 1),
    metric(
      scenario,
      'pacedGeneratorCpuPercent',
      'Load generator CPU use, paced',
      '%',
      undefined,
      0,
    ),
    metric(
      scenario,
      'maxSendLagMs',
      "Senders' worst lag behind schedule, paced",
      'ms',
      undefined,
      1,
    ),
    metric(scenario, 'unackedMessages', 'Messages not acknowledged', '', 'lower', 0),
    metric(
      scenario,
      'limitsHit',
      'Limits hit (MessageError, Error frames, closes)',
      '',
      'lower',
      0,
    ),
  ];
}

function presenceMetrics(scenario: string): MetricSpec[] {
  return [
    metric(scenario, 'deliveredFramesPerSec', 'Delivered poses per second', '/s', 'higher', 0),
    metric(scenario, 'cpuUsPerDelivery', 'Server CPU per delivered pose', 'µs', 'lower', 2),
    metric(scenario, 'latencyP50Ms', 'Latency p50', 'ms', 'lower', 2),
    metric(scenario, 'latencyP99Ms', 'Latency p99', 'ms', 'lower', 2),
    metric(scenario, 'latencyP999Ms', 'Latency p99.9', 'ms', 'lower', 2),
    metric(scenario, 'serverCpuPercent', 'Server CPU use', '%', undefined, 0),
    metric(scenario, 'generatorCpuPercent', 'Load generator CPU use', '%', undefined, 0),
    metric(scenario, 'eldP99Ms', 'Server event-loop delay p99', 'ms', 'lower', 1),
    metric(scenario, 'posesSent', 'Poses sent', '', undefined, 0),
    metric(scenario, 'expectedFrames', 'Deliveries expected', '', undefined, 0),
    metric(scenario, 'receivedFrames', 'Deliveries received', '', undefined, 0),
    metric(scenario, 'missingFrames', 'Deliveries missing', '', 'lower', 0),
    metric(scenario, 'sendLagP99Ms', "Clients' lag behind schedule p99", 'ms', undefined, 2),
    metric(scenario, 'maxSendLagMs', "Clients' worst lag behind schedule", 'ms', undefined, 1),
    metric(scenario, 'errorFrames', 'ERROR frames received', '', 'lower', 0),
    metric(scenario, 'closedDuring', 'Clients disconnected during the run', '', 'lower', 0),
  ];
}

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
