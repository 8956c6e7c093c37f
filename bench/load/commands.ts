// The load generator's command table: the runner opens groups of client connections, runs
// fan-out phases on them and closes them. Shared by the runner and the generator process.

export type WireProtocol = 'ws' | 'socket.io';

export interface ConnectRequest {
  /** Name of the group the new connections join (created if missing). */
  readonly group: string;
  readonly url: string;
  readonly protocol: WireProtocol;
  readonly count: number;
  /** Handshakes in progress at once. */
  readonly inFlight: number;
  /** Local addresses to connect from, used round-robin. */
  readonly sourceAddresses: readonly string[];
  /** Per-connection handshake timeout. */
  readonly timeoutMs: number;
}

export interface ConnectResult {
  readonly opened: number;
  readonly failed: number;
  /** From the first attempt to the last connection ready (protocol handshake included). */
  readonly elapsedMs: number;
  readonly firstErrors: readonly string[];
  /** The generator's own CPU use over the phase (near 100%: it, not the server, was the limit). */
  readonly generatorCpuPercent: number;
}

export interface FanoutRequest {
  /** The group whose first connection publishes. */
  readonly publisherGroup: string;
  /** Every connection of these groups is in the room and counts as a receiver. */
  readonly receiverGroups: readonly string[];
  readonly messages: number;
  /** Messages sent back-to-back at each scheduled instant. */
  readonly burstSize: number;
  /** Time between scheduled instants. */
  readonly intervalMs: number;
  /** Wake early and spin to each instant, so the latency origin is exact (paced mode). */
  readonly precise: boolean;
  readonly recordLatency: boolean;
  /** Give up when no delivery arrived for this long after the last send. */
  readonly idleTimeoutMs: number;
}

export interface LatencySummary {
  readonly count: number;
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
  readonly p999Us: number;
  readonly maxUs: number;
}

export interface FanoutResult {
  readonly sent: number;
  readonly expected: number;
  readonly received: number;
  /** From the first scheduled send to the last delivery. */
  readonly durationMs: number;
  /** How far behind its schedule the publisher ever was (generator health). */
  readonly maxSendLagMs: number;
  readonly latency: LatencySummary | undefined;
  /** Receivers whose connection closed during the phase (e.g. cut as slow consumers). */
  readonly closedDuring: number;
  readonly malformed: number;
  readonly generatorCpuPercent: number;
}

export interface GeneratorCommands {
  connect: { request: ConnectRequest; result: ConnectResult };
  fanout: { request: FanoutRequest; result: FanoutResult };
  close: { request: { readonly group?: string }; result: { readonly closed: number } };
}
