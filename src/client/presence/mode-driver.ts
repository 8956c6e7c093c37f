// The seam between a PresenceClient and its mode: the client owns the socket, the state, the
// client id and the events; a driver (relay-driver.ts, protobuf-driver.ts) speaks its codec on
// each connection. Both sides are described here so neither imports the other's class.

import type { ReconnectingSocket } from '../reconnecting-socket.ts';
import type { IncomingData } from '../reconnecting-socket-events.ts';
import type { PresenceSettings } from './client-options.ts';
import type { PresenceClientError } from './presence-events.ts';
import type { PresenceWorld } from './world-model.ts';

/** What a driver may use of its client. */
export interface DriverHost {
  readonly socket: ReconnectingSocket;
  readonly roomId: string;
  readonly settings: PresenceSettings;
  readonly world: PresenceWorld;
  readonly displayName: string | undefined;
  readonly userId: string | undefined;
  /** The id to ask for: the one assigned last, else the one configured. */
  readonly clientId: string | undefined;
  emit(event: Event): void;
  emitError(error: PresenceClientError): void;
  /** The server's hello arrived: the client is in the room under `clientId`. */
  joined(clientId: string, serverVersion: string): void;
}

/** One mode's side of every connection. */
export interface ModeDriver {
  /** Query parameters of the next attempt's URL (`token` already resolved for it). */
  query(token: string | undefined): Readonly<Record<string, string | undefined>>;
  /** A socket opened; `token` is the one resolved for this attempt. */
  opened(token: string | undefined): void;
  received(data: IncomingData): void;
  /** The socket ended (a reconnect may follow). */
  lost(): void;
  /** The client closed: stop timers. */
  stop(): void;
}
