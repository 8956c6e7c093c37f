// The dashboard's tables: each app's totals since the node started, and each app's busiest rooms
// (chat rooms, presence rooms, OpenLifter meets) with their live connections. The headings and
// scrolling boxes stay put across snapshots (so focus and sideways scroll survive the
// once-a-second refresh); only the tables inside them are rebuilt. Every cell is text.

import type { AdminStats, AppStats } from '../../protocol/admin/stats.ts';
import { el } from '../shared/dom.ts';
import { formatNumber } from './line-chart.ts';

interface Column {
  readonly heading: string;
  readonly value: (app: AppStats) => number | null;
}

const APP_COLUMNS: readonly Column[] = [
  { heading: 'Connections', value: (app) => app.connections.active },
  { heading: 'Connections since start', value: (app) => app.connections.total },
  { heading: 'Frames in', value: (app) => app.frames.in },
  { heading: 'Frames out', value: (app) => app.frames.out },
  { heading: 'Bytes in', value: (app) => app.bytes.in },
  { heading: 'Bytes out', value: (app) => app.bytes.out },
  { heading: 'Fan-out deliveries', value: (app) => app.fanout.deliveries },
  { heading: 'Slow-consumer closes', value: (app) => app.events.slow_consumer_closes },
  { heading: 'Rate-limited frames', value: (app) => app.events.rate_limited },
  { heading: 'Auth failures', value: (app) => app.events.auth_failures },
  { heading: 'Refused upgrades', value: (app) => app.events.upgrades_refused },
  { heading: 'Handler errors', value: (app) => app.events.handler_errors },
];

/**
 * A heading and, under it, a box that scrolls a wide table sideways on a narrow screen
 * (focusable, so keys scroll it). The heading names the table for screen readers.
 */
class TitledTable {
  readonly element: HTMLDivElement;
  private readonly headingId: string;
  private readonly heading: HTMLHeadingElement;
  private readonly box: HTMLDivElement;

  constructor(id: string) {
    this.headingId = `${id}-title`;
    this.heading = el('h3', { id: this.headingId });
    this.box = el('div', {
      class: 'table-scroll',
      role: 'region',
      'aria-labelledby': this.headingId,
      tabindex: '0',
    });
    this.element = el('div', { class: 'stack titled-table' }, this.heading, this.box);
  }

  /** A new title and table; without a table the box is hidden (the title says why). */
  update(title: string, table: HTMLTableElement | undefined): void {
    if (this.heading.textContent !== title) this.heading.textContent = title;
    this.box.hidden = table === undefined;
    if (table === undefined) {
      this.box.replaceChildren();
      return;
    }
    table.setAttribute('aria-labelledby', this.headingId);
    this.box.replaceChildren(table);
  }
}

function headerRow(headings: readonly string[]): HTMLTableRowElement {
  return el('tr', {}, ...headings.map((heading) => el('th', { scope: 'col' }, heading)));
}

export class AppsTable {
  private readonly view = new TitledTable('apps-table');

  get element(): HTMLElement {
    return this.view.element;
  }

  update(stats: AdminStats): void {
    const rows = stats.apps.map((app) =>
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, app.name),
        ...APP_COLUMNS.map((column) => {
          const value = column.value(app);
          return el('td', {}, value === null ? '—' : formatNumber(value));
        }),
      ),
    );
    const table = el(
      'table',
      { id: 'apps-table' },
      el('thead', {}, headerRow(['App', ...APP_COLUMNS.map((column) => column.heading)])),
      el('tbody', {}, ...rows),
    );
    this.view.update('Totals per app since the node started', table);
  }
}

/** What each app calls its rooms. */
function roomNoun(app: string): string {
  return app === 'openlifter' ? 'meet' : 'room';
}

export class RoomsTables {
  readonly element: HTMLDivElement = el('div', { class: 'stack' });
  private readonly views = new Map<string, TitledTable>();
  private shown = '';

  update(stats: AdminStats): void {
    // Apps without an adminRooms hook (echo) have nothing to show.
    const apps = stats.apps.filter((app) => app.rooms !== null || app.rooms_error !== undefined);
    for (const app of apps) {
      let view = this.views.get(app.name);
      if (view === undefined) {
        view = new TitledTable(`rooms-${app.name}`);
        this.views.set(app.name, view);
      }
      const [title, table] = roomsOf(app);
      view.update(title, table);
    }
    const shown = apps.map((app) => app.name).join('\n');
    if (shown !== this.shown) {
      this.shown = shown;
      this.element.replaceChildren(
        ...apps.flatMap((app) => this.views.get(app.name)?.element ?? []),
      );
    }
  }
}

function roomsOf(app: AppStats): [string, HTMLTableElement | undefined] {
  const noun = roomNoun(app.name);
  if (app.rooms === null) return [`${app.name}: ${app.rooms_error ?? 'no rooms'}`, undefined];
  const { total, rooms } = app.rooms;
  if (total === 0) return [`${app.name}: no ${noun}s with live connections`, undefined];
  const count = rooms.length === total ? `${total}` : `the busiest ${rooms.length} of ${total}`;
  const title = `${app.name}: ${count} ${noun}${total === 1 ? '' : 's'} with live connections`;
  const table = el(
    'table',
    { class: 'rooms', 'data-app': app.name },
    el(
      'thead',
      {},
      headerRow([noun === 'meet' ? 'Meet' : 'Room', 'Name', 'Detail', 'Connections']),
    ),
    el(
      'tbody',
      {},
      ...rooms.map((room) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, room.id),
          el('td', {}, room.name ?? '—'),
          el('td', {}, room.detail ?? '—'),
          el('td', {}, formatNumber(room.connections)),
        ),
      ),
    ),
  );
  return [title, table];
}
