// What a ReconnectingSocket tells its listeners: the event classes, the map from event name to
// class, and a typed EventTarget base so `addEventListener('close', (e) => e.code)` type-checks.
// Standard web APIs only (Event, EventTarget): browsers and Node 24 alike.

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

type Listener = Parameters<EventTarget['addEventListener']>[1];
type AddOptions = Parameters<EventTarget['addEventListener']>[2];
type RemoveOptions = Parameters<EventTarget['removeEventListener']>[2];
// What the implementations take: while M is generic, TypeScript does not see `(event: M[K]) => void`
// as an EventListener (it is one: every M[K] is an Event), hence the `never` and the cast.
type AnyListener = Listener | ((event: never) => void);

/** An EventTarget whose listeners for the names in `M` receive `M`'s event classes. */
export class TypedEventTarget<M extends Record<keyof M, Event>> extends EventTarget {
  // Typed listeners: the event map's names get their event classes; any other name stays open.
  override addEventListener<K extends keyof M & string>(
    type: K,
    listener: (event: M[K]) => void,
    options?: AddOptions,
  ): void;
  override addEventListener(type: string, listener: Listener, options?: AddOptions): void;
  override addEventListener(type: string, listener: AnyListener, options?: AddOptions): void {
    super.addEventListener(type, listener as Listener, options);
  }

  override removeEventListener<K extends keyof M & string>(
    type: K,
    listener: (event: M[K]) => void,
    options?: RemoveOptions,
  ): void;
  override removeEventListener(type: string, listener: Listener, options?: RemoveOptions): void;
  override removeEventListener(type: string, listener: AnyListener, options?: RemoveOptions): void {
    super.removeEventListener(type, listener as Listener, options);
  }
}
