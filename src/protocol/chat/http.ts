// The chat HTTP API's request bodies and query strings (`/chat/api/…`), validated with zod at
// the boundary and shared with clients. Responses reuse the wire shapes of messages.ts.

import { z } from 'zod';
import { clientMessageIdSchema, idSchema, messageIdSchema } from './messages.ts';

/** Shortest password accepted for a new account (NIST SP 800-63B's floor). */
export const MIN_PASSWORD_LENGTH = 8;
/** Longest user or room name, in code points. */
export const MAX_NAME_CHARS = 100;
/** Most messages one page of `GET /rooms/:id/messages` returns. */
export const MAX_PAGE_LIMIT = 200;
/** Page size of `GET /rooms/:id/messages` without `limit`. */
export const DEFAULT_PAGE_LIMIT = 50;
/** Most users named in one create-room or add-members request. */
export const MAX_USERS_PER_REQUEST = 100;

const email = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address')
  .transform((value) => value.toLowerCase());
const name = z.string().max(MAX_NAME_CHARS * 4);
const password = z.string().max(1024);
const newPassword = password.min(
  MIN_PASSWORD_LENGTH,
  `must be at least ${MIN_PASSWORD_LENGTH} characters`,
);
const userIds = z.array(idSchema).min(1).max(MAX_USERS_PER_REQUEST);

export const setupBodySchema = z.object({ email, name, password: newPassword }).strict();
export const loginBodySchema = z.object({ email, password }).strict();
export const createUserBodySchema = z
  .object({ email, name, password: newPassword, admin: z.boolean().default(false) })
  .strict();

export const createRoomBodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('open'), name }).strict(),
  z.object({ kind: z.literal('closed'), name, member_ids: userIds.optional() }).strict(),
  /** The other members; the caller is always one of them. */
  z.object({ kind: z.literal('direct'), user_ids: userIds }).strict(),
]);
export const renameRoomBodySchema = z.object({ name }).strict();
export const addMembersBodySchema = z.object({ user_ids: userIds }).strict();
export const sendMessageBodySchema = z
  .object({ content: z.string(), client_message_id: clientMessageIdSchema })
  .strict();
export const markReadBodySchema = z.object({ message_id: messageIdSchema }).strict();

export const messagesQuerySchema = z.object({
  /** Messages before this id (older ones): scrolling back. */
  before: messageIdSchema.optional(),
  /** Messages after this id (newer ones): the polling fallback. */
  after: messageIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
});

export type SetupBody = z.infer<typeof setupBodySchema>;
export type LoginBody = z.infer<typeof loginBodySchema>;
export type CreateUserBody = z.infer<typeof createUserBodySchema>;
export type CreateRoomBody = z.infer<typeof createRoomBodySchema>;
export type MessagesQuery = z.infer<typeof messagesQuerySchema>;
