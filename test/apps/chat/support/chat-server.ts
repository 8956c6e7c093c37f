// Chat test fixtures: a Hearth server with the chat app (cheap scrypt, connection-attempt limits
// raised because every test connects from 127.0.0.1), an HTTP API helper, and a client that
// speaks the wire protocol by hand with buffered, order-aware waits.

import { randomUUID } from 'node:crypto';
import { chatConfigSchema } from '../../../../src/apps/chat/config.ts';
import { createChatApp } from '../../../../src/apps/chat/chat-app.ts';
import { PasswordHasher } from '../../../../src/core/auth/password-hasher.ts';
import { deepMerge, type RawConfig } from '../../../../src/core/config/sources.ts';
import { fetchJson, type JsonResponse } from '../../../support/http.ts';
import { startTestServer, type TestServer } from '../../../support/test-server.ts';
import { TestClient, type ReceivedFrame } from '../../../support/ws-client.ts';

export const PASSWORD = 'correct horse battery';

/** Limits that would otherwise trip over the many connections and logins of one test. */
const TEST_CHAT_CONFIG: RawConfig = {
  limits: {
    connection_attempts_per_ip_per_minute: 10_000,
    login_attempts_per_ip_per_minute: 10_000,
    login_attempts_per_account_per_minute: 10_000,
  },
};

export async function startChatServer(
  options: { chat?: RawConfig; config?: RawConfig; captureLogs?: boolean } = {},
): Promise<TestServer> {
  const chatRaw = deepMerge(TEST_CHAT_CONFIG, options.chat ?? {});
  const chat = chatConfigSchema.parse(chatRaw);
  return startTestServer({
    apps: () => [
      createChatApp(chat, { hasher: new PasswordHasher({ cost: { ln: 10, r: 8, p: 1 } }) }),
    ],
    // The chat section goes into the server config too: its `websocket` overrides are the core's.
    config: deepMerge({ apps: { chat: chatRaw } }, options.config ?? {}),
    captureLogs: options.captureLogs === true,
  });
}

export interface User {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly token: string;
}

/** Authenticated JSON calls to `/chat/api`. */
export class Api {
  readonly baseUrl: string;
  readonly token: string | undefined;

  constructor(server: TestServer | string, token?: string) {
    this.baseUrl = `${typeof server === 'string' ? server : server.url}/chat/api`;
    this.token = token;
  }

  as(token: string): Api {
    return new Api(this.baseUrl.replace(/\/chat\/api$/, ''), token);
  }

  get(path: string): Promise<JsonResponse> {
    return this.call('GET', path);
  }

  post(path: string, body?: unknown): Promise<JsonResponse> {
    return this.call('POST', path, body);
  }

  patch(path: string, body: unknown): Promise<JsonResponse> {
    return this.call('PATCH', path, body);
  }

  delete(path: string): Promise<JsonResponse> {
    return this.call('DELETE', path);
  }

  private call(method: string, path: string, body?: unknown): Promise<JsonResponse> {
    const headers: Record<string, string> = {};
    if (this.token !== undefined) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetchJson(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }
}

/** First-run setup: the admin, logged in. */
export async function setupAdmin(server: TestServer | string, name = 'Admin'): Promise<User> {
  const email = `${name.toLowerCase()}@example.test`;
  const response = await new Api(server).post('/setup', { email, name, password: PASSWORD });
  if (response.status !== 201) throw new Error(`setup: ${response.status} ${response.text}`);
  return userFrom(response, email);
}

/** A user added by `admin` and logged in. */
export async function addUser(server: TestServer, admin: User, name: string): Promise<User> {
  const email = `${name.toLowerCase()}@example.test`;
  const api = new Api(server, admin.token);
  const created = await api.post('/users', { email, name, password: PASSWORD });
  if (created.status !== 201) throw new Error(`add user: ${created.status} ${created.text}`);
  return login(server, email);
}

export async function login(server: TestServer | string, email: string): Promise<User> {
  const response = await new Api(server).post('/auth/login', { email, password: PASSWORD });
  if (response.status !== 200) throw new Error(`login: ${response.status} ${response.text}`);
  return userFrom(response, email);
}

function userFrom(response: JsonResponse, email: string): User {
  const user = response.body.user as { id: string; name: string };
  return { id: user.id, name: user.name, email, token: response.body.session_token as string };
}

/** Creates a room over HTTP and returns its id. */
export async function createRoom(
  server: TestServer,
  owner: User,
  body: Record<string, unknown>,
): Promise<string> {
  const response = await new Api(server, owner.token).post('/rooms', body);
  if (response.status !== 201) throw new Error(`create room: ${response.status} ${response.text}`);
  return (response.body.room as { id: string }).id;
}

export interface Frame {
  readonly type: string;
  readonly data?: Record<string, unknown>;
}

export type AuthMethod = 'header' | 'query' | 'message';

export interface ConnectOptions {
  readonly via?: AuthMethod;
  readonly lastSeen?: string | null;
  /** Stop after the upgrade: do not wait for SyncComplete. */
  readonly raw?: boolean;
}

/** One tab speaking the chat protocol. */
export class ChatClient implements AsyncDisposable {
  readonly socket: TestClient;
  readonly user: User | undefined;
  private readonly taken = new Set<number>();

