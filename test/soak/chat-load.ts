// The chat soak load and its end check. Real ChatClients (the SDK, with its outbox) of a few
// users, two tabs each, in two open rooms, send messages through the fault proxy. At the end the
// rooms are read over the HTTP API, page by page: every message the SDK reported delivered is
// stored exactly once under the id it was given, nothing is left unconfirmed, and every client
// was handed every stored message of its rooms exactly once.

import { ChatClient } from '../../src/client/chat/index.ts';
import { countBy, poll, type Violations } from './soak-support.ts';

const PASSWORD = 'soak chat password';

interface StoredMessage {
  readonly id: string;
  readonly room_id: string;
  readonly client_message_id: string | null;
  readonly content: string;
}

interface Tab {
  readonly name: string;
  readonly client: ChatClient;
  /** message id → times the client dispatched it. */
  readonly received: Map<string, number>;
  /** client_message_id → [times delivered, message id]. */
  readonly delivered: Map<string, { count: number; messageId: string }>;
  readonly sent: Map<string, string>;
  failed: number;
}

export interface ChatFigures {
  clients: number;
  rooms: number;
  sent: number;
  delivered: number;
  failed: number;
  received: number;
}

export interface ChatLoadOptions {
  readonly url: string;
  /** The server's HTTP base, straight (setup and the end check do not go through the proxy). */
  readonly httpUrl: string;
  readonly clients: number;
  readonly sendEveryMs: number;
  readonly random: () => number;
}

export class ChatLoad {
  readonly figures: ChatFigures;
  reconnects = 0;
  readonly #options: ChatLoadOptions;
  readonly #tabs: Tab[] = [];
  readonly #rooms: string[] = [];
  #adminToken = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;

  constructor(options: ChatLoadOptions) {
    this.#options = options;
    this.figures = {
      clients: options.clients,
      rooms: 2,
      sent: 0,
      delivered: 0,
      failed: 0,
      received: 0,
    };
  }

