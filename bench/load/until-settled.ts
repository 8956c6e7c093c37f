// Ending a measured phase: every expected answer arrived, or none has arrived for a while (the
// rest are lost and counted as such, instead of hanging the run).

/** Waits for `allArrived`, or until `count()` has not moved for `idleTimeoutMs`. */
export async function untilSettled(
  allArrived: Promise<void>,
  count: () => number,
  idleTimeoutMs: number,
): Promise<void> {
  let last = -1;
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<void>((resolve) => {
    timer = setInterval(() => {
      const now = count();
      if (now === last) resolve();
      last = now;
    }, idleTimeoutMs);
  });
  try {
    await Promise.race([allArrived, stalled]);
  } finally {
    clearInterval(timer);
  }
}
