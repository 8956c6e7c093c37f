// Small helpers for the chat HTTP routes: validating bodies and queries with zod into
// HearthErrors that name the offending field, and loading a room the caller may see.

import type { z } from 'zod';
import { HearthError } from '../../protocol/errors.ts';
import type { ChatRuntime } from './runtime.ts';
import type { MembershipView } from './store.ts';

export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.map(String).join('.') ?? '';
  throw new HearthError(
    'bad_request',
    `${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid request'}`,
  );
}

/**
 * The room as the user sees it. Rooms the user is not in answer 404 like rooms that do not
 * exist: access is checked on every operation, and existence is not disclosed.
 */
export async function requireMembership(
  runtime: ChatRuntime,
  roomId: string,
  userId: string,
): Promise<MembershipView> {
  const view = await runtime.store.membership(roomId, userId);
  if (view === undefined) throw new HearthError('not_found', 'no such room');
  return view;
}

export function roomIdParam(params: unknown): string {
  const roomId = (params as { id?: unknown }).id;
  if (typeof roomId !== 'string' || roomId.length > 64) {
    throw new HearthError('not_found', 'no such room');
  }
  return roomId;
}
