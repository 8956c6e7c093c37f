// What the chat app needs from durable storage: users, sessions (hashed tokens), rooms,
// memberships with read positions, and messages with commit-ordered ids. Promise-based so a
// PostgreSQL store can implement it; SQLite (node:sqlite) is the embedded default.

import type { RoomKind } from '../../protocol/chat/messages.ts';

export interface UserRecord {
  readonly id: string;
  /** Lower-cased. */
  readonly email: string;
  readonly name: string;
  readonly passwordHash: string;
  readonly admin: boolean;
  readonly createdAt: number;
}

export interface SessionRecord {
  readonly tokenHash: string;
  readonly userId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface RoomRecord {
  readonly id: string;
  readonly kind: RoomKind;
  readonly name: string | null;
  readonly creatorId: string | null;
  /** Sorted member ids joined by ",": the identity of a direct room. */
  readonly directKey: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A room as one member sees it. */
export interface MembershipView {
  readonly room: RoomRecord;
  readonly lastReadMessageId: number;
  /** 0 when the room has no message. */
  readonly lastMessageId: number;
  /** Messages by others after the read position. */
  readonly unread: number;
}

export interface MessageRecord {
  /** Commit-ordered sequence (SQLite rowid); the wire id is it zero-padded. */
  readonly id: number;
  readonly roomId: string;
  readonly creatorId: string;
  readonly content: string;
  readonly clientMessageId: string;
  readonly createdAt: number;
  /**
   * The room's `updatedAt` as the insert saw it (or later: catch-up reads give the current
   * one). Every membership change moves it forward, so a node that applied the room's
   * membership at this stamp or later may fan the message out (cluster-membership.ts). Only on
   * new messages and `messagesInRange`; never on the wire.
   */
  readonly roomStamp?: number;
}

export interface NewMessageInput {
  readonly roomId: string;
  readonly creatorId: string;
  readonly content: string;
  readonly clientMessageId: string;
  readonly createdAt: number;
}

export type InsertOutcome =
  | { readonly kind: 'created'; readonly message: MessageRecord }
  /** The (room, client_message_id) pair was stored before: that message. */
  | { readonly kind: 'duplicate'; readonly message: MessageRecord }
  /** The sender is not (or no longer) a member: nothing stored. */
  | { readonly kind: 'not_a_member' };

export interface NewUserInput {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly passwordHash: string;
  readonly admin: boolean;
  readonly createdAt: number;
}

export interface NewRoomInput {
  readonly id: string;
  readonly kind: RoomKind;
  readonly name: string | null;
  readonly creatorId: string;
  readonly directKey: string | null;
  /** Members of closed and direct rooms; open rooms get every user. */
  readonly memberIds: readonly string[];
  readonly createdAt: number;
}

export interface MessagePage {
  /** Ascending by id. */
  readonly messages: MessageRecord[];
  /** More messages exist beyond the page in the direction paged. */
  readonly hasMore: boolean;
}

export interface ChatStore {
  open(): Promise<void>;
  close(): Promise<void>;
  /** A problem description when the store cannot take writes, else undefined. */
  checkWritable(): Promise<string | undefined>;

  countUsers(): Promise<number>;
  /**
   * Creates a user and makes them a member of every open room. With `onlyIfFirst`, creates
   * nothing and resolves undefined when any user exists (first-run setup, race-free).
   * Rejects with `EmailTakenError` when the email is in use.
   */
  createUser(
    input: NewUserInput,
    options?: { onlyIfFirst?: boolean },
  ): Promise<UserRecord | undefined>;
  userById(id: string): Promise<UserRecord | undefined>;
  userByEmail(email: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  /** Of `ids`, those that are users. */
  existingUserIds(ids: readonly string[]): Promise<string[]>;
  updatePasswordHash(userId: string, passwordHash: string): Promise<void>;

  createSession(session: SessionRecord): Promise<void>;
  /** The live session and its user; expired sessions are not returned. */
  sessionByHash(
    tokenHash: string,
    now: number,
  ): Promise<{ session: SessionRecord; user: UserRecord } | undefined>;
  deleteSession(tokenHash: string): Promise<boolean>;
  deleteExpiredSessions(now: number): Promise<number>;

  /** Creates a room with its members; returns every member id. */
  createRoom(input: NewRoomInput): Promise<{ room: RoomRecord; memberIds: string[] }>;
  roomById(id: string): Promise<RoomRecord | undefined>;
  roomByDirectKey(key: string): Promise<RoomRecord | undefined>;
  renameRoom(id: string, name: string, now: number): Promise<RoomRecord | undefined>;
  /** Adds members; returns those who were not members before. */
  addMembers(roomId: string, userIds: readonly string[], now: number): Promise<string[]>;
  removeMember(roomId: string, userId: string, now: number): Promise<boolean>;
  memberIds(roomId: string): Promise<string[]>;
  isMember(roomId: string, userId: string): Promise<boolean>;
  /** Every room the user is a member of, with read position and unread count. */
  memberships(userId: string): Promise<MembershipView[]>;
  membership(roomId: string, userId: string): Promise<MembershipView | undefined>;
  /** Moves the read position forward (never back, never past the room's last message). */
  markRead(roomId: string, userId: string, messageId: number): Promise<MembershipView | undefined>;

  /** Stores a batch in one transaction (one fsync), in order; ids follow commit order. */
  insertMessages(batch: readonly NewMessageInput[]): Promise<InsertOutcome[]>;
  messageByClientId(roomId: string, clientMessageId: string): Promise<MessageRecord | undefined>;
  /** The highest message id committed, 0 when there is none. */
  lastMessageId(): Promise<number>;
  /** One room's messages after `after` and/or before `before`, ascending. */
  messagesPage(
    roomId: string,
    options: { readonly before?: number; readonly after?: number; readonly limit: number },
  ): Promise<MessagePage>;
  /**
   * Messages of several rooms with `floor(room) < id <= upTo`, ascending by id across rooms,
   * at most `limit` of them (ask for one more than you send to learn whether more exist).
   */
  messagesAfter(
    floors: ReadonlyMap<string, number>,
    upTo: number,
    limit: number,
  ): Promise<MessageRecord[]>;
  /**
   * Messages of every room with `after < id <= upTo`, ascending, at most `limit`: how a node
   * catches up on messages other nodes committed (see cluster-feed.ts).
   */
  messagesInRange(after: number, upTo: number, limit: number): Promise<MessageRecord[]>;
  /** Per room, the id below its latest `count` messages (0 when it has fewer). */
  latestFloors(roomIds: readonly string[], count: number): Promise<Map<string, number>>;
}

/** The email of a new user belongs to someone already. */
export class EmailTakenError extends Error {
  override readonly name = 'EmailTakenError';
}
