// Sending a message, the same way over WebSocket and HTTP: membership, idempotency on
// (room, client_message_id), content rules, the per-user rate limit (nothing is stored when it
// refuses), then the group commit; typing stops the moment the message is committed.

import { checkContent } from '../../protocol/chat/content.ts';
import type { MessageErrorReason } from '../../protocol/chat/messages.ts';
import type { ChatRuntime } from './runtime.ts';
import type { InsertOutcome, MessageRecord, UserRecord } from './store.ts';

export interface SendRequest {
  readonly roomId: string;
  readonly content: string;
  readonly clientMessageId: string;
}

export type SendResult =
  | { readonly ok: true; readonly message: MessageRecord; readonly created: boolean }
  | { readonly ok: false; readonly error: MessageErrorReason; readonly retryAfterMs?: number };

/**
 * Runs a send to its end. `acknowledge` is called synchronously right after the commit and
 * before the message is published (WebSocket senders get MessageDelivered first), or right
 * away for a repeat that was already stored.
 */
export async function sendMessage(
  runtime: ChatRuntime,
  user: UserRecord,
  request: SendRequest,
  acknowledge: (result: SendResult) => void = () => undefined,
): Promise<SendResult> {
  const early = await precheck(runtime, user, request);
  if (early !== undefined) {
    acknowledge(early);
    return early;
  }
  const checked = checkContent(request.content);
  if (!checked.ok) return refuse(checked.error, acknowledge);
  const decision = await runtime.limiters.messages.consume(user.id);
  if (!decision.allowed) {
    runtime.metrics.limitHit('messages_per_minute');
    const retryAfterMs = Number.isFinite(decision.retryAfterMs) ? decision.retryAfterMs : 60_000;
    const result: SendResult = { ok: false, error: 'rate_limited', retryAfterMs };
    acknowledge(result);
    return result;
  }
  let outcome: InsertOutcome;
  try {
    outcome = await runtime.writer.submit(
      {
        roomId: request.roomId,
        creatorId: user.id,
        content: checked.content,
        clientMessageId: request.clientMessageId,
        createdAt: runtime.now(),
      },
      (committed) => {
        if (committed.kind === 'created') {
          runtime.metrics.messagesStored++;
          runtime.typing.stop(request.roomId, user.id);
        }
        acknowledge(resultOf(committed, user));
      },
    );
  } catch (error) {
    runtime.logger.error(
      { err: error, room: request.roomId, user: user.id },
      'message commit failed',
    );
    return refuse('unavailable', acknowledge);
  }
  return resultOf(outcome, user);
}

/** Membership and an earlier copy of the same message, before any work is spent. */
async function precheck(
  runtime: ChatRuntime,
  user: UserRecord,
  request: SendRequest,
): Promise<SendResult | undefined> {
  const existing = await runtime.store.messageByClientId(request.roomId, request.clientMessageId);
  // The sender's own earlier copy is theirs to see even if they have left the room since.
  if (existing?.creatorId === user.id) return duplicateResult(existing, user);
  if (!(await runtime.store.isMember(request.roomId, user.id))) {
    return { ok: false, error: 'not_a_member' };
  }
  return existing === undefined ? undefined : duplicateResult(existing, user);
}

function resultOf(outcome: InsertOutcome, user: UserRecord): SendResult {
  switch (outcome.kind) {
    case 'created':
      return { ok: true, message: outcome.message, created: true };
    case 'duplicate':
      return duplicateResult(outcome.message, user);
    case 'not_a_member':
      return { ok: false, error: 'not_a_member' };
  }
}

/** A repeat gets the original; someone else's id in this room is refused, never confirmed. */
function duplicateResult(message: MessageRecord, user: UserRecord): SendResult {
  if (message.creatorId !== user.id) return { ok: false, error: 'duplicate_client_message_id' };
  return { ok: true, message, created: false };
}

function refuse(error: MessageErrorReason, acknowledge: (result: SendResult) => void): SendResult {
  const result: SendResult = { ok: false, error };
  acknowledge(result);
  return result;
}
