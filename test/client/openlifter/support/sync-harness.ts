// Test support for the OpenLifter sync engine: a real Hearth server with the openlifter app, a
// network whose WebSocket can be cut (connections then go to a port nobody listens on) or stalled
// (open but silent, as a half-open TCP connection), engines wired to it, and the server's truth
// read back (page by page) through a raw protocol client and its log file.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RelayedUpdate } from '../../../../src/protocol/openlifter/messages.ts';
import { materialize, type JsonObject } from '../../../../src/protocol/openlifter/meet-state.ts';
import type { AckedUpdate } from '../../../../src/client/openlifter/meet-replica.ts';
import { MeetSyncEngine } from '../../../../src/client/openlifter/meet-sync-engine.ts';
import type { MeetPersistence } from '../../../../src/client/openlifter/persistence.ts';
import type { MeetSyncEngineOptions } from '../../../../src/client/openlifter/sync-options.ts';
import type { RawConfig } from '../../../../src/core/config/sources.ts';
import type { TestServer } from '../../../support/test-server.ts';
import { waitUntil } from '../../../support/ws-client.ts';
import {
  ENDPOINTS,
  MeetClient,
  PASSWORD,
  startMeetServer,
} from '../../../apps/openlifter/support/meet-server.ts';

export { ENDPOINTS, PASSWORD, waitUntil };

/** Nothing listens on port 1: a connection attempt is refused at once, as on a dead network. */
const UNREACHABLE = 'ws://127.0.0.1:1/';

/** The server for engine tests: join attempts are not limited (tests join many times a second). */
export function startSyncServer(config?: RawConfig): Promise<TestServer> {
  return startMeetServer({
    openlifter: {
      join_attempts_per_ip_per_minute: 100_000,
      join_attempts_per_meet_per_minute: 100_000,
    },
    ...(config === undefined ? {} : { config }),
  });
}

/**
 * One device's network. `cut()` closes its connections and makes new ones fail until
 * `restore()`: frames in flight towards the device are lost, as when Wi-Fi drops. `stall()`
 * silences the open connections without closing them; new connections work.
 */
export class Network {
  readonly WebSocket: typeof WebSocket;
  /** Every text frame the device sent, in order (frames into a stalled connection too). */
  readonly sent: string[] = [];
  /** Incoming frames for which this returns true are dropped before the engine sees them. */
  dropIncoming: ((text: string) => boolean) | undefined;
  /** Called with each text frame the device sends, before it goes out. */
  onSend: ((text: string) => void) | undefined;
  /** WebSockets the device opened (attempts included). */
  opened = 0;
  #down = false;
  readonly #live = new Set<WebSocket>();
  readonly #stalled = new WeakSet<WebSocket>();

