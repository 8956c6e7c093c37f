// One stay in one room through the presence SDK: who else is here and where (x/z of their
// poses), this client's own position, and the poses it sends. Protobuf mode uses the SDK's
// PositionUpdate (throttled by the client, identities stamped by the server, the world of a
// late joiner in ServerHello). Relay mode sends the page's own pose frames (relay-pose.ts)
// through the SDK's PoseThrottle, and says where it is again whenever someone joins, since a
// relay newcomer is not told who was already there.

import {
  PoseThrottle,
  PresenceClient,
  type PeerEvent,
  type PresenceClientState,
  type PresenceCodec,
} from '../../client/presence/index.ts';
import { decodeRelayPose, encodeRelayPose } from './relay-pose.ts';
import { EXTENT } from './room-map.ts';

export type RoomMode = 'relay' | 'protobuf';

export interface Peer {
  readonly clientId: string;
  readonly name: string;
  /** Undefined until the peer's first pose. */
  readonly x: number | undefined;
  readonly z: number | undefined;
}

export interface RoomSessionInit {
  readonly url: string;
  readonly roomId: string;
  readonly displayName: string;
  readonly mode: RoomMode;
  readonly token: string | undefined;
  /** Something changed: peers, positions or the connection state. */
  readonly onChange: () => void;
  /** A line for the join/leave log. */
  readonly onLog: (line: string) => void;
  /** An error worth showing (refused credentials, a refused frame). */
  readonly onError: (message: string) => void;
}

/** Poses per second at most, as protobuf mode's default. */
const POSE_INTERVAL_MS = 50;

export class RoomSession {
  readonly #init: RoomSessionInit;
  readonly #client: PresenceClient;
  readonly #peers = new Map<string, Peer>();
  readonly #relayPoses: PoseThrottle | undefined;
  #x: number;
  #z: number;

  private constructor(init: RoomSessionInit, codec: PresenceCodec | undefined) {
    this.#init = init;
    // Start somewhere near the middle, not all on the same spot.
    this.#x = snap((Math.random() - 0.5) * EXTENT);
    this.#z = snap((Math.random() - 0.5) * EXTENT);
    this.#client = new PresenceClient({
      url: init.url,
      roomId: init.roomId,
      displayName: init.displayName,
      poseIntervalMs: POSE_INTERVAL_MS,
      ...(init.token === undefined ? {} : { token: init.token }),
      ...(codec === undefined ? {} : { codec }),
    });
    this.#relayPoses =
      init.mode === 'relay'
        ? new PoseThrottle(POSE_INTERVAL_MS, (poses) => {
            for (const pose of poses) this.#writeRelayPose(pose.position.x, pose.position.z);
          })
        : undefined;
    this.#listen();
  }

  /** Joins; protobuf mode loads the SDK's protobuf entry first (relay pages never need it). */
  static async join(init: RoomSessionInit): Promise<RoomSession> {
    if (init.mode === 'relay') return new RoomSession(init, undefined);
    const { ProtobufCodec } = await import('../../client/presence/protobuf.ts');
    return new RoomSession(init, new ProtobufCodec());
  }

  get state(): PresenceClientState {
    return this.#client.state;
  }

  get clientId(): string | undefined {
    return this.#client.clientId;
  }

  get position(): { x: number; z: number } {
    return { x: this.#x, z: this.#z };
  }

  /** Peers by name, then id. */
  get peers(): Peer[] {
    return [...this.#peers.values()].sort(
      (a, b) => a.name.localeCompare(b.name) || a.clientId.localeCompare(b.clientId),
    );
  }

  /** Moves this client's dot (clamped to the map) and tells the room. */
  moveTo(x: number, z: number): void {
    this.#x = snap(clamp(x));
    this.#z = snap(clamp(z));
    this.#sendPose();
    this.#init.onChange();
  }

  leave(): void {
    this.#relayPoses?.stop();
    this.#client.close();
  }

  #listen(): void {
    const client = this.#client;
    client.addEventListener('hello', () => {
      this.#peers.clear();
      for (const player of client.world.players.values()) {
        this.#setPeer(player.clientId, player.displayName, player.position ?? undefined);
      }
      this.#relayPoses?.resume();
      this.#sendPose();
      this.#init.onChange();
    });
    client.addEventListener('statechange', (event) => {
      if (event.state !== 'ready') this.#relayPoses?.pause();
      this.#init.onChange();
    });
    client.addEventListener('peerJoined', (event) => {
      this.#joined(event);
    });
    client.addEventListener('peerUpdated', (event) => {
      const known = this.#peers.get(event.clientId);
      this.#setPeer(
        event.clientId,
        event.displayName || known?.name,
        event.player?.position ?? undefined,
      );
      this.#init.onChange();
    });
    client.addEventListener('peerLeft', (event) => {
      const known = this.#peers.get(event.clientId);
      this.#peers.delete(event.clientId);
      this.#init.onLog(`${known?.name ?? nameOf(event)} left`);
      this.#init.onChange();
    });
    client.addEventListener('pose', (event) => {
      if (event.subject !== 'player' || event.position === null) return;
      const known = this.#peers.get(event.entityId);
      this.#setPeer(event.entityId, known?.name, event.position);
      this.#init.onChange();
    });
    client.addEventListener('message', (event) => {
      const pose = decodeRelayPose(event.data);
      if (pose === undefined || pose.clientId === client.clientId) return;
      if (!this.#peers.has(pose.clientId)) this.#init.onLog(`${pose.displayName} is here`);
      this.#setPeer(pose.clientId, pose.displayName, { x: pose.x, z: pose.z });
      this.#init.onChange();
    });
    client.addEventListener('error', (event) => {
      // Transport failures are the reconnect banner's business; refusals are worth a line.
      if (event.error.code !== 'transport') this.#init.onError(event.error.message);
    });
  }

  #joined(event: PeerEvent): void {
    this.#setPeer(event.clientId, nameOf(event), event.player?.position ?? undefined);
    this.#init.onLog(`${nameOf(event)} joined`);
    // A relay newcomer learns where everyone is only from their next pose: send ours now.
    if (this.#init.mode === 'relay') this.#sendPose();
    this.#init.onChange();
  }

  #setPeer(
    clientId: string,
    name: string | undefined,
    position: { x: number; z: number } | undefined,
  ): void {
    const known = this.#peers.get(clientId);
    this.#peers.set(clientId, {
      clientId,
      name: name === undefined || name === '' ? (known?.name ?? 'anonymous') : name,
      x: position?.x ?? known?.x,
      z: position?.z ?? known?.z,
    });
  }

  #sendPose(): void {
    if (this.#client.state === 'closed') return;
    if (this.#relayPoses !== undefined) {
      const position = { x: this.#x, y: 0, z: this.#z };
      this.#relayPoses.push({ entityId: '', position, rotation: null });
      return;
    }
    if (this.#client.state !== 'ready') return; // sent again on the next hello
    this.#client.sendPose('', { x: this.#x, y: 0, z: this.#z });
  }

  #writeRelayPose(x: number, z: number): void {
    const clientId = this.#client.clientId;
    if (clientId === undefined || this.#client.state !== 'ready') return;
    this.#client.send(encodeRelayPose({ clientId, displayName: this.#init.displayName, x, z }));
  }
}

function nameOf(event: PeerEvent): string {
  return event.displayName === '' ? 'anonymous' : event.displayName;
}

function clamp(value: number): number {
  return Math.min(EXTENT, Math.max(-EXTENT, value));
}

/** To a tenth of a metre: enough for a map, and readable in the peer list. */
function snap(value: number): number {
  return Math.round(value * 10) / 10;
}
