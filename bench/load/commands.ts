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

/** OpenLifter app: one meet created, then `writers` connections joined as its locations. */
export interface OpenLifterSetupRequest {
  readonly url: string;
  readonly writers: number;
  readonly sourceAddresses: readonly string[];
  readonly timeoutMs: number;
}

export interface OpenLifterSetupResult {
  readonly meetId: string;
  readonly setupMs: number;
}

/**
 * One OpenLifter phase: `updates` UPDATE_INIT batches of one update each, spread round-robin over
 * the writers. Paced: update i is due at start + i / ratePerSec (open loop). Closed: each writer
 * keeps one batch in flight and sends the next when the previous one is acked.
 */
export interface OpenLifterPhaseRequest {
  readonly mode: 'paced' | 'closed';
  readonly updates: number;
  /** Paced mode only: offered updates per second, all writers together. */
  readonly ratePerSec: number;
  /** Give up when no ack arrived for this long. */
  readonly idleTimeoutMs: number;
}

export interface OpenLifterPhaseResult {
  readonly sent: number;
  readonly acked: number;
  readonly rejected: number;
  readonly rateLimited: number;
  /** UPDATE_RELAY entries received by the writers (each update goes to the 7 others). */
  readonly relayed: number;
  /** From the first scheduled send to the last ack. */
  readonly durationMs: number;
  readonly maxSendLagMs: number;
  /** From each update's scheduled (paced) or actual (closed) send to its UPDATE_ACK. */
  readonly latency: LatencySummary | undefined;
  readonly generatorCpuPercent: number;
}

/** Chat app: first-run admin, one open room, `messages` messages posted over HTTP. */
export interface ChatSetupRequest {
  /** http://HOST:PORT of the server. */
  readonly baseUrl: string;
  readonly messages: number;
  /** HTTP requests open at once while posting. */
  readonly inFlight: number;
}

export interface ChatSetupResult {
  readonly roomId: string;
  readonly firstMessageId: string;
  /** Posting all messages (each persisted before its 201). */
  readonly insertMs: number;
}

export interface ChatRecoverRequest {
  readonly timeoutMs: number;
}

export interface ChatRecoverResult {
  /** From opening the WebSocket to `SyncComplete` with `has_more: false`. */
  readonly elapsedMs: number;
  /** `NewMessage` frames received (all messages after the first). */
  readonly received: number;
  /** `SyncComplete` frames: recovery pages. */
  readonly pages: number;
}

export interface GeneratorCommands {
  chatSetup: { request: ChatSetupRequest; result: ChatSetupResult };
  chatRecover: { request: ChatRecoverRequest; result: ChatRecoverResult };
  connect: { request: ConnectRequest; result: ConnectResult };
  openlifterSetup: { request: OpenLifterSetupRequest; result: OpenLifterSetupResult };
  openlifterPhase: { request: OpenLifterPhaseRequest; result: OpenLifterPhaseResult };
  fanout: { request: FanoutRequest; result: FanoutResult };
  close: { request: { readonly group?: string }; result: { readonly closed: number } };
}
