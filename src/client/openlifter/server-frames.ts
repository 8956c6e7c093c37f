// Reading the server's frames on the client: JSON text, a known msgType, the fields the protocol
// requires with the right types (unknown fields dropped). Hand-written guards rather than the
// zod schemas in protocol/, so a browser bundle of the client does not carry zod.

import type {
  RelayedUpdate,
  ServerMessage,
  UpdateAckEntry,
  UpdateRejectedEntry,
} from '../../protocol/openlifter/messages.ts';
import type { IncomingData } from '../reconnecting-socket-events.ts';

export type DecodedServerFrame =
  | { readonly ok: true; readonly message: ServerMessage }
  | { readonly ok: false; readonly error: string };

type Fields = Record<string, unknown>;

/** One frame from the server, checked. Never throws. */
export function decodeServerFrame(data: IncomingData): DecodedServerFrame {
  if (typeof data !== 'string') return bad('binary frames are not part of this protocol');
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return bad('not valid JSON');
  }
  if (!isRecord(value)) return bad('not a JSON object');
  const message = decodeMessage(value);
  return message === undefined
    ? bad(`unexpected ${typeof value.msgType === 'string' ? value.msgType.slice(0, 64) : 'frame'}`)
    : { ok: true, message };
}

function decodeMessage(v: Fields): ServerMessage | undefined {
  switch (v.msgType) {
    case 'MEET_CREATED':
      return isString(v.meetId) && isString(v.sessionToken)
        ? { msgType: v.msgType, meetId: v.meetId, sessionToken: v.sessionToken }
        : undefined;
    case 'MEET_JOINED':
      return isString(v.meetId) && isString(v.sessionToken) && isSeq(v.lastServerSeq)
        ? {
            msgType: v.msgType,
            meetId: v.meetId,
            sessionToken: v.sessionToken,
            lastServerSeq: v.lastServerSeq,
          }
        : undefined;
    case 'CREATE_REJECTED':
    case 'JOIN_REJECTED':
      return isString(v.reason) ? { msgType: v.msgType, reason: v.reason } : undefined;
    case 'UPDATE_ACK': {
      const updateAcks = listOf(v.updateAcks, ackEntry);
      return updateAcks && { msgType: v.msgType, updateAcks };
    }
    case 'UPDATE_REJECTED': {
      const updatesRejected = listOf(v.updatesRejected, rejectedEntry);
      return updatesRejected && { msgType: v.msgType, updatesRejected };
    }
    case 'UPDATE_RELAY': {
      const updatesRelayed = listOf(v.updatesRelayed, relayedEntry);
      return updatesRelayed && { msgType: v.msgType, updatesRelayed };
    }
    case 'SERVER_PULL': {
      const updatesRelayed = listOf(v.updatesRelayed, relayedEntry);
      return updatesRelayed && isSeq(v.lastServerSeq)
        ? { msgType: v.msgType, lastServerSeq: v.lastServerSeq, updatesRelayed }
        : undefined;
    }
    case 'PUBLISH_ACK':
      return isString(v.meetId) ? { msgType: v.msgType, meetId: v.meetId } : undefined;
    case 'RECOVERY_REQUEST':
      return isSeq(v.lastServerSeq)
        ? { msgType: v.msgType, lastServerSeq: v.lastServerSeq }
        : undefined;
    case 'MALFORMED_MESSAGE':
      return isString(v.errMsg) ? { msgType: v.msgType, errMsg: v.errMsg } : undefined;
    case 'UNKNOWN_MESSAGE_TYPE':
      return {
        msgType: v.msgType,
        unknownMsgType: isString(v.unknownMsgType) ? v.unknownMsgType : '',
      };
    case 'INVALID_SESSION':
      return isString(v.sessionToken)
        ? { msgType: v.msgType, sessionToken: v.sessionToken }
        : undefined;
    case 'RATE_LIMITED':
      return isSeq(v.retryAfterMs)
        ? { msgType: v.msgType, retryAfterMs: v.retryAfterMs }
        : undefined;
    default:
      return undefined;
  }
}

function ackEntry(v: Fields): UpdateAckEntry | undefined {
  return isSeq(v.localSeqNum) && isSeq(v.serverSeqNum) && v.serverSeqNum > 0
    ? { localSeqNum: v.localSeqNum, serverSeqNum: v.serverSeqNum }
    : undefined;
}

function rejectedEntry(v: Fields): UpdateRejectedEntry | undefined {
  return isSeq(v.localSeqNum) && typeof v.conflict === 'boolean' && isString(v.reason)
    ? { localSeqNum: v.localSeqNum, conflict: v.conflict, reason: v.reason }
    : undefined;
}

function relayedEntry(v: Fields): RelayedUpdate | undefined {
  return isString(v.updateKey) &&
    Object.hasOwn(v, 'updateValue') &&
    isSeq(v.serverSeqNum) &&
    v.serverSeqNum > 0 &&
    isString(v.locationName)
    ? {
        updateKey: v.updateKey,
        updateValue: v.updateValue,
        serverSeqNum: v.serverSeqNum,
        locationName: v.locationName,
      }
    : undefined;
}

/** Every element decoded, or undefined if one fails: a half-applied batch would be worse. */
function listOf<T>(value: unknown, decode: (v: Fields) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const decoded: T[] = [];
  for (const element of value as unknown[]) {
    const item = isRecord(element) ? decode(element) : undefined;
    if (item === undefined) return undefined;
    decoded.push(item);
  }
  return decoded;
}

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function bad(error: string): DecodedServerFrame {
  return { ok: false, error };
}
