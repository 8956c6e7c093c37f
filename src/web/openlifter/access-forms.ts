// The two ways into a live meet: "Go live" (a new meet: password, the list of locations with
// their priorities, and which of them this browser is) and "Join" (meet id, password, location).
// The forms only collect and check input; main.ts talks to the sync engine.

import { byId, el } from '../shared/dom.ts';

export interface Endpoint {
  readonly locationName: string;
  readonly priority: number;
}

export interface GoLiveRequest {
  readonly meetName: string;
  readonly password: string;
  readonly thisLocationName: string;
  readonly endpoints: readonly Endpoint[];
}

export interface JoinRequest {
  readonly meetId: string;
  readonly password: string;
  readonly locationName: string;
}

/** Where a meet usually happens; the highest priority wins conflicts (the desk decides). */
const DEFAULT_ENDPOINTS: readonly Endpoint[] = [
  { locationName: 'Registration desk', priority: 30 },
  { locationName: 'Platform A', priority: 20 },
  { locationName: 'Weigh-ins', priority: 10 },
];

let endpointRowCount = 0;

/** Wires the go-live form; `submit` rejects with an Error whose message is shown to the user. */
export function setUpGoLiveForm(submit: (request: GoLiveRequest) => Promise<void>): void {
  const form = byId('go-live-form', HTMLFormElement);
  const list = byId('endpoint-list', HTMLOListElement);
  const select = byId('go-live-location', HTMLSelectElement);
  const error = byId('go-live-error', HTMLParagraphElement);

  const refreshLocations = (): void => {
    const chosen = select.value;
    const names = readEndpoints(list)
      .map((endpoint) => endpoint.locationName)
      .filter((name) => name !== '');
    select.replaceChildren(...names.map((name) => el('option', { value: name }, name)));
    if (names.includes(chosen)) select.value = chosen;
  };
  const addRow = (endpoint: Endpoint): void => {
    list.append(endpointRow(endpoint, refreshLocations));
    refreshLocations();
  };
  for (const endpoint of DEFAULT_ENDPOINTS) addRow(endpoint);
  byId('add-endpoint', HTMLButtonElement).addEventListener('click', () => {
    addRow({ locationName: '', priority: 0 });
    list.querySelector<HTMLInputElement>('li:last-child input')?.focus();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const endpoints = readEndpoints(list);
    const request: GoLiveRequest = {
      meetName: byId('go-live-meet-name', HTMLInputElement).value.trim(),
      password: byId('go-live-password', HTMLInputElement).value,
      thisLocationName: select.value,
      endpoints,
    };
    error.textContent = '';
    void runSubmit(form, error, () => submit(request));
  });
}

/** Wires the join form, prefilled from a join link or a persisted meet. */
export function setUpJoinForm(
  prefill: Partial<JoinRequest>,
  submit: (request: JoinRequest) => Promise<void>,
): void {
  const form = byId('join-form', HTMLFormElement);
  const error = byId('join-error', HTMLParagraphElement);
  const meetId = byId('join-meet-id', HTMLInputElement);
  const password = byId('join-password', HTMLInputElement);
  const locationName = byId('join-location', HTMLInputElement);
  if (prefill.meetId !== undefined) meetId.value = prefill.meetId;
  if (prefill.locationName !== undefined) locationName.value = prefill.locationName;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const request: JoinRequest = {
      meetId: meetId.value.trim(),
      password: password.value,
      locationName: locationName.value.trim(),
    };
    error.textContent = '';
    void runSubmit(form, error, () => submit(request));
  });
}

/** Disables the form while the request runs, and shows why it failed. */
async function runSubmit(
  form: HTMLFormElement,
  error: HTMLElement,
  action: () => Promise<void>,
): Promise<void> {
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (button !== null) button.disabled = true;
  try {
    await action();
  } catch (cause) {
    error.textContent = cause instanceof Error ? cause.message : String(cause);
  } finally {
    if (button !== null) button.disabled = false;
  }
}

function endpointRow(endpoint: Endpoint, changed: () => void): HTMLLIElement {
  const n = ++endpointRowCount;
  const name = el('input', {
    id: `endpoint-${n}-name`,
    class: 'endpoint-name',
    required: '',
    maxlength: '64',
    autocomplete: 'off',
  });
  name.value = endpoint.locationName;
  const priority = el('input', {
    id: `endpoint-${n}-priority`,
    class: 'endpoint-priority',
    type: 'number',
    step: '1',
    required: '',
  });
  priority.value = String(endpoint.priority);
  const remove = el('button', { type: 'button', class: 'secondary' }, 'Remove');
  remove.setAttribute('aria-label', `Remove location ${n}`);
  const row = el(
    'li',
    { class: 'endpoint-row' },
    el('label', { for: name.id }, 'Location', name),
    el('label', { for: priority.id }, 'Priority', priority),
    remove,
  );
  name.addEventListener('input', changed);
  remove.addEventListener('click', () => {
    row.remove();
    changed();
  });
  return row;
}

function readEndpoints(list: HTMLOListElement): Endpoint[] {
  return [...list.querySelectorAll('li')].map((row) => ({
    locationName: row.querySelector<HTMLInputElement>('.endpoint-name')?.value.trim() ?? '',
    priority: Number(row.querySelector<HTMLInputElement>('.endpoint-priority')?.value ?? '0'),
  }));
}
