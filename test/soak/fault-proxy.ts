// A fault-injecting TCP proxy for the chaos soak (node:net). Each accepted connection is joined
// to a fresh upstream connection and gets a plan from the FaultSchedule: latency and jitter on
// every chunk, and at a chosen moment a drop, a reset, a half-open stall or a slow drip. Counts
// what it actually injected (a fault whose connection ended first is not counted).

import net from 'node:net';
import {
  FAULT_KINDS,
  releaseTime,
  type FaultKind,
  type FaultPlan,
  type FaultSchedule,
} from './fault-schedule.ts';

/** Bytes per piece and the gap between pieces while dripping. */
const DRIP_PIECE_BYTES = 48;
const DRIP_SPACING_MS = 10;
/** A lane holding more than this stops reading its source (TCP backpressure, bounded memory). */
const LANE_HIGH_WATER = 1024 * 1024;
/** A half-open connection is torn down after this long, as an OS eventually would. */
const HALF_OPEN_LIFETIME_MS = 120_000;
/** After one side closed, the other is given this long to finish before being destroyed. */
const LINGER_MS = 5_000;
/** A connection that outlived its plan gets a new one this long after the old one ended. */
const REPLAN_AFTER_MS = 10_000;

/** Plan for connections accepted while faults are off: loopback speed, nothing injected. */
const CALM_PLAN: FaultPlan = {
  kind: 'clean',
  latencyMs: 0,
  jitterMs: 0,
  atMs: 0,
  durationMs: 0,
  direction: undefined,
};

export interface ProxyCounters {
  /** Connections accepted. */
  connections: number;
  /** Connections whose upstream (the server) refused or failed: it was down. */
  upstreamFailed: number;
  /** Faults injected, by kind ('clean' counts connections that ran with latency only). */
  injected: Record<FaultKind, number>;
}

interface Chunk {
  readonly at: number;
  /** undefined: the source ended (FIN); end the destination once everything before is out. */
  readonly data: Buffer | undefined;
}

/** One direction of a proxied connection: delays chunks in order and writes them out. */
class Lane {
  readonly #source: net.Socket;
  readonly #destination: net.Socket;
  /** Replaced when faults are switched on for a connection accepted while they were off. */
  plan: FaultPlan;
  readonly #draw: () => number;
  readonly #queue: Chunk[] = [];
  #queuedBytes = 0;
  #lastReleaseAt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #waitingForDrain = false;
  /** Stalled (half-open): everything from the source is swallowed, nothing is propagated. */
  blocked = false;
  /** Until this time (performance.now()), chunks are cut into pieces and spaced (drip). */
  dripUntil = 0;
  #done = false;

  constructor(source: net.Socket, destination: net.Socket, plan: FaultPlan, draw: () => number) {
    this.#source = source;
    this.#destination = destination;
    this.plan = plan;
    this.#draw = draw;
    source.on('data', (data: Buffer) => {
      this.#push(data);
    });
    source.on('end', () => {
      this.#push(undefined);
    });
  }

  stop(): void {
    this.#done = true;
    clearTimeout(this.#timer);
    this.#queue.length = 0;
    this.#queuedBytes = 0;
  }

  #push(data: Buffer | undefined): void {
    if (this.blocked || this.#done) return;
    const now = performance.now();
    const pieces: (Buffer | undefined)[] = [];
    const dripping = now < this.dripUntil;
    if (data !== undefined && dripping) {
      for (let offset = 0; offset < data.length; offset += DRIP_PIECE_BYTES) {
        pieces.push(data.subarray(offset, offset + DRIP_PIECE_BYTES));
      }
    } else {
      pieces.push(data);
    }
    for (const piece of pieces) {
      const at = releaseTime(
        now,
        this.#lastReleaseAt,
        this.plan,
        this.#draw(),
        dripping ? DRIP_SPACING_MS : 0,
      );
      this.#lastReleaseAt = at;
      this.#queue.push({ at, data: piece });
      this.#queuedBytes += piece?.length ?? 0;
    }
    if (this.#queuedBytes > LANE_HIGH_WATER) this.#source.pause();
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#waitingForDrain || this.#done) return;
    const head = this.#queue[0];
    if (head === undefined) return;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#release();
      },
      Math.max(0, head.at - performance.now()),
    );
  }

