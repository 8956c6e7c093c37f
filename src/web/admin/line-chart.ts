// A small live line chart in plain SVG: one line per app over a time window, a legend, and a text
// summary of the current values (the same words as the SVG's aria-label, for everyone). The
// geometry is chart-geometry.ts; this file only builds and updates the elements.

import { el } from '../shared/dom.ts';
import { axisMax, linePath, type Point } from './chart-geometry.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 300;
const HEIGHT = 100;
/** Series colours are CSS classes (series-0 …); past this many they repeat. */
const PALETTE_SIZE = 6;

export interface LineChartOptions {
  /** Element id of the chart (`chart-<key>`). */
  readonly key: string;
  readonly title: string;
  /** What the numbers count, e.g. "connections" or "frames/s". */
  readonly unit: string;
}

export interface ChartWindow {
  readonly from: number;
  readonly to: number;
}

const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

export class LineChart {
  readonly element: HTMLElement;
  private readonly options: LineChartOptions;
  private readonly svg: SVGSVGElement;
  private readonly lines: SVGGElement;
  private readonly total: HTMLElement;
  private readonly breakdown: HTMLElement;
  private readonly top: HTMLElement;
  private readonly legend: HTMLUListElement;
  private legendApps = '';

  constructor(options: LineChartOptions) {
    this.options = options;
    this.total = el('strong', { class: 'chart-total' }, '—');
    this.breakdown = el('span', { class: 'chart-breakdown' });
    this.top = el('span', { class: 'chart-max muted' });
    this.svg = svg('svg', {
      role: 'img',
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      preserveAspectRatio: 'none',
      'aria-label': `${options.title}: no data yet`,
    });
    // Grid lines at a quarter, half and three quarters of the axis.
    for (const fraction of [0.25, 0.5, 0.75]) {
      const y = String(HEIGHT * fraction);
      this.svg.append(svg('line', { class: 'grid', x1: '0', x2: String(WIDTH), y1: y, y2: y }));
    }
    this.lines = svg('g', {});
    this.svg.append(this.lines);
    this.legend = el('ul', { class: 'legend', 'aria-label': `${options.title}: apps` });
    this.element = el(
      'figure',
      { class: 'card chart', id: `chart-${options.key}` },
      el(
        'figcaption',
        {},
        el('h3', {}, options.title),
        el('p', { class: 'chart-summary' }, this.total, ' ', options.unit, this.breakdown),
      ),
      this.top,
      this.svg,
      el(
        'p',
        { class: 'chart-axis muted', 'aria-hidden': 'true' },
        el('span', {}, '1 min ago'),
        el('span', {}, 'now'),
      ),
      this.legend,
    );
  }

  /** Redraw from per-app series (apps in display order). A missing series draws nothing. */
  update(
    series: ReadonlyMap<string, readonly Point[]>,
    apps: readonly string[],
    window: ChartWindow,
  ): void {
    const max = axisMax(apps.map((app) => series.get(app) ?? []));
    const frame = { ...window, max, width: WIDTH, height: HEIGHT };
    const current = apps.map((app) => [app, series.get(app)?.at(-1)?.v] as const);
    const known = current.filter(
      (entry): entry is readonly [string, number] => entry[1] !== undefined,
    );
    const total = known.reduce((sum, [, value]) => sum + value, 0);

    const paths = apps.map((app, index) =>
      svg('path', {
        class: `series series-${index % PALETTE_SIZE}`,
        'data-app': app,
        d: linePath(series.get(app) ?? [], frame),
      }),
    );
    this.lines.replaceChildren(...paths);
    this.top.textContent = `scale 0–${formatNumber(max)}`;

    const parts = known.map(([app, value]) => `${app} ${formatNumber(value)}`);
    if (known.length === 0) {
      this.total.textContent = '—';
      this.breakdown.textContent = ' (measuring…)';
      this.svg.setAttribute('aria-label', `${this.options.title}: measuring`);
      this.svg.removeAttribute('data-last');
    } else {
      this.total.textContent = formatNumber(total);
      this.breakdown.textContent = ` now: ${parts.join(', ')}`;
      this.svg.setAttribute(
        'aria-label',
        `${this.options.title} over the last minute, now ${formatNumber(total)} ${this.options.unit}: ${parts.join(', ')}`,
      );
      this.svg.setAttribute('data-last', String(total));
    }

    const legendApps = apps.join('\n');
    if (legendApps !== this.legendApps) {
      this.legendApps = legendApps;
      this.legend.replaceChildren(
        ...apps.map((app, index) =>
          el(
            'li',
            {},
            el('span', { class: `swatch series-${index % PALETTE_SIZE}`, 'aria-hidden': 'true' }),
            app,
          ),
        ),
      );
    }
  }
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, string>>,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}
