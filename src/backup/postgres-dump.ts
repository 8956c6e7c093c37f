// The PostgreSQL part of a backup: `pg_dump --format=custom` of the configured database (or of
// `storage.postgres_schema` alone) and `pg_restore` of it. The password goes to the tools in
// PGPASSWORD, never on their command line (where `ps` shows it), and never into a message.

import { spawn } from 'node:child_process';
import pg from 'pg';
import { maskUrlCredentials } from '../core/config/redact.ts';

export interface PostgresTarget {
  /** `storage.postgres_url` */
  readonly url: string;
  /** `storage.postgres_schema`: dump and restore this schema only. */
  readonly schema?: string | undefined;
}

/** The PostgreSQL settings of a config, if `storage.postgres_url` is set. */
export function postgresTargetOf(storage: {
  readonly postgres_url?: string | undefined;
  readonly postgres_schema?: string | undefined;
}): PostgresTarget | undefined {
  if (storage.postgres_url === undefined) return undefined;
  return { url: storage.postgres_url, schema: storage.postgres_schema };
}

/** The URL without its password, and the password for PGPASSWORD. */
function libpqConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  let password = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  parsed.password = '';
  const fromQuery = parsed.searchParams.get('password');
  if (fromQuery !== null) {
    password ??= fromQuery;
    parsed.searchParams.delete('password');
  }
  return { dbname: parsed.toString(), env: password === undefined ? {} : { PGPASSWORD: password } };
}

function schemaArgs(target: PostgresTarget): string[] {
  return target.schema === undefined ? [] : ['--schema', target.schema];
}

/** Writes a custom-format dump of `target` to `file`. */
export async function dumpPostgres(target: PostgresTarget, file: string): Promise<void> {
  const { dbname, env } = libpqConnection(target.url);
  await runTool(
    'pg_dump',
    ['--format=custom', '--no-password', '--file', file, ...schemaArgs(target), '--dbname', dbname],
    env,
    target.url,
  );
}

/**
 * Restores `file` into `target` in one transaction: objects of the dump are dropped and created
 * again (objects the dump does not hold are left alone), and nothing changes if any step fails.
 */
export async function restorePostgres(target: PostgresTarget, file: string): Promise<void> {
  const { dbname, env } = libpqConnection(target.url);
  await runTool(
    'pg_restore',
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--exit-on-error',
      '--single-transaction',
      '--no-password',
      '--dbname',
      dbname,
      file,
    ],
    env,
    target.url,
  );
}

/** Tables in the target schema (the connection's current schema when none is configured). */
export async function countPostgresTables(target: PostgresTarget): Promise<number> {
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const result = await client.query<{ tables: number }>(
      `SELECT count(*)::int AS tables FROM information_schema.tables
       WHERE table_schema = COALESCE($1::text, current_schema())`,
      [target.schema ?? null],
    );
    return result.rows[0]?.tables ?? 0;
  } catch (error) {
    throw new Error(
      `PostgreSQL at ${maskUrlCredentials(target.url)}: ${safeMessage(error, target.url)}`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

function safeMessage(error: unknown, url: string): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replaceAll(url, maskUrlCredentials(url));
}

/** Runs a PostgreSQL client tool; rejects with its exit status and the end of its stderr. */
function runTool(
  tool: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  url: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      // The end of the output says what went wrong; a dump's chatter can be long.
      stderr = (stderr + chunk).slice(-4000);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error(
              `${tool} not found: install the PostgreSQL client tools (the server's major version or newer)`,
            )
          : error,
      );
    });
    child.once('close', (code, signal) => {
      if (code === 0) {
        resolve();
        return;
      }
      const status = signal ?? `exit ${String(code)}`;
      const detail = safeMessage(stderr.trim(), url);
      reject(new Error(`${tool} failed (${status})${detail === '' ? '' : `: ${detail}`}`));
    });
  });
}