  #release(): void {
    const now = performance.now();
    while (!this.blocked && !this.#done) {
      const head = this.#queue[0];
      if (head === undefined || head.at > now) break;
      this.#queue.shift();
      if (this.#destination.destroyed) continue;
      if (head.data === undefined) {
        this.#destination.end();
        continue;
      }
      this.#queuedBytes -= head.data.length;
      if (!this.#destination.write(head.data)) {
        this.#waitingForDrain = true;
        this.#destination.once('drain', () => {
          this.#waitingForDrain = false;
          this.#schedule();
        });
        break;
      }
    }
    if (this.#queuedBytes <= LANE_HIGH_WATER / 2 && this.#source.isPaused()) this.#source.resume();
    this.#schedule();
  }
}

/** One client connection and its upstream, with the plan that governs them. */
class ProxiedConnection {
  readonly client: net.Socket;
  readonly upstream: net.Socket;
  plan: FaultPlan;
  readonly #toServer: Lane;
  readonly #toClient: Lane;
  readonly #timers: ReturnType<typeof setTimeout>[] = [];
  readonly #onFault: (kind: FaultKind) => void;
  readonly #onGone: () => void;
  readonly #replan: () => FaultPlan | undefined;
  #halfOpen = false;
  #closed = 0;
  #gone = false;

  constructor(
    client: net.Socket,
    upstream: net.Socket,
    plan: FaultPlan,
    draw: () => number,
    hooks: {
      onFault: (kind: FaultKind) => void;
      onGone: () => void;
      /** The next plan for a connection that outlived its own; undefined while faults are off. */
      replan: () => FaultPlan | undefined;
    },
  ) {
    this.client = client;
    this.upstream = upstream;
    this.plan = plan;
    this.#onFault = hooks.onFault;
    this.#onGone = hooks.onGone;
    this.#replan = hooks.replan;
    this.#toServer = new Lane(client, upstream, plan, draw);
    this.#toClient = new Lane(upstream, client, plan, draw);
    for (const socket of [client, upstream]) {
      socket.on('error', () => {
        // ECONNRESET and friends: the 'close' that follows does the work.
      });
      socket.on('close', () => {
        this.#sideClosed(socket);
      });
    }
    this.arm(plan);
  }

  /** Takes `plan` from now on: its latency at once, its fault `atMs` from now. */
  arm(plan: FaultPlan): void {
    this.plan = plan;
    this.#toServer.plan = plan;
    this.#toClient.plan = plan;
    if (plan.kind === 'slow') this.#onFault('slow');
    else if (plan.kind !== 'clean') {
      this.#after(plan.atMs, () => {
        this.#inject();
      });
    }
    if (plan.kind === 'clean' || plan.kind === 'slow' || plan.kind === 'drip') {
      // A connection that survives its plan is dealt another one later, so long-lived
      // connections keep meeting faults after the restarts have ended.
      this.#after(plan.atMs + plan.durationMs + REPLAN_AFTER_MS, () => {
        const next = this.#replan();
        if (next !== undefined) this.arm(next);
      });
    }
  }

  /** Faults were switched off: a fault not yet injected never will be. */
  disarm(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.length = 0;
  }

  destroy(): void {
    this.disarm();
    this.#toServer.stop();
    this.#toClient.stop();
    this.client.destroy();
    this.upstream.destroy();
    this.#finish();
  }

  #inject(): void {
    if (this.client.destroyed || this.upstream.destroyed) return;
    const { plan } = this;
    switch (plan.kind) {
      case 'drop':
        this.#onFault('drop');
        this.destroy();
        return;
      case 'reset':
        this.#onFault('reset');
        this.client.resetAndDestroy();
        this.upstream.resetAndDestroy();
        this.disarm();
        return;
      case 'half-open': {
        this.#onFault('half-open');
        this.#halfOpen = true;
        const direction = plan.direction ?? 'both';
        if (direction !== 'to-client') this.#toServer.blocked = true;
        if (direction !== 'to-server') this.#toClient.blocked = true;
        this.#after(HALF_OPEN_LIFETIME_MS, () => {
          this.destroy();
        });
        return;
      }
      case 'drip': {
        this.#onFault('drip');
        const until = performance.now() + plan.durationMs;
        this.#toServer.dripUntil = until;
        this.#toClient.dripUntil = until;
        return;
      }
      case 'clean':
      case 'slow':
        return;
    }
  }

  #sideClosed(socket: net.Socket): void {
    this.#closed++;
    if (this.#closed >= 2) {
      this.destroy();
      return;
    }
    // Half-open: a close on one side never reaches the other (that is the fault).
    const other = socket === this.client ? this.upstream : this.client;
    const lane = socket === this.client ? this.#toServer : this.#toClient;
    if (this.#halfOpen && lane.blocked) return;
    // The lane from the closed side ends the other side once its data is out ('end' queued
    // it); if it never closes by itself, it is destroyed after a while.
    this.#after(LINGER_MS, () => {
      other.destroy();
    });
  }

  #after(delayMs: number, action: () => void): void {
    const timer = setTimeout(action, delayMs);
    this.#timers.push(timer);
  }

  #finish(): void {
    if (this.#gone) return;
    this.#gone = true;
    this.#onGone();
  }
}

