// The results chart, written by hand as plain SVG: one panel per headline metric, one bar per
// server (median), a thin line for the min–max range, Hearth in its own colour. No dependency.

import { statOf, type Summary } from './aggregate.ts';
import { formatValue, labelWithUnit, METRICS, type MetricSpec } from './metrics.ts';

const WIDTH = 760;
const LABEL_WIDTH = 130;
const BAR_WIDTH = 470;
const ROW = 20;
const PANEL_TITLE = 26;
const PANEL_GAP = 16;
const HEARTH_COLOUR = '#d9480f';
const REFERENCE_COLOUR = '#5c7080';
const STYLE =
  '.title{font-weight:600;font-size:13px}.label{text-anchor:end;fill:#222}' +
  '.value{fill:#222}.range{stroke:#111;stroke-width:1.5}';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ENTITIES[char] ?? char);
}

function text(x: number, y: number, className: string, content: string): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" class="${className}">${escapeXml(content)}</text>`;
}

function panelTitle(spec: MetricSpec): string {
  const direction = spec.better === undefined ? '' : ` — ${spec.better} is better`;
  return `${spec.scenario}: ${labelWithUnit(spec)}${direction}`;
}

export function renderChart(summary: Summary, targets: readonly string[], title: string): string {
  const panels = METRICS.filter(
    (spec) => spec.headline === true && summary[spec.scenario] !== undefined,
  );
  const parts: string[] = [];
  let y = 34;
  for (const spec of panels) {
    const stats = targets.map(
      (target) => [target, statOf(summary, spec.scenario, target, spec.key)] as const,
    );
    const scale = Math.max(...stats.map(([, stat]) => stat?.max ?? 0), Number.MIN_VALUE);
    const x = (value: number): number => LABEL_WIDTH + (value / scale) * BAR_WIDTH;
    parts.push(text(0, y + 16, 'title', panelTitle(spec)));
    y += PANEL_TITLE;
    for (const [target, stat] of stats) {
      const middle = y + ROW / 2;
      parts.push(text(LABEL_WIDTH - 8, middle + 4, 'label', target));
      if (stat === undefined) {
        parts.push(text(LABEL_WIDTH, middle + 4, 'value', 'not measured'));
      } else {
        const colour = target === 'hearth' ? HEARTH_COLOUR : REFERENCE_COLOUR;
        const barWidth = (x(stat.median) - LABEL_WIDTH).toFixed(1);
        parts.push(
          `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${barWidth}" height="${ROW - 6}" fill="${colour}"/>`,
          `<line x1="${x(stat.min).toFixed(1)}" x2="${x(stat.max).toFixed(1)}" y1="${middle}" y2="${middle}" class="range"/>`,
          text(x(stat.max) + 6, middle + 4, 'value', formatValue(stat.median, spec)),
        );
      }
      y += ROW;
    }
    y += PANEL_GAP;
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}" font-family="system-ui, sans-serif" font-size="12">`,
    `<style>${STYLE}</style>`,
    `<rect width="${WIDTH}" height="${y}" fill="#fff"/>`,
    text(0, 18, 'title', title),
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
