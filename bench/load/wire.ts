// The only part of the client that differs between servers: how a frame is wrapped. Plain
// WebSocket servers get the payload as is. Socket.IO gets Engine.IO v4 over its websocket
// transport: answer the open packet "0{…}" with "40", wait for "40{…}", answer pings "2" with
// "3", send events as 42["pub",payload] and receive them as 42["msg",payload].

import type { WireProtocol } from './commands.ts';

/** What the adapter may do to the connection it is reading for. */
export interface WireEndpoint {
  sendText(text: string): void;
  markReady(): void;
  fail(reason: string): void;
}

export interface WireAdapter {
  /** True when the WebSocket 'open' event completes the handshake. */
  readonly readyOnOpen: boolean;
  /** Offset of the app payload in a received frame, or -1 when it was protocol traffic. */
  payloadOffset(frame: Buffer, endpoint: WireEndpoint): number;
  /** The frame that publishes `payload`. */
  encode(payload: string): string;
}

const plain: WireAdapter = {
  readyOnOpen: true,
  payloadOffset: () => 0,
  encode: (payload) => payload,
};

const CHAR_0 = 0x30;
const CHAR_2 = 0x32;
const CHAR_4 = 0x34;
/** `42["msg","` — the payload of an event starts right after it. */
const EVENT_PREFIX_LENGTH = '42["msg","'.length;

const socketIo: WireAdapter = {
  readyOnOpen: false,
  payloadOffset(frame, endpoint) {
    const type = frame[0];
    if (type === CHAR_4) {
      const packet = frame[1];
      if (packet === CHAR_2) return EVENT_PREFIX_LENGTH;
      if (packet === CHAR_0) endpoint.markReady();
      else if (packet === CHAR_4) endpoint.fail(`connect_error ${frame.toString('utf8', 2)}`);
    } else if (type === CHAR_0) {
      endpoint.sendText('40');
    } else if (type === CHAR_2) {
      endpoint.sendText('3');
    }
    return -1;
  },
  encode: (payload) => `42["pub","${payload}"]`,
};

export function wireAdapter(protocol: WireProtocol): WireAdapter {
  return protocol === 'socket.io' ? socketIo : plain;
}
