// The chat page: log in (or, on a fresh server, create the first administrator), then chat in
// the user's rooms (chat-session.ts). A reload keeps the session (session-store.ts) and the
// messages on screen, and the chat client recovers whatever arrived meanwhile.

import '../shared/base.css';
import './style.css';
import { appPrefix, byId } from '../shared/dom.ts';
import { ApiError, ChatApi, type Session } from './chat-api.ts';
import { ChatSession } from './chat-session.ts';
import { forgetSession, savedToken, saveToken } from './session-store.ts';

const prefix = appPrefix();
const api = new ChatApi(prefix);
let session: ChatSession | undefined;

function showSignedOut(notice = ''): void {
  byId('signed-in', HTMLDivElement).hidden = true;
  byId('account', HTMLDivElement).hidden = true;
  byId('signed-out', HTMLElement).hidden = false;
  byId('login-error', HTMLParagraphElement).textContent = notice;
  byId('login-email', HTMLInputElement).focus();
}

function start({ user, token }: Session): void {
  saveToken(token);
  byId('signed-out', HTMLElement).hidden = true;
  byId('signed-in', HTMLDivElement).hidden = false;
  byId('account', HTMLDivElement).hidden = false;
  byId('me', HTMLSpanElement).textContent = `Signed in as ${user.name}`;
  session = new ChatSession({
    api,
    prefix,
    user,
    token,
    onEnded: (notice) => {
      session = undefined;
      forgetSession(user.id);
      showSignedOut(notice);
    },
  });
  byId('message-input', HTMLInputElement).focus();
}

function explain(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'forbidden') return 'Setup is already done: log in instead.';
    return error.message;
  }
  return 'The server could not be reached. Try again.';
}

function wireForm(
  formId: string,
  errorId: string,
  submit: (fields: FormData) => Promise<Session>,
): void {
  const form = byId(formId, HTMLFormElement);
  const error = byId(errorId, HTMLParagraphElement);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    if (button instanceof HTMLButtonElement) button.disabled = true;
    error.textContent = '';
    submit(new FormData(form))
      .then((signedIn) => {
        form.reset();
        start(signedIn);
      })
      .catch((cause: unknown) => {
        error.textContent = explain(cause);
      })
      .finally(() => {
        if (button instanceof HTMLButtonElement) button.disabled = false;
      });
  });
}

const field = (fields: FormData, name: string): string => {
  const value = fields.get(name);
  return typeof value === 'string' ? value : '';
};

wireForm('login-form', 'login-error', (fields) =>
  api.login(field(fields, 'email'), field(fields, 'password')),
);
wireForm('setup-form', 'setup-error', (fields) =>
  api.setup(field(fields, 'email'), field(fields, 'name'), field(fields, 'password')),
);
byId('logout', HTMLButtonElement).addEventListener('click', () => {
  void session?.logout();
});

async function resume(): Promise<void> {
  const token = savedToken();
  if (token === undefined) {
    showSignedOut();
    return;
  }
  try {
    start({ user: await api.me(token), token });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      forgetSession(undefined);
      showSignedOut('Your session has ended. Please log in again.');
    } else {
      showSignedOut(explain(error));
    }
  }
}

void resume();
