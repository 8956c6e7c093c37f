// The chat app driver (docs/protocols/chat.md): first-run setup of an admin, login, one open
// room filled with messages over HTTP, then recovery: a WebSocket that connects with
// `last_seen_message_id` of the room's first message and reads every later message, sending
// `Sync` for each further page, until `SyncComplete` says `has_more: false`.

import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { WebSocket, type RawData } from 'ws';
import type {
  ChatRecoverRequest,
  ChatRecoverResult,
  ChatSetupRequest,
  ChatSetupResult,
} from './commands.ts';

const PASSWORD = 'bench-chat-password-2026';
const CONTENT = 'benchmark message '.padEnd(100, '.');

let state: { baseUrl: string; token: string; firstMessageId: string; messages: number } | undefined;

async function post(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

export async function chatSetup(
  request: ChatSetupRequest,
  progress: (text: string) => void,
): Promise<ChatSetupResult> {
  const api = `${request.baseUrl}/chat/api`;
  const email = 'bench@example.com';
  await post(`${api}/setup`, { email, name: 'Bench', password: PASSWORD });
  const login = await post(`${api}/auth/login`, { email, password: PASSWORD });
  const token = String(login.session_token);
  const created = await post(`${api}/rooms`, { kind: 'open', name: 'bench' }, token);
  const roomId = (created.room as { id: string }).id;
  const url = `${api}/rooms/${roomId}/messages`;
  const postOne = async (): Promise<Record<string, unknown>> =>
    post(url, { content: CONTENT, client_message_id: randomUUID() }, token);
  const started = performance.now();
  // The first message alone, so its id is the smallest; the rest with `inFlight` requests open.
  const first = await postOne();
  const firstMessageId = (first.message as { id: string }).id;
  let next = 1;
  const ticker = setInterval(() => {
    progress(`chat: ${next}/${request.messages} messages posted`);
  }, 1_000);
  const worker = async (): Promise<void> => {
    while (next < request.messages) {
      next++;
      await postOne();
    }
  };
  try {
    await Promise.all(Array.from({ length: request.inFlight }, worker));
  } finally {
    clearInterval(ticker);
  }
  const elapsedMs = performance.now() - started;
  state = { baseUrl: request.baseUrl, token, firstMessageId, messages: request.messages };
  return { roomId, firstMessageId, insertMs: elapsedMs };
}

/** One recovery: connect with the first message as last seen and read until caught up. */
export async function chatRecover(request: ChatRecoverRequest): Promise<ChatRecoverResult> {
  if (state === undefined) throw new Error('chatRecover before chatSetup');
  const { baseUrl, token, firstMessageId } = state;
  const url = `${baseUrl.replace(/^http/, 'ws')}/chat/ws?last_seen_message_id=${firstMessageId}`;
  const started = performance.now();
  const ws = new WebSocket(url, {
    perMessageDeflate: false,
    headers: { authorization: `Bearer ${token}` },
  });
  let received = 0;
  let pages = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`recovery not complete within ${request.timeoutMs} ms (${received})`));
      }, request.timeoutMs);
      ws.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      ws.on('close', (code) => {
        clearTimeout(timer);
        reject(new Error(`closed during recovery: ${code}`));
      });
      ws.on('message', (data: RawData) => {
        const frame = JSON.parse((data as Buffer).toString('utf8')) as {
          type: string;
          data?: { has_more?: boolean };
        };
        if (frame.type === 'NewMessage') received++;
        else if (frame.type === 'SyncComplete') {
          pages++;
          if (frame.data?.has_more === true) ws.send(JSON.stringify({ type: 'Sync' }));
          else {
            clearTimeout(timer);
            resolve();
          }
        } else if (frame.type === 'AuthError' || frame.type === 'Disconnect') {
          clearTimeout(timer);
          reject(new Error(`${frame.type}: ${JSON.stringify(frame.data)}`));
        }
      });
    });
    return { elapsedMs: performance.now() - started, received, pages };
  } finally {
    ws.removeAllListeners('close');
    ws.on('error', () => undefined);
    await new Promise<void>((resolve) => {
      ws.once('close', () => {
        resolve();
      });
      ws.close();
    });
  }
}
