// A WebSocket client on a bare TCP socket, for what a library client cannot do on demand:
// stop reading entirely (slow consumers), then resume and parse exactly the frames that were
// sent. Handles only what a server sends: unmasked, unfragmented frames.

import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface RawFrame {
  readonly opcode: number;
  readonly payload: Buffer;
}

export class RawWebSocketClient {
  readonly socket: Socket;
  readonly frames: RawFrame[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private readonly ended: Promise<void>;

  private constructor(socket: Socket) {
    this.socket = socket;
    this.ended = new Promise((resolve) =>
      socket.once('close', () => {
        resolve();
      }),
    );
  }

  /** Opens a TCP connection and completes the upgrade handshake for `path`. */
  static async connect(port: number, path: string): Promise<RawWebSocketClient> {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => {
      // Resets are expected when the server cuts a slow consumer; `closed()` reports the end.
    });
    const client = new RawWebSocketClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => {
        socket.write(
          [
            `GET ${path} HTTP/1.1`,
            `Host: 127.0.0.1:${port}`,
            'Upgrade: websocket',
            'Connection: Upgrade',
            `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
            'Sec-WebSocket-Version: 13',
            '',
            '',
          ].join('\r\n'),
        );
      });
      let head = Buffer.alloc(0);
      const onData = (chunk: Buffer): void => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end === -1) return;
        socket.off('data', onData);
        const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
        if (!statusLine.includes(' 101 ')) {
          reject(new Error(`upgrade refused: ${statusLine}`));
          return;
        }
        client.buffer = head.subarray(end + 4);
        socket.on('data', (data: Buffer) => {
          client.receive(data);
        });
        client.parse();
        resolve();
      };
      socket.on('data', onData);
      socket.once('error', reject);
    });
    return client;
  }

  /** Stop reading: the kernel buffers fill up and the server sees a slow consumer. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  get isClosed(): boolean {
    return this.socket.destroyed;
  }

  closed(): Promise<void> {
    return this.ended;
  }

  destroy(): void {
    this.socket.destroy();
  }

  private receive(data: Buffer): void {
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
    this.parse();
  }

  private parse(): void {
    for (;;) {
      if (this.buffer.length < 2) return;
      const opcode = this.buffer[0]! & 0x0f;
      let length = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffer.length < 4) return;
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return;
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffer.length < offset + length) return;
      this.frames.push({ opcode, payload: this.buffer.subarray(offset, offset + length) });
      this.buffer = this.buffer.subarray(offset + length);
    }
  }
}
