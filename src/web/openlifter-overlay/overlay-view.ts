// What the livestream overlay shows, computed from the meet state: the meet's name, the lift,
// flight and attempt, the lifter on the platform with their weight, and who follows. Weights are
// kept in kg in the state (as OpenLifter does) and shown in the meet's unit.

import { liftingOrder, type Lift, type LiftingTurn } from '../../client/openlifter/index.ts';
import type { JsonObject } from '../../protocol/openlifter/meet-state.ts';

/** How many upcoming lifters the overlay lists. */
export const NEXT_SHOWN = 3;

const LIFT_NAMES: Readonly<Record<Lift, string>> = {
  S: 'Squat',
  B: 'Bench press',
  D: 'Deadlift',
};

const LB_PER_KG = 2.20462262;

export interface OverlayView {
  readonly meetName: string;
  /** "Squat · Flight A". */
  readonly liftLine: string;
  /** The lifter on the platform, or a line saying nobody is. */
  readonly lifter: string;
  /** "Attempt 2 · 102.5 kg"; empty when nobody is lifting. */
  readonly attemptLine: string;
  /** "Bo · Attempt 1 · 105 kg", next first. */
  readonly next: readonly string[];
}

export function overlayView(state: JsonObject): OverlayView {
  const meet = state.meet;
  const meetObject = typeof meet === 'object' && meet !== null && !Array.isArray(meet) ? meet : {};
  const name = (meetObject as JsonObject).name;
  const inKg = (meetObject as JsonObject).inKg !== false;
  const order = liftingOrder(state);
  const turnLine = (turn: LiftingTurn) =>
    `Attempt ${turn.attempt} · ${formatWeight(turn.weightKg, inKg)}`;
  return {
    meetName: typeof name === 'string' ? name : '',
    liftLine: `${LIFT_NAMES[order.lift]} · Flight ${order.flight}`,
    lifter:
      order.current === undefined ? 'No lifter up' : order.current.name.trim() || 'Unnamed lifter',
    attemptLine: order.current === undefined ? '' : turnLine(order.current),
    next: order.next
      .slice(0, NEXT_SHOWN)
      .map((turn) => `${turn.name.trim() || 'Unnamed lifter'} · ${turnLine(turn)}`),
  };
}

/** 102.5 → "102.5 kg"; in pounds (OpenLifter's `inKg: false`) to the nearest 0.1 lb. */
export function formatWeight(kg: number, inKg: boolean): string {
  if (kg <= 0) return 'weight to come';
  return inKg ? `${Math.round(kg * 100) / 100} kg` : `${Math.round(kg * LB_PER_KG * 10) / 10} lb`;
}