  /** First-run setup, users, two open rooms with a first message each, every tab synced. */
  async setUp(): Promise<void> {
    const setup = await this.#post('/setup', {
      email: 'admin@soak.test',
      name: 'Admin',
      password: PASSWORD,
    });
    this.#adminToken = setup.session_token as string;
    const tokens: string[] = [];
    const users = Math.ceil(this.#options.clients / 2);
    for (let index = 0; index < users; index++) {
      const email = `user${index}@soak.test`;
      await this.#post('/users', { email, name: `User ${index}`, password: PASSWORD }, true);
      const login = await this.#post('/auth/login', { email, password: PASSWORD });
      tokens.push(login.session_token as string);
    }
    for (const name of ['soak-a', 'soak-b']) {
      const created = await this.#post('/rooms', { kind: 'open', name }, true);
      const roomId = (created.room as { id: string }).id;
      this.#rooms.push(roomId);
      // A first message: a first connection then resumes from a real id, not "latest 50".
      await this.#post(
        `/rooms/${roomId}/messages`,
        { content: `welcome to ${name}`, client_message_id: crypto.randomUUID() },
        true,
      );
    }
    for (let index = 0; index < this.#options.clients; index++) {
      const client = new ChatClient({
        url: this.#options.url,
        sessionToken: tokens[index % users]!,
        heartbeatIntervalMs: 2000,
        heartbeatTimeoutMs: 6000,
        socket: {
          backoff: { initialDelayMs: 100, maxDelayMs: 2000 },
          backOffMinDelayMs: 500,
          connectTimeoutMs: 5000,
        },
      });
      const tab: Tab = {
        name: `user${index % users}/tab${Math.floor(index / users)}`,
        client,
        received: new Map(),
        delivered: new Map(),
        sent: new Map(),
        failed: 0,
      };
      this.#listen(tab);
      this.#tabs.push(tab);
    }
    const ready = await poll(() => this.#tabs.every((tab) => tab.client.state === 'ready'), 30_000);
    if (!ready) throw new Error('chat: not every client became ready');
  }

  start(): void {
    this.#running = true;
    this.#tick();
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#timer);
  }

  /** Every outbox empty, every client ready and handed the last stored message. */
  async settled(): Promise<boolean> {
    if (
      !this.#tabs.every((tab) => tab.client.state === 'ready' && tab.client.outbox.length === 0)
    ) {
      return false;
    }
    const stored = await this.#stored();
    const last = stored
      .map((message) => message.id)
      .sort()
      .at(-1);
    return last === undefined || this.#tabs.every((tab) => tab.received.has(last));
  }

  describeUnsettled(): string {
    return this.#tabs
      .map((tab) => `${tab.name}: ${tab.client.state}, outbox ${tab.client.outbox.length}`)
      .join('; ');
  }

  async check(violations: Violations): Promise<void> {
    const stored = await this.#stored();
    const byClientId = countBy(
      stored.filter((message) => message.client_message_id !== null),
      (message) => message.client_message_id!,
    );
    for (const [clientMessageId, count] of byClientId) {
      if (count > 1) violations.add('chat: message stored twice', `${clientMessageId} ×${count}`);
    }
    const storedById = new Map(stored.map((message) => [message.id, message]));
    const storedByClientId = new Map(stored.map((message) => [message.client_message_id, message]));
    for (const tab of this.#tabs) {
      for (const [clientMessageId, { count, messageId }] of tab.delivered) {
        const message = storedByClientId.get(clientMessageId);
        if (message === undefined) {
          violations.add('chat: delivered message lost', `${tab.name}: ${clientMessageId}`);
        } else if (message.id !== messageId || message.content !== tab.sent.get(clientMessageId)) {
          violations.add(
            'chat: delivered message stored differently',
            `${tab.name}: ${clientMessageId} delivered as ${messageId}, stored as ${message.id}`,
          );
        }
        if (count > 1)
          violations.add('chat: delivered twice', `${tab.name}: ${clientMessageId} ×${count}`);
      }
      for (const clientMessageId of tab.sent.keys()) {
        if (!tab.delivered.has(clientMessageId)) {
          violations.add('chat: sent message never delivered', `${tab.name}: ${clientMessageId}`);
        }
      }
      for (const message of stored) {
        const count = tab.received.get(message.id) ?? 0;
        if (count !== 1) {
          violations.add(
            count === 0 ? 'chat: client never received a message' : 'chat: client received twice',
            `${tab.name}: ${message.id} ×${count}`,
          );
        }
      }
      for (const id of tab.received.keys()) {
        if (!storedById.has(id))
          violations.add('chat: client received an unknown id', `${tab.name}: ${id}`);
      }
      if (tab.failed > 0) violations.add('chat: sends refused', `${tab.name}: ${tab.failed}`);
    }
  }

  async close(): Promise<void> {
    this.stop();
    await Promise.all(this.#tabs.map((tab) => tab.client.close()));
  }

  #listen(tab: Tab): void {
    const { client } = tab;
    client.addEventListener('message', (event) => {
      this.figures.received++;
      tab.received.set(event.message.id, (tab.received.get(event.message.id) ?? 0) + 1);
    });
    client.addEventListener('delivered', (event) => {
      this.figures.delivered++;
      const before = tab.delivered.get(event.clientMessageId);
      tab.delivered.set(event.clientMessageId, {
        count: (before?.count ?? 0) + 1,
        messageId: event.messageId,
      });
    });
    client.addEventListener('failed', () => {
      this.figures.failed++;
      tab.failed++;
    });
    let wasReady = false;
    client.addEventListener('synced', () => {
      if (wasReady) this.reconnects++;
      wasReady = true;
    });
  }

  #tick(): void {
    if (!this.#running) return;
    const { random, sendEveryMs } = this.#options;
    for (const tab of this.#tabs) {
      if (random() < 0.5) continue;
      const roomId = this.#rooms[Math.floor(random() * this.#rooms.length)]!;
      const content = `${tab.name} says ${tab.sent.size + 1}`;
      tab.sent.set(tab.client.send(roomId, content), content);
      this.figures.sent++;
    }
    this.#timer = setTimeout(
      () => {
        this.#tick();
      },
      sendEveryMs * 2 * random(),
    );
  }

  async #stored(): Promise<StoredMessage[]> {
    const all: StoredMessage[] = [];
    for (const roomId of this.#rooms) {
      for (let after = '0'; ;) {
        const page = await this.#get(`/rooms/${roomId}/messages?after=${after}&limit=200`);
        const messages = page.messages as StoredMessage[];
        all.push(...messages);
        if (page.has_more !== true || messages.length === 0) break;
        after = messages.at(-1)!.id;
      }
    }
    return all;
  }

  async #get(path: string): Promise<Record<string, unknown>> {
    return this.#call('GET', path, undefined, true);
  }

  async #post(path: string, body: unknown, asAdmin = false): Promise<Record<string, unknown>> {
    return this.#call('POST', path, body, asAdmin);
  }

  async #call(
    method: string,
    path: string,
    body: unknown,
    asAdmin: boolean,
  ): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = {};
    if (asAdmin) headers.authorization = `Bearer ${this.#adminToken}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.#options.httpUrl}/chat/api${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`chat ${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  }
}
