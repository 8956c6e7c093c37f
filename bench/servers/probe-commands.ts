// What the bench runner can ask the probe inside a server under test, and what it answers.
// Times are measured by the server process itself, so the load generator's work never counts.

export interface ProbeStats {
  /** Wall time since the last reset, in milliseconds. */
  readonly wallMs: number;
  /** CPU time (user, system) of the whole server process since the last reset, in µs. */
  readonly cpuUserUs: number;
  readonly cpuSystemUs: number;
  /** CPU time of the main (JavaScript) thread alone; the rest is GC helpers and libuv threads. */
  readonly mainThreadCpuUs: number;
  /** Event-loop delay since the last reset (monitorEventLoopDelay), in milliseconds. */
  readonly eventLoopDelay: {
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly maxMs: number;
  };
  /** process.memoryUsage() in bytes, after a forced full GC when one was asked for. */
  readonly memory: {
    readonly rss: number;
    readonly heapUsed: number;
    readonly heapTotal: number;
    readonly external: number;
    readonly arrayBuffers: number;
  };
  /** False when the server was started without --expose-gc (memory is then not comparable). */
  readonly gcForced: boolean;
}

export interface ProbeCommands {
  /** Start a new measurement window (CPU, event-loop delay). */
  reset: { request: Record<string, never>; result: { readonly ok: true } };
  /** Read the window; CPU and delay are read before the GC so the GC never counts. */
  stats: { request: { readonly gc: boolean }; result: ProbeStats };
  /** Write a V8 heap snapshot into `dir` (for diagnosis: which objects a connection costs). */
  heapSnapshot: { request: { readonly dir: string }; result: { readonly path: string } };
}
