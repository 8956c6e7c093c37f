// OpenLifter's "Live (Advanced)" control page: go live or join a meet, see the sync status, edit
// a few meet fields and the lifters, all through the OpenLifter sync engine, which keeps the meet
// in this browser's localStorage so a reload (or a dropped venue Wi-Fi) loses nothing.

import './style.css';
import {
  MeetSyncEngine,
  WebStoragePersistence,
  type MeetSyncError,
} from '../../client/openlifter/index.ts';
import { appPrefix, byId, webSocketUrl } from '../shared/dom.ts';
import { setUpGoLiveForm, setUpJoinForm } from './access-forms.ts';
import { copyFromField } from './clipboard.ts';
import { setUpConflictNotice, showConflict } from './conflict-notice.ts';
import { MeetEditor } from './meet-editor.ts';
import { formatMeetId, meetLink, readMeetFragment } from './meet-link.ts';
import { newMeetSlices } from './meet-state-view.ts';
import { renderSyncBadge } from './sync-badge.ts';

/** One engine per browser profile: the Web Lock below keeps a second tab off this key. */
const STORAGE_KEY = 'hearth.openlifter.live';

const prefix = appPrefix();
const persistence = new WebStoragePersistence({ key: STORAGE_KEY });
const badge = byId('sync-status', HTMLParagraphElement);

function notice(text: string): void {
  const element = byId('page-notice', HTMLParagraphElement);
  element.textContent = text;
  element.hidden = text === '';
}

/**
 * Two tabs on one storage key would number their edits alike and lose some to the server's
 * duplicate detection, so only one tab per browser may run the meet. Web Locks exist only in
 * secure contexts (https, localhost); on plain http to a LAN address the check is skipped.
 */
function holdTabLock(): Promise<boolean> {
  const locks = (navigator as { locks?: LockManager }).locks;
  if (locks === undefined) return Promise.resolve(true);
  return new Promise((resolve) => {
    void locks.request(STORAGE_KEY, { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      // Held for the life of the tab.
      return lock === null ? undefined : new Promise<void>(() => undefined);
    });
  });
}

function showAccess(): void {
  byId('live', HTMLElement).hidden = true;
  byId('access', HTMLElement).hidden = false;
}

function showLive(engine: MeetSyncEngine): void {
  const meetId = formatMeetId(engine.meetId ?? '');
  byId('access', HTMLElement).hidden = true;
  byId('live', HTMLElement).hidden = false;
  byId('meet-id', HTMLElement).textContent = meetId;
  byId('location-name', HTMLElement).textContent = engine.locationName ?? '';
  byId('join-link', HTMLInputElement).value = meetLink(`${prefix}/`, { meet: meetId });
  const overlay = meetLink(`${prefix}/overlay/`, { meet: meetId });
  byId('overlay-url', HTMLInputElement).value = overlay;
  byId('overlay-link', HTMLAnchorElement).href = overlay;
  notice('');
}

function setUpCopyButtons(): void {
  const status = byId('copy-status', HTMLParagraphElement);
  for (const [button, field] of [
    ['copy-join-link', 'join-link'],
    ['copy-overlay-url', 'overlay-url'],
  ] as const) {
    byId(button, HTMLButtonElement).addEventListener('click', () => {
      void copyFromField(byId(field, HTMLInputElement), status);
    });
  }
}

function wireEngine(engine: MeetSyncEngine, editor: MeetEditor): void {
  const updateBadge = () => {
    renderSyncBadge(
      badge,
      engine.meetId === undefined ? 'idle' : engine.syncStatus,
      engine.pendingCount,
    );
  };
  engine.addEventListener('stateChanged', (event) => {
    editor.render(event.state);
  });
  engine.addEventListener('syncStatus', updateBadge);
  engine.addEventListener('pendingChanged', updateBadge);
  engine.addEventListener('conflict', (event) => {
    showConflict(event, engine.state);
  });
  engine.addEventListener('rejected', (event) => {
    const reasons = [...new Set(event.updates.map((update) => update.reason))].join('; ');
    notice(`The server refused ${event.updates.length} change(s): ${reasons}.`);
  });
  engine.addEventListener('sessionInvalid', () => {
    updateBadge();
    showAccess();
    notice('The server no longer knows this session. Enter the meet password to join again.');
  });
  engine.addEventListener('error', (event) => {
    if (event.error.code === 'persistence') {
      notice('This browser could not save the meet (storage full or disabled).');
    }
  });
}

async function main(): Promise<void> {
  renderSyncBadge(badge, 'idle', 0);
  if (!(await holdTabLock())) {
    notice('This page is already open in another tab of this browser: use that tab.');
    return;
  }
  const engine = new MeetSyncEngine({ url: webSocketUrl(`${prefix}/ws`), persistence });
  const editor = new MeetEditor((key, value) => {
    engine.edit(key, value);
  });
  wireEngine(engine, editor);
  setUpConflictNotice();
  setUpCopyButtons();

  setUpGoLiveForm(async (request) => {
    await engine.createMeet({
      thisLocationName: request.thisLocationName,
      password: request.password,
      endpoints: request.endpoints,
    });
    for (const [slice, value] of newMeetSlices(request.meetName)) engine.edit(slice, value);
    showLive(engine);
  });
  const link = readMeetFragment(location.hash);
  setUpJoinForm(
    {
      ...(link.meet === undefined ? {} : { meetId: link.meet }),
      ...(link.location === undefined ? {} : { locationName: link.location }),
    },
    async (request) => {
      await engine.joinMeet(request);
      showLive(engine);
    },
  );
  byId('leave-meet', HTMLButtonElement).addEventListener('click', () => {
    const pending = engine.pendingCount;
    if (
      pending > 0 &&
      !confirm(`${pending} change(s) have not reached the server. Leave anyway?`)
    ) {
      return;
    }
    void engine.close().then(async () => {
      await persistence.clear();
      location.replace(location.pathname);
    });
  });

  let resumed: boolean;
  try {
    resumed = await engine.resume();
  } catch (error) {
    notice(`The saved meet could not be loaded: ${(error as MeetSyncError).message}`);
    resumed = false;
  }
  if (resumed) {
    showLive(engine);
    return;
  }
  showAccess();
  if (engine.meetId !== undefined) {
    // The saved session was declared invalid: the same meet, joined again, keeps its edits.
    byId('join-meet-id', HTMLInputElement).value = formatMeetId(engine.meetId);
    byId('join-location', HTMLInputElement).value = engine.locationName ?? '';
    notice('The session of the saved meet has ended. Enter the meet password to join again.');
  }
}

void main();
