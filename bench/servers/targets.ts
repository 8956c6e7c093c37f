// The servers under test: how to start each one (always with the probe and --expose-gc) and
// which URL and wire protocol its clients use. Hearth runs its real CLI with its echo app.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../lib/platform.ts';
import type { WireProtocol } from '../load/commands.ts';

export type TargetName = 'raw-ws-naive' | 'raw-ws-prepared' | 'socket.io' | 'hearth';

export interface TargetLaunch {
  readonly nodeArgs: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

export interface TargetSpec {
  readonly name: TargetName;
  readonly description: string;
  readonly protocol: WireProtocol;
  launch(port: number, dataDir: string): TargetLaunch;
  /** Where a client connects; with a room it joins that room (and receives its broadcasts). */
  url(port: number, room: string | undefined): string;
}

/** Node flags shared by every server: the probe, and a GC the probe can force. */
export const PROBE_ARGS = [
  '--expose-gc',
  '--import',
  pathToFileURL(join(REPO_ROOT, 'bench/servers/probe.ts')).href,
] as const;

/**
 * Hearth's entry point. BENCH_HEARTH_ENTRY=/path/to/other/src/cli/main.ts measures another copy
 * (e.g. a candidate change) under the same name, to A/B it against the references.
 */
const HEARTH_ENTRY = process.env.BENCH_HEARTH_ENTRY ?? 'src/cli/main.ts';

/** Hearth's limits raised so that only the server's own work is measured. */
const HEARTH_BENCH_ENV = {
  HEARTH_SERVER__MAX_CONNECTIONS: '1000000',
  HEARTH_SERVER__MAX_CONNECTIONS_PER_IP: '1000000',
  // The publisher sends up to thousands of frames per second: its inbound rate limit is lifted.
  HEARTH_WEBSOCKET__FRAMES_PER_SECOND: '1000000',
  HEARTH_WEBSOCKET__FRAME_BURST: '1000000',
};

function reference(name: TargetName, description: string, script: string): TargetSpec {
  return {
    name,
    description,
    protocol: 'ws',
    launch: (port) => ({ nodeArgs: [script], env: { BENCH_PORT: String(port) } }),
    url: (port, room) =>
      `ws://127.0.0.1:${port}/${room === undefined ? '' : `?room=${encodeURIComponent(room)}`}`,
  };
}

export const TARGETS: readonly TargetSpec[] = [
  reference(
    'raw-ws-naive',
    '`ws` WebSocketServer, ws.send(string) to each member',
    'bench/servers/raw-ws-naive.ts',
  ),
  reference(
    'raw-ws-prepared',
    '`ws` upgrade, frame encoded once, written to each net.Socket',
    'bench/servers/raw-ws-prepared.ts',
  ),
  {
    name: 'socket.io',
    description: 'Socket.IO 4.8 defaults, io.to(room).emit, websocket transport',
    protocol: 'socket.io',
    launch: (port) => ({
      nodeArgs: ['bench/servers/socketio.ts'],
      env: { BENCH_PORT: String(port) },
    }),
    url: (port, room) =>
      `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket${
        room === undefined ? '' : `&room=${encodeURIComponent(room)}`
      }`,
  },
  {
    name: 'hearth',
    description: '`hearth serve` (real CLI), built-in echo app, limits raised',
    protocol: 'ws',
    launch: (port, dataDir) => ({
      nodeArgs: [
        HEARTH_ENTRY,
        'serve',
        '--port',
        String(port),
        '--log-level',
        'warn',
        '--data-dir',
        dataDir,
      ],
      env: HEARTH_BENCH_ENV,
    }),
    url: (port, room) =>
      `ws://127.0.0.1:${port}/echo/ws${room === undefined ? '' : `?room=${encodeURIComponent(room)}`}`,
  },
];

export function isTargetName(name: string): name is TargetName {
  return TARGETS.some((target) => target.name === name);
}