  constructor() {
    // Arrow functions keep this Network's `this` inside the socket class below.
    const target = (url: string | URL): string | URL => (this.#down ? UNREACHABLE : url);
    const track = (socket: WebSocket): void => {
      this.opened++;
      this.#live.add(socket);
      socket.addEventListener('close', () => this.#live.delete(socket));
    };
    const stalled = (socket: WebSocket): boolean => this.#stalled.has(socket);
    const dropped = (text: string): boolean => this.dropIncoming?.(text) ?? false;
    const record = (text: string): void => {
      this.onSend?.(text);
      this.sent.push(text);
    };
    this.WebSocket = class CuttableWebSocket extends globalThis.WebSocket {
      constructor(url: string | URL, protocols?: ConstructorParameters<typeof WebSocket>[1]) {
        super(target(url), protocols);
        track(this);
        // Registered before the engine's handler, so it can stop a frame from reaching it.
        this.addEventListener('message', (event) => {
          if (stalled(this) || (typeof event.data === 'string' && dropped(event.data))) {
            event.stopImmediatePropagation();
          }
        });
      }

      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
        if (typeof data === 'string') record(data);
        if (!stalled(this)) super.send(data);
      }
    };
  }

  get down(): boolean {
    return this.#down;
  }

  cut(): void {
    this.#down = true;
    for (const socket of this.#live) socket.close();
  }

  restore(): void {
    this.#down = false;
  }

  /**
   * The open connections go silent both ways but stay open, as a half-open TCP connection: no
   * close event, nothing delivered. Only a heartbeat can tell. Connections opened later work.
   */
  stall(): void {
    for (const socket of this.#live) this.#stalled.add(socket);
  }

  /** The msgTypes sent, in order (for ordering assertions). */
  sentTypes(): string[] {
    return this.sent.map((frame) => (JSON.parse(frame) as { msgType: string }).msgType);
  }
}

/** Engine options for tests: this network, quick reconnects, everything else default. */
export function engineOptions(
  server: TestServer,
  network: Network,
  extra: Partial<MeetSyncEngineOptions> & { persistence?: MeetPersistence } = {},
): MeetSyncEngineOptions {
  return {
    url: server.wsUrl('/openlifter/ws'),
    WebSocket: network.WebSocket,
    socket: { backoff: { initialDelayMs: 5, maxDelayMs: 40 }, backOffMinDelayMs: 10 },
    gapPullDelayMs: 50,
    ...extra,
  };
}

/** Engines a test made, closed at its end (`await using`). */
export class Engines implements AsyncDisposable {
  readonly all: MeetSyncEngine[] = [];

  add(options: MeetSyncEngineOptions): MeetSyncEngine {
    const engine = new MeetSyncEngine(options);
    this.all.push(engine);
    return engine;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await Promise.all(this.all.map((engine) => engine.close()));
  }
}

export interface ServerTruth {
  readonly head: number;
  readonly entries: RelayedUpdate[];
  readonly state: JsonObject;
}

/**
 * The server's whole log and state, pulled by a fresh raw client with `sessionToken`, page by
 * page (a SERVER_PULL carries at most MAX_PULL_PAGE_BYTES of it).
 */
export async function serverTruth(server: TestServer, sessionToken: string): Promise<ServerTruth> {
  const client = await MeetClient.connect(server);
  try {
    client.sessionToken = sessionToken;
    const entries: RelayedUpdate[] = [];
    let head = 0;
    do {
      const page = await client.pull(entries.length);
      head = page.lastServerSeq;
      if (page.updatesRelayed.length === 0) break;
      entries.push(...page.updatesRelayed);
    } while (entries.length < head);
    assert.deepEqual(
      entries.map((entry) => entry.serverSeqNum),
      Array.from({ length: head }, (_value, index) => index + 1),
      'the pages join up into the whole log',
    );
    return { head, entries, state: materialize(entries) };
  } finally {
    await client.close();
  }
}

/** A display-only session token for reading the server's truth, joined by a raw client. */
export async function displayToken(server: TestServer, meetId: string): Promise<string> {
  const client = await MeetClient.connect(server);
  try {
    await client.join(meetId);
    return client.sessionToken;
  } finally {
    await client.close();
  }
}

/**
 * Waits until every engine is online with nothing pending and holds exactly the server's log;
 * returns the server's truth at that point.
 */
export async function converged(
  server: TestServer,
  token: string,
  engines: readonly MeetSyncEngine[],
  timeoutMs = 10_000,
): Promise<ServerTruth> {
  let truth: ServerTruth | undefined;
  await waitUntil(async () => {
    const quiet = engines.every(
      (engine) => engine.syncStatus === 'online' && engine.pendingCount === 0,
    );
    if (!quiet) return false;
    truth = await serverTruth(server, token);
    const head = truth.head;
    return engines.every((engine) => engine.lastServerSeq === head);
  }, timeoutMs);
  if (truth === undefined) throw new Error('unreachable: waitUntil returned without a truth');
  return truth;
}

/** A line of the meet's log file as the server stores it. */
export interface StoredLine extends RelayedUpdate {
  readonly sessionId?: string;
  readonly localSeqNum?: number;
}

/** The meet's log file (current or finished), line by line. */
export async function storedLog(server: TestServer, meetId: string): Promise<StoredLine[]> {
  const root = join(server.config.storage.data_dir, 'openlifter');
  for (const folder of ['current-meets', 'finished-meets']) {
    try {
      const text = await readFile(join(root, folder, meetId, 'updates.json.log'), 'utf8');
      return text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as StoredLine);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return [];
}

/** The path of a current meet's log file. */
export function logPath(server: TestServer, meetId: string): string {
  const root = join(server.config.storage.data_dir, 'openlifter');
  return join(root, 'current-meets', meetId, 'updates.json.log');
}

/** Resolves with the first event of `type` that `engine` dispatches. */
export function nextEvent<T extends Event>(
  engine: MeetSyncEngine,
  type: string,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      engine.removeEventListener(type, onEvent);
      reject(new Error(`no ${type} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const onEvent = (event: Event): void => {
      clearTimeout(timer);
      engine.removeEventListener(type, onEvent);
      resolve(event as T);
    };
    engine.addEventListener(type, onEvent);
  });
}

/** An acknowledged edit and the location that made it. */
export type AckRecord = AckedUpdate & { readonly locationName: string };

/** Records every edit `engine` gets acknowledged. */
export function collectAcks(engine: MeetSyncEngine, into: AckRecord[]): void {
  engine.addEventListener('acknowledged', (event) => {
    for (const update of event.updates) {
      into.push({ ...update, locationName: engine.locationName ?? '' });
    }
  });
}

/** Every acknowledged edit is in the log at its number; no (session, localSeqNum) twice. */
export function assertLogHonoursAcks(
  log: readonly StoredLine[],
  acked: readonly AckRecord[],
): void {
  const seen = new Set<string>();
  for (const line of log) {
    if (line.sessionId === undefined) continue;
    const id = `${line.sessionId}/${String(line.localSeqNum)}`;
    assert.equal(seen.has(id), false, `logged twice: ${id}`);
    seen.add(id);
  }
  for (const update of acked) {
    const line = log[update.serverSeqNum - 1];
    assert.deepEqual(
      line && [line.updateKey, line.updateValue, line.locationName],
      [update.updateKey, update.updateValue, update.locationName],
      `acked edit ${update.updateKey} is at ${update.serverSeqNum}`,
    );
  }
}