  private constructor(socket: TestClient, user: User | undefined) {
    this.socket = socket;
    this.user = user;
  }

  static async open(server: TestServer, user: User | undefined, options: ConnectOptions = {}) {
    const via = options.via ?? 'header';
    const query = new URLSearchParams();
    if (user !== undefined && via === 'query') query.set('token', user.token);
    if (options.lastSeen != null && via !== 'message') {
      query.set('last_seen_message_id', options.lastSeen);
    }
    const search = query.size === 0 ? '' : `?${query.toString()}`;
    const headers: Record<string, string> =
      user !== undefined && via === 'header' ? { authorization: `Bearer ${user.token}` } : {};
    const socket = await TestClient.connect(server.wsUrl(`/chat/ws${search}`), { headers });
    const client = new ChatClient(socket, user);
    if (user !== undefined && via === 'message') {
      client.send('Auth', {
        session_token: user.token,
        last_seen_message_id: options.lastSeen ?? null,
      });
    }
    if (options.raw !== true) await client.next('SyncComplete');
    return client;
  }

  send(type: string, data?: Record<string, unknown>): void {
    this.socket.sendJson(data === undefined ? { type } : { type, data });
  }

  /** Sends a message and waits for its MessageDelivered or MessageError. */
  async say(
    roomId: string,
    content: string,
    clientMessageId: string = randomUUID(),
  ): Promise<Frame & { data: Record<string, unknown> }> {
    this.send('NewMessage', { room_id: roomId, content, client_message_id: clientMessageId });
    return this.next(
      ['MessageDelivered', 'MessageError'],
      (frame) => frame.data?.client_message_id === clientMessageId,
    ) as Promise<Frame & { data: Record<string, unknown> }>;
  }

  /**
   * The earliest frame of one of `types` not taken yet that matches `predicate`. Frames of other
   * types stay available, so tests may ask in any order.
   */
  async next(
    types: string | readonly string[],
    predicate: (frame: Frame) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Frame> {
    const wanted = typeof types === 'string' ? [types] : types;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const [index, received] of this.socket.frames.entries()) {
        if (this.taken.has(index)) continue;
        const frame = parse(received);
        if (frame !== undefined && wanted.includes(frame.type) && predicate(frame)) {
          this.taken.add(index);
          return frame;
        }
      }
      if (Date.now() > deadline) {
        throw new Error(
          `no ${wanted.join('/')} within ${timeoutMs} ms; got ${this.types().join(', ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Round trip: every frame the server queued for this client before now has arrived. */
  async flush(): Promise<void> {
    this.send('Ping');
    await this.next('Pong');
  }

  /** Every frame received so far, in order. */
  all(): Frame[] {
    return this.socket.frames.map(parse).filter((frame) => frame !== undefined);
  }

  types(): string[] {
    return this.all().map((frame) => frame.type);
  }

  /** The frames of a type received so far (taken or not). */
  seen(type: string, predicate: (frame: Frame) => boolean = () => true): Frame[] {
    return this.all().filter((frame) => frame.type === type && predicate(frame));
  }

  async close(): Promise<void> {
    await this.socket.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function parse(received: ReceivedFrame): Frame | undefined {
  if (received.isBinary) return undefined;
  return JSON.parse(received.text) as Frame;
}

/** The contents of NewMessage frames, in arrival order. */
export function contents(frames: readonly Frame[]): string[] {
  return frames
    .filter((frame) => frame.type === 'NewMessage')
    .map((frame) => (frame.data?.message as { content: string }).content);
}

export function messageIdOf(frame: Frame): string {
  return (frame.data?.message as { id: string } | undefined)?.id ?? String(frame.data?.message_id);
}
