// The livestream overlay: a display-only client of a live meet (it joins without a location, so
// the server refuses any edit from it) for an OBS browser source. The credentials come from the
// URL fragment (`#meet=…&password=…`), which never reaches the server's logs, or from a form.
// Once joined it shows no controls: only the meet, the lifter on the platform and who follows,
// recomputed from the meet state on every change.

import './style.css';
import { MeetSyncEngine } from '../../client/openlifter/index.ts';
import type { JsonObject } from '../../protocol/openlifter/meet-state.ts';
import { byId, el, webSocketUrl } from '../shared/dom.ts';
import { formatMeetId, readMeetFragment } from '../openlifter/meet-link.ts';
import { overlayView } from './overlay-view.ts';

/** The app's prefix: "/openlifter/overlay/" → "/openlifter". */
const prefix = location.pathname.replace(/\/overlay\/[^/]*$/, '');

const form = byId('overlay-join', HTMLFormElement);
const board = byId('overlay-board', HTMLElement);
const error = byId('overlay-error', HTMLParagraphElement);

function render(state: JsonObject): void {
  const view = overlayView(state);
  byId('ov-meet-name', HTMLParagraphElement).textContent = view.meetName;
  byId('ov-lift', HTMLParagraphElement).textContent = view.liftLine;
  byId('ov-lifter', HTMLParagraphElement).textContent = view.lifter;
  byId('ov-attempt', HTMLParagraphElement).textContent = view.attemptLine;
  byId('ov-next-list', HTMLOListElement).replaceChildren(
    ...view.next.map((line) => el('li', {}, line)),
  );
  byId('ov-next', HTMLDivElement).hidden = view.next.length === 0;
}

function showForm(message: string, meetId?: string): void {
  board.hidden = true;
  form.hidden = false;
  if (meetId !== undefined) byId('overlay-meet-id', HTMLInputElement).value = meetId;
  error.textContent = message;
}

async function join(engine: MeetSyncEngine, meetId: string, password: string): Promise<void> {
  try {
    await engine.joinMeet({ meetId, password }); // no location: display-only
  } catch (cause) {
    showForm(cause instanceof Error ? cause.message : String(cause), meetId);
    return;
  }
  form.hidden = true;
  board.hidden = false;
  render(engine.state);
}

function main(): void {
  const engine = new MeetSyncEngine({ url: webSocketUrl(`${prefix}/ws`) });
  engine.addEventListener('stateChanged', (event) => {
    render(event.state);
  });
  engine.addEventListener('syncStatus', (event) => {
    const connection = byId('ov-connection', HTMLParagraphElement);
    connection.hidden = event.status === 'online';
    connection.textContent = event.status === 'resyncing' ? 'Catching up…' : 'Reconnecting…';
  });
  engine.addEventListener('sessionInvalid', (event) => {
    showForm('The session ended: enter the meet password again.', event.meetId);
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const meetId = byId('overlay-meet-id', HTMLInputElement).value.trim();
    const password = byId('overlay-password', HTMLInputElement).value;
    void join(engine, meetId, password);
  });

  const link = readMeetFragment(location.hash);
  if (link.meet !== undefined && link.password !== undefined) {
    void join(engine, link.meet, link.password);
  } else {
    showForm('', link.meet === undefined ? undefined : formatMeetId(link.meet));
  }
}

main();
