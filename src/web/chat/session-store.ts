// Where the page keeps the session token, and under which keys the rest of a signed-in tab's
// state lives.
//
// sessionStorage, not localStorage: the token then lives as long as the tab (it survives a reload
// but not closing the tab, so a shared computer forgets it), and each tab has its own copy of
// everything keyed below. That matters for the chat client's snapshot: two tabs sharing one
// outbox and resume point would fight over it (see src/client/chat/persistence.ts). A new tab
// asks for the password again; that is the price of not leaving a bearer token on disk.

const TOKEN_KEY = 'hearth.chat.session';

export function savedToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function saveToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

/** The chat client's snapshot (resume point and outbox) for this user, in this tab. */
export function clientStateKey(userId: string): string {
  return `hearth.chat.client.${userId}`;
}

/** The messages the page keeps for this user, in this tab. */
export function messagesKey(userId: string): string {
  return `hearth.chat.messages.${userId}`;
}

/** Logging out: the token and everything stored for the user go. */
export function forgetSession(userId: string | undefined): void {
  sessionStorage.removeItem(TOKEN_KEY);
  if (userId === undefined) return;
  sessionStorage.removeItem(clientStateKey(userId));
  sessionStorage.removeItem(messagesKey(userId));
}
