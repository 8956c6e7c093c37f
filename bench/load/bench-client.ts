// One load-generator connection: the same `ws` client for every server under test, with only
// the wire adapter differing. App payloads go to a handler the current phase installs.

import { WebSocket, type RawData } from 'ws';
import type { WireAdapter, WireEndpoint } from './wire.ts';

export type PayloadHandler = (frame: Buffer, offset: number) => void;

const ignorePayload: PayloadHandler = () => undefined;

export class BenchClient implements WireEndpoint {
  readonly ws: WebSocket;
  /** Resolves once the server has completed the protocol handshake; rejects on failure. */
  readonly ready: Promise<void>;
  onPayload: PayloadHandler = ignorePayload;
  isReady = false;
  isClosed = false;
  private readonly adapter: WireAdapter;
  private settle: (error?: Error) => void = () => undefined;

  constructor(url: string, localAddress: string, adapter: WireAdapter, timeoutMs: number) {
    this.adapter = adapter;
    this.ready = new Promise<void>((resolve, reject) => {
      this.settle = (error) => {
        this.settle = () => undefined;
        if (error === undefined) resolve();
        else reject(error);
      };
    });
    this.ws = new WebSocket(url, {
      perMessageDeflate: false,
      // Identical for every server and saves the generator's CPU for counting deliveries.
      skipUTF8Validation: true,
      localAddress,
      handshakeTimeout: timeoutMs,
    });
    this.ws.on('open', () => {
      if (adapter.readyOnOpen) this.markReady();
    });
    this.ws.on('message', (data: RawData) => {
      const frame = data as Buffer;
      const offset = this.adapter.payloadOffset(frame, this);
      if (offset >= 0) this.onPayload(frame, offset);
    });
    this.ws.on('error', (error) => {
      this.fail(error.message);
    });
    this.ws.on('close', () => {
      this.isClosed = true;
      this.fail('closed before the handshake completed');
    });
  }

  sendText(text: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  markReady(): void {
    this.isReady = true;
    this.settle();
  }

  fail(reason: string): void {
    this.settle(new Error(reason));
  }

  /** Publish one payload, wrapped for this server's protocol. */
  publish(payload: string): void {
    this.sendText(this.adapter.encode(payload));
  }

  resetPayloadHandler(): void {
    this.onPayload = ignorePayload;
  }
}
