// The XR room page: join a room (relay or protobuf mode), see everyone as dots on a map of the
// room's x/z plane, move your own with the pointer or the keyboard. A canvas says nothing to a
// screen reader, so the peer list repeats the map as text (with the coordinates as data-x/data-z
// too) and a log announces joins and leaves.

import '../shared/base.css';
import './style.css';
import type { PresenceClientState } from '../../client/presence/index.ts';
import { appPrefix, byId, el, webSocketUrl } from '../shared/dom.ts';
import { RoomMap } from './room-map.ts';
import { RoomSession, type RoomMode } from './room-session.ts';

/** Metres per arrow-key press. */
const KEY_STEP = 0.5;
/** Log lines kept. */
const LOG_LINES = 50;

const KEY_MOVES: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  a: [-1, 0],
  d: [1, 0],
  w: [0, -1],
  s: [0, 1],
};

const STATUS: Readonly<Record<PresenceClientState, readonly [string, string]>> = {
  connecting: ['Connecting…', 'warn'],
  ready: ['In the room', 'ok'],
  reconnecting: ['Disconnected. Reconnecting…', 'bad'],
  closed: ['Not in a room', ''],
};

const form = byId('join-form', HTMLFormElement);
const joinButton = byId('join', HTMLButtonElement);
const leaveButton = byId('leave', HTMLButtonElement);
const canvas = byId('map', HTMLCanvasElement);
const map = new RoomMap(canvas);
let session: RoomSession | undefined;

function format(value: number): string {
  return value.toFixed(1);
}

function render(): void {
  const current = session;
  const state = current?.state ?? 'closed';
  const [text, tone] = STATUS[state];
  const status = byId('status', HTMLParagraphElement);
  status.textContent = text;
  status.className = `badge ${tone}`;
  if (current === undefined) {
    map.update(undefined, []);
    return;
  }
  const { x, z } = current.position;
  const name = byId('display-name', HTMLInputElement).value;
  byId('me', HTMLParagraphElement).textContent = `You (${name}): x ${format(x)}, z ${format(z)}`;
  canvas.setAttribute('data-x', format(x));
  canvas.setAttribute('data-z', format(z));
  const peers = current.peers;
  const items = peers.map((peer) => {
    const where =
      peer.x === undefined || peer.z === undefined
        ? 'position not known yet'
        : `x ${format(peer.x)}, z ${format(peer.z)}`;
    return el(
      'li',
      {
        'data-client-id': peer.clientId,
        'data-x': peer.x === undefined ? undefined : format(peer.x),
        'data-z': peer.z === undefined ? undefined : format(peer.z),
      },
      el('span', { class: 'peer-name' }, peer.name),
      `: ${where}`,
    );
  });
  const list = byId('peers', HTMLUListElement);
  if (items.length === 0) list.replaceChildren(el('li', { class: 'muted' }, 'Nobody else yet.'));
  else list.replaceChildren(...items);
  map.update(
    { name, x, z },
    peers.flatMap((peer) =>
      peer.x === undefined || peer.z === undefined
        ? []
        : [{ name: peer.name, x: peer.x, z: peer.z }],
    ),
  );
}

function log(line: string): void {
  const list = byId('log', HTMLOListElement);
  const time = new Date().toLocaleTimeString();
  list.append(el('li', {}, el('time', {}, time), ` ${line}`));
  while (list.children.length > LOG_LINES) list.firstElementChild?.remove();
}

async function join(): Promise<void> {
  const roomId = byId('room-id', HTMLInputElement).value.trim();
  const displayName = byId('display-name', HTMLInputElement).value.trim();
  const mode: RoomMode =
    byId('mode', HTMLSelectElement).value === 'protobuf' ? 'protobuf' : 'relay';
  const token = byId('token', HTMLInputElement).value.trim();
  const error = byId('join-error', HTMLParagraphElement);
  error.textContent = '';
  try {
    session = await RoomSession.join({
      url: webSocketUrl(`${appPrefix()}/ws`),
      roomId,
      displayName,
      mode,
      token: token === '' ? undefined : token,
      onChange: render,
      onLog: log,
      onError: (message) => {
        error.textContent = message;
      },
    });
  } catch (cause) {
    error.textContent = cause instanceof Error ? cause.message : String(cause);
    return;
  }
  log(`You joined ${roomId} (${mode})`);
  setJoined(true);
  render();
  canvas.focus();
}

function leave(): void {
  session?.leave();
  session = undefined;
  log('You left');
  setJoined(false);
  render();
}

function setJoined(joined: boolean): void {
  byId('room', HTMLDivElement).hidden = !joined;
  joinButton.disabled = joined;
  leaveButton.disabled = !joined;
  for (const input of form.querySelectorAll('input, select')) {
    if (input instanceof HTMLInputElement || input instanceof HTMLSelectElement) {
      input.disabled = joined;
    }
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (session === undefined) void join();
});
leaveButton.addEventListener('click', leave);

canvas.addEventListener('pointermove', (event) => {
  // A mouse steers by hovering; touch and pen while pressed.
  if (session === undefined || (event.pointerType !== 'mouse' && event.buttons === 0)) return;
  const { x, z } = map.toWorld(event.clientX, event.clientY);
  session.moveTo(x, z);
});
canvas.addEventListener('pointerdown', (event) => {
  if (session === undefined) return;
  const { x, z } = map.toWorld(event.clientX, event.clientY);
  session.moveTo(x, z);
});
canvas.addEventListener('keydown', (event) => {
  const move = KEY_MOVES[event.key.length === 1 ? event.key.toLowerCase() : event.key];
  if (session === undefined || move === undefined || event.altKey || event.ctrlKey) return;
  event.preventDefault(); // arrows would scroll the page
  const { x, z } = session.position;
  session.moveTo(x + move[0] * KEY_STEP, z + move[1] * KEY_STEP);
});

const nameInput = byId('display-name', HTMLInputElement);
if (nameInput.value === '')
  nameInput.value = `Guest ${String(Math.floor(Math.random() * 900) + 100)}`;
render();
