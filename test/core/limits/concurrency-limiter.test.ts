// The semaphore under slow fake tasks: the concurrency cap, FIFO hand-over, refusal when the
// waiting line is full, release on failure, and aborted waiters.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConcurrencyLimiter } from '../../../src/core/limits/concurrency-limiter.ts';
import { HearthError } from '../../../src/protocol/errors.ts';

/** A task that runs until the test says so, recording when it started. */
function slowTask(log: string[], name: string): { fn: () => Promise<string>; finish: () => void } {
  const gate = Promise.withResolvers<undefined>();
  return {
    fn: async () => {
      log.push(`start ${name}`);
      await gate.promise;
      return name;
    },
    finish: () => {
      gate.resolve(undefined);
    },
  };
}

/** Lets queued promise callbacks run. */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

void describe('ConcurrencyLimiter', () => {
  void it('runs at most maxConcurrent tasks and starts waiters in FIFO order', async () => {
    const limiter = new ConcurrencyLimiter({ maxConcurrent: 2, maxQueued: 5 });
    const log: string[] = [];
    const tasks = ['a', 'b', 'c', 'd'].map((name) => slowTask(log, name));
    const results = tasks.map((task) => limiter.run(task.fn));
    await tick();
    assert.deepEqual(log, ['start a', 'start b']);
    assert.equal(limiter.active, 2);
    assert.equal(limiter.queued, 2);

    tasks[1]!.finish();
    await tick();
    assert.deepEqual(log, ['start a', 'start b', 'start c']);
    assert.equal(limiter.active, 2);
    assert.equal(limiter.queued, 1);

    for (const task of tasks) task.finish();
    assert.deepEqual(await Promise.all(results), ['a', 'b', 'c', 'd']);
    assert.equal(limiter.active, 0);
    assert.equal(limiter.queued, 0);
  });

  void it('refuses with unavailable when the waiting line is full', async () => {
    const limiter = new ConcurrencyLimiter({ maxConcurrent: 1, maxQueued: 1 });
    const log: string[] = [];
    const running = slowTask(log, 'running');
    const waiting = slowTask(log, 'waiting');
    const first = limiter.run(running.fn);
    const second = limiter.run(waiting.fn);

    await assert.rejects(
      limiter.run(() => Promise.resolve('third')),
      (error: unknown) => {
        assert.ok(error instanceof HearthError);
        assert.equal(error.code, 'unavailable');
        assert.equal(error.httpStatus, 503);
        return true;
      },
    );

    running.finish();
    waiting.finish();
    assert.equal(await first, 'running');
    assert.equal(await second, 'waiting');
    // Room again once the line has drained.
    assert.equal(await limiter.run(() => Promise.resolve('later')), 'later');
  });

  void it('frees the slot when a task throws', async () => {
    const limiter = new ConcurrencyLimiter({ maxConcurrent: 1, maxQueued: 0 });
    await assert.rejects(
      limiter.run(() => Promise.reject(new Error('boom'))),
      /boom/,
    );
    assert.equal(limiter.active, 0);
    assert.equal(await limiter.run(() => Promise.resolve(1)), 1);
  });

  void it('drops an aborted waiter from the line without running it', async () => {
    const limiter = new ConcurrencyLimiter({ maxConcurrent: 1, maxQueued: 1 });
    const log: string[] = [];
    const running = slowTask(log, 'running');
    const first = limiter.run(running.fn);
    const controller = new AbortController();
    const aborted = limiter.run(() => Promise.resolve('never'), controller.signal);
    assert.equal(limiter.queued, 1);

    controller.abort(new Error('client went away'));
    await assert.rejects(aborted, /client went away/);
    assert.equal(limiter.queued, 0);

    running.finish();
    await first;
    assert.equal(limiter.active, 0);
  });

  void it('rejects impossible options', () => {
    assert.throws(() => new ConcurrencyLimiter({ maxConcurrent: 0, maxQueued: 1 }), RangeError);
    assert.throws(() => new ConcurrencyLimiter({ maxConcurrent: 1, maxQueued: -1 }), RangeError);
  });
});
