// Session tokens of every meet: issued on CREATE_MEET / JOIN_MEET, valid for a configured time,
// stored only as SHA-256 hashes (sessions.json), looked up by hash on every message.

import { randomUUID } from 'node:crypto';
import { generateSessionToken, hashSessionToken } from '../../core/auth/session-tokens.ts';
import type { StoredSession } from './store.ts';

export interface SessionHandle {
  readonly meetId: string;
  readonly session: StoredSession;
}

export class SessionRegistry {
  private readonly byHash = new Map<string, SessionHandle>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(ttlMs: number, now: () => number = () => Date.now()) {
    this.ttlMs = ttlMs;
    this.now = now;
  }

  /** Sessions read from a meet's sessions.json at start-up (expired ones are dropped). */
  load(meetId: string, sessions: readonly StoredSession[]): void {
    const now = this.now();
    for (const session of sessions) {
      if (session.expiresAt > now) this.byHash.set(session.tokenHash, { meetId, session });
    }
  }

  /** A new session; the token is returned once and never stored. */
  create(
    meetId: string,
    locationName: string | undefined,
  ): { token: string; session: StoredSession } {
    const token = generateSessionToken();
    const session: StoredSession = {
      sessionId: randomUUID(),
      tokenHash: hashSessionToken(token),
      locationName,
      expiresAt: this.now() + this.ttlMs,
    };
    this.byHash.set(session.tokenHash, { meetId, session });
    return { token, session };
  }

  /** The live session of a token, or undefined (unknown or expired). */
  lookup(token: string): SessionHandle | undefined {
    const tokenHash = hashSessionToken(token);
    const handle = this.byHash.get(tokenHash);
    if (handle === undefined) return undefined;
    if (handle.session.expiresAt <= this.now()) {
      this.byHash.delete(tokenHash);
      return undefined;
    }
    return handle;
  }

  /** The meet's unexpired sessions, as sessions.json should hold them. */
  sessionsOf(meetId: string): StoredSession[] {
    const now = this.now();
    const sessions: StoredSession[] = [];
    for (const [tokenHash, handle] of this.byHash) {
      if (handle.meetId !== meetId) continue;
      if (handle.session.expiresAt <= now) this.byHash.delete(tokenHash);
      else sessions.push(handle.session);
    }
    return sessions;
  }
}
