// Presence test fixtures: a Hearth server with the presence app (the per-IP attempt limit raised
// so tests may connect freely), relay and protobuf clients speaking the documented wire format,
// JWT signing, and masked client frames for the raw socket client.

import { randomBytes } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { presenceConfigSchema } from '../../../../src/apps/presence/config.ts';
import { createPresenceApp } from '../../../../src/apps/presence/presence-app.ts';
import type { RawConfig } from '../../../../src/core/config/sources.ts';
import { deepMerge } from '../../../../src/core/config/sources.ts';
import { decodeMessage, encodeMessage } from '../../../../src/protocol/presence/codec.ts';
import type {
  MessageInit,
  PresenceMessage,
  ServerHello,
} from '../../../../src/protocol/presence/messages.ts';
import { PROTOBUF_SUBPROTOCOL } from '../../../../src/protocol/presence/messages.ts';
import type { ErrorFrame } from '../../../../src/protocol/presence/text-frames.ts';
import type { RawWebSocketClient } from '../../../support/raw-ws-client.ts';
import { startTestServer, type TestServer } from '../../../support/test-server.ts';
import { TestClient, type ReceivedFrame } from '../../../support/ws-client.ts';

export const SECRET = 'graphwiz-auth-service-secret-0123456789';

export interface PresenceServerOptions {
  /** `apps.presence` values over the test defaults. */
  readonly presence?: RawConfig;
  /** Other config values. */
  readonly config?: RawConfig;
  readonly captureLogs?: boolean;
}

export async function startPresenceServer(
  options: PresenceServerOptions = {},
): Promise<TestServer> {
  const raw = deepMerge({ connection_attempts_per_ip_per_minute: 100_000 }, options.presence ?? {});
  const presence = presenceConfigSchema.parse(raw);
  return startTestServer({
    apps: () => [createPresenceApp(presence)],
    config: deepMerge({ apps: { presence: raw } }, options.config ?? {}),
    ...(options.captureLogs === true ? { captureLogs: true } : {}),
  });
}

/** Signs an HS256 token with the test secret (exp one hour ahead unless given). */
export function signToken(
  claims: JWTPayload,
  options: { secret?: string; alg?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ exp: now + 3600, ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

export function roomUrl(
  server: TestServer,
  room: string,
  query: Record<string, string> = {},
): string {
  const search = new URLSearchParams(query).toString();
  return server.wsUrl(`/presence/ws/${room}${search === '' ? '' : `?${search}`}`);
}

export function json(frame: ReceivedFrame): Record<string, unknown> {
  return JSON.parse(frame.text) as Record<string, unknown>;
}

/** A relay-mode client and its SERVER_HELLO. */
export async function connectRelay(
  server: TestServer,
  room: string,
  query: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<{ client: TestClient; hello: Record<string, unknown> }> {
  const client = await TestClient.connect(roomUrl(server, room, query), { headers });
  const hello = await client.waitForJson((value) => value.type === 'SERVER_HELLO');
  return { client, hello };
}

/** A protobuf-mode client: ClientHello sent, ServerHello received. */
export class PbClient implements AsyncDisposable {
  readonly socket: TestClient;
  hello: ServerHello | undefined;
  private cursor = 0;

  private constructor(socket: TestClient) {
    this.socket = socket;
  }

  /** Opens the socket only (subprotocol by default, `?format=protobuf` with `viaQuery`). */
  static async open(
    server: TestServer,
    room: string,
    options: {
      query?: Record<string, string>;
      viaQuery?: boolean;
      headers?: Record<string, string>;
    } = {},
  ): Promise<PbClient> {
    const query =
      options.viaQuery === true ? { format: 'protobuf', ...options.query } : options.query;
    const socket = await TestClient.connect(roomUrl(server, room, query ?? {}), {
      ...(options.viaQuery === true ? {} : { protocols: [PROTOBUF_SUBPROTOCOL] }),
      headers: options.headers ?? {},
    });
    return new PbClient(socket);
  }

  /** Opens, says ClientHello and waits for ServerHello. */
  static async connect(
    server: TestServer,
    room: string,
    hello: {
      clientId?: string;
      displayName?: string;
      authToken?: string;
      requestedRoom?: string;
    } = {},
    options: {
      query?: Record<string, string>;
      viaQuery?: boolean;
      headers?: Record<string, string>;
    } = {},
  ): Promise<PbClient> {
    const client = await PbClient.open(server, room, options);
    client.send({ payload: 'clientHello', clientHello: hello });
    const message = await client.next((candidate) => candidate.payload === 'serverHello');
    if (message.payload !== 'serverHello') throw new Error('unreachable');
    client.hello = message.serverHello;
    return client;
  }

  get clientId(): string {
    return this.hello?.assignedClientId ?? '';
  }

  send(init: MessageInit): void {
    this.socket.send(Buffer.from(encodeMessage(init)));
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** The next binary Message matching `predicate`; earlier ones are skipped. */
  async next(
    predicate: (message: PresenceMessage) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<PresenceMessage> {
    const frame = await this.socket.waitFor((candidate) => {
      if (!candidate.isBinary) return false;
      const decoded = decodeMessage(candidate.data);
      return decoded.ok && decoded.message.payload !== undefined && predicate(decoded.message);
    }, timeoutMs);
    const decoded = decodeMessage(frame.data);
    if (!decoded.ok || decoded.message.payload === undefined) throw new Error('unreachable');
    return decoded.message;
  }

  /** The next ERROR text frame. */
  async nextError(timeoutMs = 5000): Promise<ErrorFrame> {
    const frame = await this.socket.waitForJson((value) => value.type === 'ERROR', timeoutMs);
    return frame as unknown as ErrorFrame;
  }

  /** Every decoded Message received so far (ServerHello included). */
  messages(): PresenceMessage[] {
    const all: PresenceMessage[] = [];
    for (const frame of this.socket.frames) {
      if (!frame.isBinary) continue;
      const decoded = decodeMessage(frame.data);
      if (decoded.ok && decoded.message.payload !== undefined) all.push(decoded.message);
    }
    return all;
  }

  /** Messages received since the last call. */
  drain(): PresenceMessage[] {
    const all = this.messages();
    const fresh = all.slice(this.cursor);
    this.cursor = all.length;
    return fresh;
  }

  ack(messageId: string): void {
    this.send({ payload: 'ack', ack: { messageId } });
  }

  async close(): Promise<void> {
    await this.socket.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** Writes one masked client frame on a raw socket client (binary by default). */
export function sendMasked(client: RawWebSocketClient, payload: Uint8Array, opcode = 0x2): void {
  const length = payload.length;
  const header =
    length < 126 ? Buffer.alloc(2) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) {
    header[1] = 0x80 | length;
  } else if (length < 65_536) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = randomBytes(4);
  const masked = Buffer.alloc(length);
  for (let index = 0; index < length; index++) masked[index] = payload[index]! ^ mask[index % 4]!;
  client.socket.write(Buffer.concat([header, mask, masked]));
}

/** Messages a raw client has received, decoded (text frames skipped). */
export function rawMessages(client: RawWebSocketClient): PresenceMessage[] {
  const messages: PresenceMessage[] = [];
  for (const frame of client.frames) {
    if (frame.opcode !== 0x2) continue;
    const decoded = decodeMessage(frame.payload);
    if (decoded.ok && decoded.message.payload !== undefined) messages.push(decoded.message);
  }
  return messages;
}
