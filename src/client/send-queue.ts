// The client's bounded offline send queue: messages that could not go out at once wait here in
// order, capped by count and by bytes (UTF-8 for text), each copied so its sender may reuse the
// buffer. Also the byte counting behind the caps. No sockets, no timers: unit-tested on its own.

export type OutgoingData = string | ArrayBuffer | ArrayBufferView;

export interface SendQueueLimits {
  /** Cap on messages waiting; beyond it `push` refuses. */
  readonly maxMessages: number;
  /** Cap on bytes (UTF-8 for text) waiting; beyond it `push` refuses. */
  readonly maxBytes: number;
}

interface QueuedMessage {
  readonly data: string | ArrayBuffer;
  readonly bytes: number;
}

/** A FIFO of outgoing messages bounded by count and bytes, that keeps its byte total current. */
export class SendQueue {
  readonly maxMessages: number;
  readonly maxBytes: number;
  #messages: QueuedMessage[] = [];
  #bytes = 0;

  constructor({ maxMessages, maxBytes }: SendQueueLimits) {
    for (const [name, value] of Object.entries({ maxMessages, maxBytes })) {
      if (!Number.isFinite(value) || value < 0) {
        throw new RangeError(`${name} must be a finite number >= 0: ${value}`);
      }
    }
    this.maxMessages = maxMessages;
    this.maxBytes = maxBytes;
  }

  /** Messages waiting. */
  get size(): number {
    return this.#messages.length;
  }

  /** Bytes waiting, as counted by `byteLength`. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Appends a copy of `data`. false: either cap would be exceeded, and nothing was queued. */
  push(data: OutgoingData): boolean {
    const bytes = byteLength(data);
    if (this.#messages.length >= this.maxMessages || this.#bytes + bytes > this.maxBytes) {
      return false;
    }
    // Copy binary data as WebSocket.send would: the caller may reuse its buffer once we return.
    this.#messages.push({ data: snapshot(data), bytes });
    this.#bytes += bytes;
    return true;
  }

  /** Removes and returns the oldest message; undefined when empty. */
  shift(): string | ArrayBuffer | undefined {
    const message = this.#messages.shift();
    if (message === undefined) return undefined;
    this.#bytes -= message.bytes;
    return message.data;
  }

  /** Empties the queue; returns what it held, oldest first. */
  clear(): (string | ArrayBuffer)[] {
    const messages = this.#messages.map((message) => message.data);
    this.#messages = [];
    this.#bytes = 0;
    return messages;
  }
}

/** A copy that owns its bytes: views become a standalone ArrayBuffer of just their range. */
export function snapshot(data: OutgoingData): string | ArrayBuffer {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return data.slice(0);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice().buffer;
}

/** The size on the wire: UTF-8 bytes for text (without allocating), byteLength for binary. */
export function byteLength(data: OutgoingData): number {
  if (typeof data !== 'string') return data.byteLength;
  let bytes = 0;
  for (let i = 0; i < data.length; i++) {
    const unit = data.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && (data.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3; // the rest of the BMP, and lone surrogates (sent as U+FFFD)
  }
  return bytes;
}
