// Outgoing poses at a fixed rate: each entity (the avatar, a held object) keeps only its newest
// pose, and at most one frame per entity leaves per interval. A pose after a quiet spell goes
// out at once (no added latency); a burst waits for the next tick, where the newest one wins.
// While paused (not connected) the newest poses wait and leave on resume: stale ones never do.

import type { Quaternion, Vector3 } from '../../protocol/presence/messages.ts';

export interface PendingPose {
  readonly entityId: string;
  readonly position: Vector3;
  readonly rotation: Quaternion | null;
}

export class PoseThrottle {
  readonly intervalMs: number;
  readonly #flush: (poses: readonly PendingPose[]) => void;
  readonly #now: () => number;
  readonly #pending = new Map<string, PendingPose>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #flushedAt = -Infinity;
  #paused = true;

  /** `flush` writes the poses; it is only called while resumed. */
  constructor(
    intervalMs: number,
    flush: (poses: readonly PendingPose[]) => void,
    now: () => number = () => performance.now(),
  ) {
    this.intervalMs = intervalMs;
    this.#flush = flush;
    this.#now = now;
  }

  /** Entities with a pose waiting. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  push(pose: PendingPose): void {
    // Re-inserted so the map's order is the order of the newest poses.
    this.#pending.delete(pose.entityId);
    this.#pending.set(pose.entityId, pose);
    this.#schedule();
  }

  /** Connected and joined: poses may leave. */
  resume(): void {
    this.#paused = false;
    this.#schedule();
  }

  /** Not connected: keep only the newest pose of each entity until `resume`. */
  pause(): void {
    this.#paused = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** For good: forgets what is waiting. */
  stop(): void {
    this.pause();
    this.#pending.clear();
  }

  #schedule(): void {
    if (this.#paused || this.#timer !== undefined || this.#pending.size === 0) return;
    const waitMs = this.#flushedAt + this.intervalMs - this.#now();
    if (waitMs <= 0) this.#tick();
    else this.#arm(waitMs);
  }

  #tick(): void {
    this.#timer = undefined;
    if (this.#paused || this.#pending.size === 0) return;
    const poses = [...this.#pending.values()];
    this.#pending.clear();
    this.#flushedAt = this.#now();
    // Armed before writing: poses pushed from inside `flush` wait for the next tick.
    this.#arm(this.intervalMs);
    this.#flush(poses);
  }

  #arm(delayMs: number): void {
    this.#timer = setTimeout(() => {
      this.#tick();
    }, delayMs);
  }
}
