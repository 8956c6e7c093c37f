// `hearth chat add-user --email E --name N [--admin]`: adds a user to the chat database, with
// the password read from a prompt that does not echo, or from stdin when it is not a terminal
// (never from argv, where `ps` and shell history would show it).

import type { ReadStream } from 'node:tty';
import type { Readable, Writable } from 'node:stream';
import { PasswordHasher } from '../../core/auth/password-hasher.ts';
import { createUserBodySchema } from '../../protocol/chat/http.ts';
import { HearthError } from '../../protocol/errors.ts';
import { createAccount } from './accounts.ts';
import { SqliteChatStore, chatDatabasePath } from './sqlite-store.ts';

export interface ChatCommandOptions {
  readonly email?: string | undefined;
  readonly name?: string | undefined;
  readonly admin: boolean;
}

export interface ChatCommandIo {
  readonly stdin: Readable & Partial<Pick<ReadStream, 'isTTY' | 'setRawMode'>>;
  readonly stdout: Writable;
  readonly stderr: Writable;
}

export const CHAT_USAGE = `  chat add-user --email EMAIL --name NAME [--admin]
            add a chat user; the password is prompted for (or read from stdin)`;

/** Runs `hearth chat <subcommand>`; returns the exit code. */
export async function runChatCommand(
  args: readonly string[],
  options: ChatCommandOptions,
  dataDir: string,
  io: ChatCommandIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  if (args[0] !== 'add-user' || args.length !== 1) {
    io.stderr.write(`usage: hearth chat add-user --email EMAIL --name NAME [--admin]\n`);
    return 2;
  }
  if (options.email === undefined || options.name === undefined) {
    io.stderr.write('hearth chat add-user: --email and --name are required\n');
    return 2;
  }
  let password: string;
  try {
    password = await readPassword(io);
  } catch (error) {
    if (!(error instanceof HearthError)) throw error;
    io.stderr.write(`hearth chat add-user: ${error.message}\n`);
    return 1;
  }
  const parsed = createUserBodySchema.safeParse({
    email: options.email,
    name: options.name,
    password,
    admin: options.admin,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    io.stderr.write(
      `hearth chat add-user: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}\n`,
    );
    return 2;
  }
  const store = new SqliteChatStore(chatDatabasePath(dataDir));
  await store.open();
  try {
    const user = await createAccount(store, new PasswordHasher(), parsed.data);
    io.stdout.write(`${JSON.stringify({ id: user.id, email: user.email, admin: user.admin })}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof HearthError)) throw error;
    io.stderr.write(`hearth chat add-user: ${error.message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

/** One password: from a no-echo prompt (asked twice) on a terminal, else stdin's first line. */
export async function readPassword(io: ChatCommandIo): Promise<string> {
  const { stdin } = io;
  if (stdin.isTTY !== true || stdin.setRawMode === undefined) {
    return firstLine(stdin);
  }
  const first = await prompt(io, 'Password: ');
  const again = await prompt(io, 'Repeat password: ');
  if (first !== again) throw new HearthError('bad_request', 'the passwords do not match');
  return first;
}

async function firstLine(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    const end = text.search(/\r?\n/);
    if (end !== -1) return text.slice(0, end);
    if (text.length > 4096) break;
  }
  return text;
}

function prompt(io: ChatCommandIo, question: string): Promise<string> {
  const { stdin, stderr } = io;
  stderr.write(question);
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error): void => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write('\n');
      if (error === undefined) resolve(typed);
      else reject(error);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const char of String(chunk)) {
        if (char === '\r' || char === '\n' || char === '\u0004') {
          finish();
          return;
        }
        if (char === '\u0003') {
          finish(new HearthError('bad_request', 'cancelled'));
          return;
        }
        if (char === '\u007f' || char === '\b') typed = Array.from(typed).slice(0, -1).join('');
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
