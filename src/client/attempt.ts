// Synchronous work behind an API that returns promises: a return value resolves, a throw rejects.
// The snapshot stores and the saver use it so that a synchronous failure (a full Storage quota, a
// codec's TypeError, a store that throws) reaches callers the way an asynchronous one would.

/** Runs `action` now; its throw becomes a rejection with an Error (non-Errors are wrapped). */
export function attempt<T>(action: () => T | PromiseLike<T>): Promise<T> {
  try {
    return Promise.resolve(action());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