export interface FaultProxyOptions {
  readonly schedule: FaultSchedule;
  /** The port the server listens on now (asked for each connection). */
  readonly upstreamPort: () => number;
}

export class FaultProxy {
  readonly counters: ProxyCounters = {
    connections: 0,
    upstreamFailed: 0,
    injected: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>,
  };
  readonly #schedule: FaultSchedule;
  readonly #upstreamPort: () => number;
  readonly #server: net.Server;
  readonly #live = new Set<ProxiedConnection>();
  #faults = false;

  constructor(options: FaultProxyOptions) {
    this.#schedule = options.schedule;
    this.#upstreamPort = options.upstreamPort;
    this.#server = net.createServer({ allowHalfOpen: true }, (client) => {
      this.#accept(client);
    });
  }

  /** Connections open through the proxy now. */
  get liveConnections(): number {
    return this.#live.size;
  }

  /** Faults injected so far (every kind but 'clean'). */
  get faultsInjected(): number {
    const { injected } = this.counters;
    return Object.entries(injected).reduce(
      (sum, [kind, count]) => (kind === 'clean' ? sum : sum + count),
      0,
    );
  }

  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    return (this.#server.address() as net.AddressInfo).port;
  }

  /**
   * On: every connection gets a planned fault (those already open too, from now). Off: new
   * connections are calm, and faults not yet injected are disarmed.
   */
  setFaults(enabled: boolean): void {
    if (enabled === this.#faults) return;
    this.#faults = enabled;
    for (const connection of this.#live) {
      if (enabled) {
        const plan = this.#nextPlan();
        if (plan !== undefined) connection.arm(plan);
      } else {
        connection.disarm();
      }
    }
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) =>
      this.#server.close(() => {
        resolve();
      }),
    );
    for (const connection of this.#live) connection.destroy();
    await closed;
  }

  #nextPlan(): FaultPlan | undefined {
    if (!this.#faults) return undefined;
    const plan = this.#schedule.next();
    if (plan.kind === 'clean') this.counters.injected.clean++;
    return plan;
  }

  #accept(client: net.Socket): void {
    this.counters.connections++;
    client.setNoDelay(true);
    const plan = this.#nextPlan() ?? CALM_PLAN;
    const upstream = net.connect({
      port: this.#upstreamPort(),
      host: '127.0.0.1',
      allowHalfOpen: true,
      noDelay: true,
    });
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
    });
    upstream.once('error', () => {
      if (!connected) {
        this.counters.upstreamFailed++;
        client.destroy();
      }
    });
    const connection = new ProxiedConnection(
      client,
      upstream,
      plan,
      () => this.#schedule.random(),
      {
        onFault: (kind) => {
          this.counters.injected[kind]++;
        },
        onGone: () => {
          this.#live.delete(connection);
        },
        replan: () => this.#nextPlan(),
      },
    );
    this.#live.add(connection);
  }
}
