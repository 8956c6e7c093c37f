// The arithmetic of the dashboard's line charts, apart from the DOM so it can be tested alone:
// where a sample lands in the SVG's coordinate box, the path through a series, and a rounded
// top for the value axis.

export interface Point {
  /** Epoch milliseconds. */
  readonly t: number;
  readonly v: number;
}

export interface ChartFrame {
  /** The time at the left edge and at the right edge (epoch ms). */
  readonly from: number;
  readonly to: number;
  /** The value at the top edge (the bottom is 0). */
  readonly max: number;
  /** The SVG viewBox size. */
  readonly width: number;
  readonly height: number;
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`, and 1 for anything up to 1. */
export function niceCeiling(value: number): number {
  if (!Number.isFinite(value) || value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (value <= step * magnitude) return step * magnitude;
  }
  return 10 * magnitude;
}

/** The axis top for several series: the nice ceiling of their largest value. */
export function axisMax(series: Iterable<readonly Point[]>): number {
  let largest = 0;
  for (const points of series) for (const point of points) largest = Math.max(largest, point.v);
  return niceCeiling(largest);
}

/**
 * The `d` of an SVG path through the points that fall in the frame's time range, left to right;
 * values are clamped to the box (0 at the bottom). "" when no point falls in the range.
 */
export function linePath(points: readonly Point[], frame: ChartFrame): string {
  const span = frame.to - frame.from;
  if (span <= 0 || frame.max <= 0) return '';
  const commands: string[] = [];
  for (const { t, v } of points) {
    if (t < frame.from || t > frame.to || !Number.isFinite(v)) continue;
    const x = ((t - frame.from) / span) * frame.width;
    const y = frame.height - (Math.min(Math.max(v, 0), frame.max) / frame.max) * frame.height;
    commands.push(`${commands.length === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`);
  }
  return commands.join(' ');
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}
