// The text of `GET <prefix>/metrics`, the seed's "Performance Report": the same lines, in the
// same order, so scripts written against the earlier service keep parsing it. Pure formatting.

import type { LatencySummary } from './latency-tracker.ts';

export interface ReportInput {
  readonly uptimeSeconds: number;
  readonly connections: {
    readonly active: number;
    readonly total: number;
    readonly errors: number;
  };
  readonly messages: { readonly sent: number; readonly received: number; readonly errors: number };
  readonly bytes: { readonly sent: number; readonly received: number };
  readonly activeRooms: number;
  readonly latency: LatencySummary;
  readonly reliable: {
    readonly pending: number;
    readonly acked: number;
    readonly retried: number;
    readonly givenUp: number;
  };
}

export function formatReport(input: ReportInput): string {
  const { connections, messages, bytes, latency, reliable } = input;
  return [
    '=== Performance Report ===',
    `Uptime: ${Math.floor(input.uptimeSeconds)}s`,
    `Connections: ${connections.active} active / ${connections.total} total (${connections.errors} errors)`,
    `Messages: ${messages.sent} sent / ${messages.received} received (${messages.errors} errors)`,
    `Bytes: ${bytes.sent} sent / ${bytes.received} received`,
    `Active Rooms: ${input.activeRooms}`,
    `Latency: avg=${ms(latency.avgMs)}ms, p50=${ms(latency.p50Ms)}ms, p99=${ms(latency.p99Ms)}ms`,
    `Reliable: ${reliable.pending} pending / ${reliable.acked} acked / ${reliable.retried} retried / ${reliable.givenUp} given up`,
    '========================',
  ].join('\n');
}

/** Milliseconds with three decimals: relay latency on one node is well below a millisecond. */
function ms(value: number): string {
  return value.toFixed(3);
}
