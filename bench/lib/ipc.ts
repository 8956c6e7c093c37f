// Typed request/response over a Node IPC channel, used between the bench runner and its
// children (server probe, load generator). Requests carry an id and are answered with it;
// messages without an id are events (progress lines).

import type { ChildProcess } from 'node:child_process';

/** A command table: each command's request and result types. */
export type CommandShape<C> = { [K in keyof C]: { request: unknown; result: unknown } };

interface RequestMessage {
  readonly id: number;
  readonly cmd: string;
  readonly body: unknown;
}

interface ReplyMessage {
  readonly id: number;
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: string;
}

export interface EventMessage {
  readonly event: string;
  readonly text?: string;
}

interface Waiter {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** The parent's side: send commands to one child, receive its events. */
export class IpcPeer<C extends CommandShape<C>> {
  private readonly child: ChildProcess;
  private readonly label: string;
  private readonly waiters = new Map<number, Waiter>();
  private nextId = 1;
  private eventHandler: (event: EventMessage) => void = () => undefined;

  constructor(child: ChildProcess, label: string) {
    this.child = child;
    this.label = label;
    child.on('message', (message: unknown) => {
      this.receive(message);
    });
    child.once('exit', (code, signal) => {
      this.failAll(new Error(`${label} exited (${signal ?? `code ${code}`})`));
    });
  }

  onEvent(handler: (event: EventMessage) => void): void {
    this.eventHandler = handler;
  }

  /** Sends a command; rejects when the child fails it, exits, or takes longer than `timeoutMs`. */
  request<K extends keyof C & string>(
    cmd: K,
    body: C[K]['request'],
    timeoutMs: number,
  ): Promise<C[K]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new Error(`${this.label}: "${cmd}" took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(id, { resolve, reject, timer });
      const message: RequestMessage = { id, cmd, body };
      this.child.send(message, (error) => {
        if (error) this.settle(id, { id, ok: false, error: error.message });
      });
    });
  }

  private receive(message: unknown): void {
    if (typeof message !== 'object' || message === null) return;
    if ('id' in message) this.settle((message as ReplyMessage).id, message as ReplyMessage);
    else if ('event' in message) this.eventHandler(message as EventMessage);
  }

  private settle(id: number, reply: ReplyMessage): void {
    const waiter = this.waiters.get(id);
    if (waiter === undefined) return;
    this.waiters.delete(id);
    clearTimeout(waiter.timer);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`${this.label}: ${reply.error ?? 'failed'}`));
  }

  private failAll(error: Error): void {
    for (const [id, waiter] of this.waiters) {
      clearTimeout(waiter.timer);
      this.waiters.delete(id);
      waiter.reject(error);
    }
  }
}

export type CommandHandlers<C extends CommandShape<C>> = {
  [K in keyof C]: (request: C[K]['request']) => Promise<C[K]['result']> | C[K]['result'];
};

/** The child's side: answer the parent's commands. Does nothing without an IPC channel. */
export function serveIpc<C extends CommandShape<C>>(handlers: CommandHandlers<C>): boolean {
  const send = process.send?.bind(process);
  if (send === undefined) return false;
  process.on('message', (message: unknown) => {
    if (typeof message !== 'object' || message === null || !('cmd' in message)) return;
    const { id, cmd, body } = message as RequestMessage;
    const reply = (payload: ReplyMessage): void => {
      if (process.connected) send(payload);
    };
    const handler = Object.hasOwn(handlers, cmd)
      ? (handlers as Record<string, (request: unknown) => unknown>)[cmd]
      : undefined;
    if (handler === undefined) {
      reply({ id, ok: false, error: `unknown command "${cmd}"` });
      return;
    }
    Promise.resolve()
      .then(() => handler(body))
      .then(
        (result) => {
          reply({ id, ok: true, result });
        },
        (error: unknown) => {
          reply({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
        },
      );
  });
  return true;
}

/** Sends an event (a progress line) to the parent, when there is one. */
export function emitEvent(event: EventMessage): void {
  if (process.connected) process.send?.(event);
}
