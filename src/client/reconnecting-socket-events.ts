// What a ReconnectingSocket tells its listeners: the event classes and the map from event name to
// class that TypedEventTarget (typed-event-target.ts, re-exported here) checks listeners against.
// Standard web APIs only (Event): browsers and Node 24 alike.

import type { OutgoingData } from './send-queue.ts';

export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'closed';
export type IncomingData = string | ArrayBuffer;

export class SocketMessageEvent extends Event {
  readonly data: IncomingData;
  constructor(data: IncomingData) {
    super('message');
    this.data = data;
  }
}

/** One per underlying WebSocket that ended, opened or not (a failed attempt reports 1006). */
export class SocketCloseEvent extends Event {
  readonly code: number;
  readonly reason: string;
  readonly willReconnect: boolean;
  constructor(code: number, reason: string, willReconnect: boolean) {
    super('close');
    this.code = code;
    this.reason = reason;
    this.willReconnect = willReconnect;
  }
}

export class SocketReconnectingEvent extends Event {
  /** 1 for the first retry since the last stable connection. */
  readonly attempt: number;
  readonly delayMs: number;
  constructor(attempt: number, delayMs: number) {
    super('reconnecting');
    this.attempt = attempt;
    this.delayMs = delayMs;
  }
}

export class SocketStateChangeEvent extends Event {
  readonly state: SocketState;
  constructor(state: SocketState) {
    super('statechange');
    this.state = state;
  }
}

export type SocketErrorKind =
  'socket' | 'url' | 'connect-timeout' | 'heartbeat-timeout' | 'unsupported-data';

export class SocketErrorEvent extends Event {
  readonly kind: SocketErrorKind;
  readonly error: unknown;
  constructor(kind: SocketErrorKind, error: unknown) {
    super('error');
    this.kind = kind;
    this.error = error;
  }
}

/** Messages `send` accepted or refused that will never be sent by this socket. */
export class SocketDropEvent extends Event {
  readonly reason: 'queue-full' | 'closed';
  readonly messages: readonly OutgoingData[];
  constructor(reason: 'queue-full' | 'closed', messages: readonly OutgoingData[]) {
    super('drop');
    this.reason = reason;
    this.messages = messages;
  }
}

export interface ReconnectingSocketEventMap {
  open: Event;
  message: SocketMessageEvent;
  close: SocketCloseEvent;
  reconnecting: SocketReconnectingEvent;
  statechange: SocketStateChangeEvent;
  error: SocketErrorEvent;
  drop: SocketDropEvent;
}

// Kept here too: the socket's users imported the base from this module before it had its own.
export { TypedEventTarget } from './typed-event-target.ts';
