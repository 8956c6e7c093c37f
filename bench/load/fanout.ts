// One fan-out phase: the publisher sends `messages` payloads on an open-loop schedule and every
// receiver in the room counts what arrives. Latency is taken from each message's scheduled
// send time to its arrival, on one clock: publisher and receivers share this process.

import { build } from 'hdr-histogram-js';
import { performance } from 'node:perf_hooks';
import type { BenchClient } from './bench-client.ts';
import type { FanoutRequest, FanoutResult, LatencySummary } from './commands.ts';
import { startCpuMeter } from './cpu-meter.ts';
import { clockUs, encodePayload, readScheduledUs, readSeq } from './payload.ts';
import { runSchedule } from './schedule.ts';
import { untilSettled } from './until-settled.ts';

/** Sequence numbers never repeat across phases, so a straggler from warm-up is never counted. */
let nextSeq = 1;

const PRECISE_SPIN_MS = 2;

export async function runFanout(
  request: FanoutRequest,
  publisher: BenchClient,
  receivers: readonly BenchClient[],
  progress: (text: string) => void,
): Promise<FanoutResult> {
  const firstSeq = nextSeq;
  nextSeq += request.messages;
  const endSeq = firstSeq + request.messages;
  const expected = request.messages * receivers.length;
  const histogram = request.recordLatency
    ? build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000 })
    : undefined;
  let received = 0;
  let malformed = 0;
  let lastArrival = 0;
  let finished: () => void = () => undefined;
  const allArrived = new Promise<void>((resolve) => {
    finished = resolve;
  });

  const onPayload = (frame: Buffer, offset: number): void => {
    const seq = readSeq(frame, offset);
    if (seq < firstSeq || seq >= endSeq) {
      if (seq < 0) malformed++;
      return;
    }
    if (histogram !== undefined) {
      histogram.recordValue(Math.max(1, clockUs() - readScheduledUs(frame, offset)));
    }
    received++;
    lastArrival = performance.now();
    if (received === expected) finished();
  };
  for (const receiver of receivers) receiver.onPayload = onPayload;
  const openBefore = receivers.filter((receiver) => !receiver.isClosed).length;

  const ticker = setInterval(() => {
    progress(`${received}/${expected} deliveries`);
  }, 1_000);
  let sent = 0;
  let firstSend = 0;
  const cpuMeter = startCpuMeter();
  try {
    const maxSendLagMs = await runSchedule({
      ticks: Math.ceil(request.messages / request.burstSize),
      intervalMs: request.intervalMs,
      spinMs: request.precise ? PRECISE_SPIN_MS : 0,
      onTick: (_tick, scheduledAt) => {
        if (sent === 0) firstSend = scheduledAt;
        const scheduledUs = clockUs(scheduledAt);
        for (let burst = 0; burst < request.burstSize && sent < request.messages; burst++) {
          publisher.publish(encodePayload(firstSeq + sent, scheduledUs));
          sent++;
        }
      },
    });
    await untilSettled(allArrived, () => received, request.idleTimeoutMs);
    return {
      sent,
      expected,
      received,
      durationMs: Math.max(0, lastArrival - firstSend),
      maxSendLagMs,
      latency: histogram === undefined ? undefined : summarize(histogram),
      closedDuring: openBefore - receivers.filter((receiver) => !receiver.isClosed).length,
      malformed,
      generatorCpuPercent: cpuMeter(),
    };
  } finally {
    clearInterval(ticker);
    for (const receiver of receivers) receiver.resetPayloadHandler();
    histogram?.destroy();
  }
}

export function summarize(histogram: ReturnType<typeof build>): LatencySummary {
  return {
    count: histogram.totalCount,
    p50Us: histogram.getValueAtPercentile(50),
    p90Us: histogram.getValueAtPercentile(90),
    p99Us: histogram.getValueAtPercentile(99),
    p999Us: histogram.getValueAtPercentile(99.9),
    maxUs: histogram.maxValue,
  };
}
