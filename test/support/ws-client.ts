// A WebSocket test client over a real socket that buffers every frame from the moment it
// connects, so `waitFor(predicate)` never misses a frame that arrived before it was called.

import { once } from 'node:events';
import { WebSocket, type ClientOptions } from 'ws';

export interface ReceivedFrame {
  readonly data: Buffer;
  readonly isBinary: boolean;
  readonly text: string;
}

export interface CloseInfo {
  readonly code: number;
  readonly reason: string;
}

export class TestClient implements AsyncDisposable {
  readonly socket: WebSocket;
  readonly frames: ReceivedFrame[] = [];
  readonly closed: Promise<CloseInfo>;
  private cursor = 0;
  private waiters: (() => void)[] = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      this.frames.push({ data, isBinary, text: isBinary ? '' : data.toString('utf8') });
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      socket.once('close', (code: number, reason: Buffer) => {
        resolve({ code, reason: reason.toString('utf8') });
        this.wake();
      });
    });
    socket.on('error', () => {
      // Surfaced through `closed`; an unhandled 'error' would crash the test process.
    });
  }

  static async connect(
    url: string,
    options: ClientOptions & { protocols?: string[] } = {},
  ): Promise<TestClient> {
    const socket = new WebSocket(url, options.protocols ?? [], options);
    const client = new TestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => {
        resolve();
      });
      socket.once('unexpected-response', (_request, response) => {
        reject(new Error(`upgrade refused with HTTP ${response.statusCode}`));
      });
      socket.once('error', reject);
    });
    return client;
  }

  send(data: string | Buffer): void {
    this.socket.send(data);
  }

  sendJson(value: unknown): void {
    this.socket.send(JSON.stringify(value));
  }

  /** The next unconsumed frame matching `predicate` (frames before it are skipped). */
  async waitFor(
    predicate: (frame: ReceivedFrame) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<ReceivedFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.frames.length) {
        const frame = this.frames[this.cursor++]!;
        if (predicate(frame)) return frame;
      }
      if (this.socket.readyState === WebSocket.CLOSED) {
        throw new Error('connection closed while waiting for a frame');
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no matching frame within ${timeoutMs} ms`);
      await this.sleepUntilWoken(remaining);
    }
  }

  async waitForJson<T = Record<string, unknown>>(
    predicate: (value: T) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<T> {
    const frame = await this.waitFor((candidate) => {
      if (candidate.isBinary) return false;
      return predicate(JSON.parse(candidate.text) as T);
    }, timeoutMs);
    return JSON.parse(frame.text) as T;
  }

  /** Resolves with the close code and reason, failing after `timeoutMs`. */
  async waitForClose(timeoutMs = 5000): Promise<CloseInfo> {
    return withTimeout(this.closed, timeoutMs, 'connection did not close');
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close();
    await withTimeout(once(this.socket, 'close'), 2000, 'close timed out').catch(() => {
      this.socket.terminate();
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private sleepUntilWoken(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** Attempt an upgrade that should be refused; resolves with the HTTP status and JSON body. */
export async function expectRefusedUpgrade(
  url: string,
  options: ClientOptions & { protocols?: string[] } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, unknown> }> {
  const socket = new WebSocket(url, options.protocols ?? [], options);
  return withTimeout(
    new Promise((resolve, reject) => {
      socket.once('open', () => {
        socket.terminate();
        reject(new Error('upgrade was accepted'));
      });
      socket.once('unexpected-response', (_request, response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
            headers: response.headers,
          });
          socket.terminate();
        });
      });
      socket.once('error', reject);
    }),
    5000,
    'no answer to the upgrade',
  );
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${message} within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `condition` until it holds (for state the test cannot await directly). */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
