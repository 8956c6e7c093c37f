// What an authenticated chat connection may send, one handler per message type: NewMessage
// (ack after commit, MessageError otherwise), typing (limited, silently dropped past the
// limit), MarkRead, Sync, Ping. Malformed or unknown input gets an Error; the socket stays.

import {
  decodeClientMessage,
  type ChatErrorCode,
  type ClientMessage,
  type MarkReadMessage,
  type NewMessageMessage,
} from '../../protocol/chat/messages.ts';
import { formatMessageId, parseMessageId } from '../../protocol/chat/message-id.ts';
import { continueRecovery } from './connect-flow.ts';
import type { ChatConnection } from './live-connections.ts';
import type { ChatRuntime } from './runtime.ts';
import { sendMessage } from './send-message.ts';
import { send } from './wire.ts';

export function handleFrame(
  runtime: ChatRuntime,
  connection: ChatConnection,
  data: Buffer,
  isBinary: boolean,
): Promise<void> | undefined {
  if (isBinary) {
    sendError(connection, 'malformed_message', 'binary frames are not part of this protocol');
    return undefined;
  }
  const decoded = decodeClientMessage(data.toString('utf8'));
  if (!decoded.ok) {
    sendError(connection, decoded.code, decoded.message);
    return undefined;
  }
  return dispatch(runtime, connection, decoded.message);
}

function dispatch(
  runtime: ChatRuntime,
  connection: ChatConnection,
  message: ClientMessage,
): Promise<void> | undefined {
  switch (message.type) {
    case 'NewMessage':
      return handleNewMessage(runtime, connection, message);
    case 'TypingStart':
      return handleTypingStart(runtime, connection, message.data.room_id);
    case 'TypingStop':
      return handleTypingStop(runtime, connection, message.data.room_id);
    case 'MarkRead':
      return handleMarkRead(runtime, connection, message);
    case 'Sync':
      return continueRecovery(runtime, connection);
    case 'Ping':
      send(connection, { type: 'Pong' });
      return undefined;
    case 'Auth':
      sendError(connection, 'malformed_message', 'this connection is already authenticated');
      return undefined;
  }
}

async function handleNewMessage(
  runtime: ChatRuntime,
  connection: ChatConnection,
  message: NewMessageMessage,
): Promise<void> {
  const user = connection.state.user;
  if (user === undefined) return;
  const { room_id: roomId, content, client_message_id: clientMessageId } = message.data;
  await sendMessage(runtime, user, { roomId, content, clientMessageId }, (result) => {
    if (result.ok) {
      send(connection, {
        type: 'MessageDelivered',
        data: {
          client_message_id: clientMessageId,
          message_id: formatMessageId(result.message.id),
        },
      });
    } else {
      send(connection, {
        type: 'MessageError',
        data: {
          client_message_id: clientMessageId,
          error: result.error,
          ...(result.retryAfterMs === undefined ? {} : { retry_after_ms: result.retryAfterMs }),
        },
      });
    }
  });
}

async function handleTypingStart(
  runtime: ChatRuntime,
  connection: ChatConnection,
  roomId: string,
): Promise<void> {
  const user = connection.state.user;
  if (user === undefined || !(await isMember(runtime, connection, roomId))) return;
  if (!(await runtime.limiters.typing.consume(user.id)).allowed) {
    // The spec: dropped silently. Counted, never answered.
    runtime.metrics.typingDropped++;
    runtime.metrics.limitHit('typing_per_minute');
    return;
  }
  runtime.typing.start(connection, roomId);
}

async function handleTypingStop(
  runtime: ChatRuntime,
  connection: ChatConnection,
  roomId: string,
): Promise<void> {
  const user = connection.state.user;
  if (user === undefined || !(await isMember(runtime, connection, roomId))) return;
  runtime.typing.stop(roomId, user.id, connection.id);
}

async function handleMarkRead(
  runtime: ChatRuntime,
  connection: ChatConnection,
  message: MarkReadMessage,
): Promise<void> {
  const user = connection.state.user;
  const messageId = parseMessageId(message.data.message_id);
  if (user === undefined) return;
  if (messageId === undefined) {
    sendError(connection, 'malformed_message', 'MarkRead: data.message_id: out of range');
    return;
  }
  const view = await runtime.store.markRead(message.data.room_id, user.id, messageId);
  if (view === undefined) sendError(connection, 'not_a_member', 'not a member of this room');
}

/** Membership from the store (the source of truth), answered with an Error when missing. */
async function isMember(runtime: ChatRuntime, connection: ChatConnection, roomId: string) {
  const userId = connection.state.user?.id;
  if (userId !== undefined && (await runtime.store.isMember(roomId, userId))) return true;
  sendError(connection, 'not_a_member', 'not a member of this room');
  return false;
}

function sendError(connection: ChatConnection, code: ChatErrorCode, message: string): void {
  send(connection, { type: 'Error', data: { code, message } });
}
