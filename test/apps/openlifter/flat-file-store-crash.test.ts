// Crash safety of the flat-file store with a real process: a child appends from concurrent
// writers and reports each acknowledged seq; it is SIGKILLed at a random moment; the reloaded
// log must hold every acknowledged update exactly once, gap-free, and accept further appends.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';

import { FlatFileMeetStore } from '../../../src/apps/openlifter/flat-file-store.ts';
import type { LoadedMeet } from '../../../src/apps/openlifter/store.ts';
import { crashTestUpdate, type AckMessage } from './fixtures/crash-writer.ts';

const MEET = '314159265';
const WRITER = join(import.meta.dirname, 'fixtures', 'crash-writer.ts');

async function createMeet(t: TestContext): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-crash-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const store = new FlatFileMeetStore({ dataDir });
  await store.open();
  await store.createMeet(MEET, {
    passwordHash: '$scrypt$test',
    endpoints: [{ locationName: 'Platform 0', priority: 1 }],
    createdAt: new Date(0).toISOString(),
  });
  await store.close();
  return dataDir;
}

/** Runs the writer until it has acked a random number of seqs, SIGKILLs it, returns the acks. */
async function appendThenKill(dataDir: string): Promise<{ acked: Set<number>; killAfter: number }> {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, [WRITER, dataDir, MEET, '8'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const acked = new Set<number>();
  const killAfter = 20 + Math.floor(Math.random() * 300);
  let killing = false;
  child.on('message', (message: AckMessage) => {
    for (const seq of message.acked) acked.add(seq);
    if (!killing && acked.size >= killAfter) {
      killing = true;
      // A little later still, so the kill lands at no particular point of a write or fsync.
      setTimeout(() => child.kill('SIGKILL'), Math.random() * 10);
    }
  });
  const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
  // 'close' comes after the IPC channel drained: every ack the child managed to send is in.
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('close', (exitCode, exitSignal) => {
      resolve([exitCode, exitSignal]);
    }),
  );
  clearTimeout(guard);
  assert.equal(signal, 'SIGKILL', `writer exited by itself (code ${code}): ${stderr}`);
  assert.ok(killing, `killed by the guard after only ${acked.size} acks: ${stderr}`);
  return { acked, killAfter };
}

async function loadMeet(dataDir: string, warnings: string[] = []): Promise<LoadedMeet> {
  const store = new FlatFileMeetStore({
    dataDir,
    logger: { warn: (_details, message) => warnings.push(message) },
  });
  await store.open();
  try {
    const meet = (await store.loadAll()).find((loaded) => loaded.meetId === MEET);
    assert.ok(meet !== undefined);
    return meet;
  } finally {
    await store.close();
  }
}

function assertAllAckedOnce(meet: LoadedMeet, acked: Set<number>, context: string): void {
  meet.updates.forEach((update, index) => {
    assert.equal(update.serverSeqNum, index + 1, `gap-free (${context})`);
  });
  for (const seq of acked) {
    assert.deepEqual(meet.updates[seq - 1], crashTestUpdate(seq), `acked seq ${seq} (${context})`);
  }
}

/** Appends the next update in-process and checks the file is clean afterwards. */
async function appendAfterRecovery(dataDir: string, meet: LoadedMeet): Promise<void> {
  const store = new FlatFileMeetStore({ dataDir });
  await store.open();
  await store.loadAll();
  const next = meet.updates.length + 1;
  await store.appendUpdates(MEET, [crashTestUpdate(next)]);
  await store.close();
  const text = await readFile(join(dataDir, 'current-meets', MEET, 'updates.json.log'), 'utf8');
  assert.ok(text.endsWith('\n'), 'the file ends with a whole line');
  const lines = text.slice(0, -1).split('\n');
  assert.equal(lines.length, next);
  assert.deepEqual(JSON.parse(lines.at(-1)!), crashTestUpdate(next));
  assert.equal((await loadMeet(dataDir)).updates.length, next);
}

test(
  'every acknowledged update survives SIGKILL, exactly once, over several crashes',
  { timeout: 60_000 },
  async (t) => {
    const dataDir = await createMeet(t);
    const everAcked = new Set<number>();
    for (let round = 1; round <= 3; round += 1) {
      const { acked, killAfter } = await appendThenKill(dataDir);
      for (const seq of acked) everAcked.add(seq);
      const meet = await loadMeet(dataDir);
      const context = `round ${round}, killed after ${killAfter}+ acks, ${meet.updates.length} loaded`;
      assert.ok(meet.updates.length >= Math.max(...acked), context);
      assertAllAckedOnce(meet, everAcked, context);
    }
    await appendAfterRecovery(dataDir, await loadMeet(dataDir));
  },
);

test(
  'a torn last line left by a crash is dropped, cut off, and appending continues cleanly',
  { timeout: 30_000 },
  async (t) => {
    const dataDir = await createMeet(t);
    const { acked } = await appendThenKill(dataDir);
    const logPath = join(dataDir, 'current-meets', MEET, 'updates.json.log');
    const before = await readFile(logPath);
    // Whatever the kill left, add half a line, as a crash in the middle of a write would.
    await appendFile(logPath, '{"updateKey":"registration.entries[7].squatKg","updateValue":{"se');
    const warnings: string[] = [];
    const meet = await loadMeet(dataDir, warnings);
    assertAllAckedOnce(meet, acked, 'after a torn tail');
    assert.ok(warnings.includes('dropped a torn last line of updates.json.log'), warnings.join());
    // Cut back to the last whole line (the kill itself may have torn one too).
    const expected = before.subarray(0, before.lastIndexOf(0x0a) + 1);
    assert.deepEqual(await readFile(logPath), expected, 'the torn bytes are gone from the file');
    await appendAfterRecovery(dataDir, meet);
  },
);
