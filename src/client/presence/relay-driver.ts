// Relay mode on each connection: the server's SERVER_HELLO is the first frame and names the
// client id (asked for again with `?client_id=` on every reconnect); PRESENCE_JOIN/LEAVE text
// frames become peer events; every other frame is a peer's opaque frame, a `message` event.

import type { PlayerSnapshot, PresenceData } from '../../protocol/presence/messages.ts';
import type { PresenceFrame } from '../../protocol/presence/text-frames.ts';
import type { IncomingData } from '../reconnecting-socket-events.ts';
import type { RelayCodec } from './codecs.ts';
import type { DriverHost, ModeDriver } from './mode-driver.ts';
import { PeerEvent, PresenceClientError, RelayMessageEvent } from './presence-events.ts';

export class RelayDriver implements ModeDriver {
  readonly #host: DriverHost;
  readonly #codec: RelayCodec;
  #awaitingHello = false;

  constructor(host: DriverHost, codec: RelayCodec) {
    this.#host = host;
    this.#codec = codec;
  }

  query(token: string | undefined): Readonly<Record<string, string | undefined>> {
    const host = this.#host;
    return {
      client_id: host.clientId,
      display_name: host.displayName,
      user_id: host.userId,
      // Browsers cannot set headers on a WebSocket: the query is the one place for the token.
      auth_token: token,
    };
  }

  opened(): void {
    this.#awaitingHello = true;
  }

  received(data: IncomingData): void {
    const host = this.#host;
    if (this.#awaitingHello) {
      // The server sends SERVER_HELLO before anything can be relayed to this connection, so
      // only the first frame can be it: a peer's look-alike later on is just a message.
      this.#awaitingHello = false;
      const frame = typeof data === 'string' ? this.#codec.decodeControl(data) : undefined;
      if (frame?.type === 'SERVER_HELLO') {
        // Relay clients are not told who is already in the room: start from nobody.
        host.world.clear();
        host.joined(frame.client_id, '');
        return;
      }
      host.emitError(new PresenceClientError('bad-server-frame', 'expected SERVER_HELLO first'));
    }
    if (typeof data === 'string') {
      const frame = this.#codec.decodeControl(data);
      if (
        (frame?.type === 'PRESENCE_JOIN' || frame?.type === 'PRESENCE_LEAVE') &&
        frame.room_id === host.roomId
      ) {
        this.#presence(frame);
        return;
      }
    }
    host.emit(new RelayMessageEvent(data));
  }

  lost(): void {
    this.#awaitingHello = false;
  }

  stop(): void {
    this.#awaitingHello = false;
  }

  #presence(frame: PresenceFrame): void {
    const { world } = this.#host;
    const displayName = frame.display_name ?? '';
    let player: PlayerSnapshot | undefined;
    if (frame.type === 'PRESENCE_JOIN') {
      const data: PresenceData = {
        displayName,
        avatarUrl: '',
        position: null,
        rotation: null,
        avatarConfig: null,
        hostClientId: '',
      };
      player = world.upsertPlayer(frame.client_id, data);
    } else {
      player = world.removePlayer(frame.client_id);
    }
    const type = frame.type === 'PRESENCE_JOIN' ? 'peerJoined' : 'peerLeft';
    this.#host.emit(
      new PeerEvent(type, {
        clientId: frame.client_id,
        userId: frame.user_id,
        displayName,
        data: null,
        player,
      }),
    );
  }
}
