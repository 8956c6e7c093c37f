// The editor of the live meet: a few meet fields (name, date, current flight and lift) and one
// card per lifter (name, division, weight class, flight, lot, and the current lift's three
// attempts with their results). Every change is one engine edit at the finest key (a weight, a
// result, a name), so edits from different locations touch different keys and rarely conflict.
// Rendering updates fields in place and never overwrites the field being typed in.

import { LIFT_FIELDS, type Lift } from '../../client/openlifter/index.ts';
import type { JsonObject, JsonValue } from '../../protocol/openlifter/meet-state.ts';
import { byId, el } from '../shared/dom.ts';
import {
  entriesOf,
  isObject,
  itemAt,
  newEntry,
  objectAt,
  textAt,
  valueAt,
} from './meet-state-view.ts';

export type EditFn = (updateKey: string, updateValue: unknown) => void;

/** Attempts shown per lift (OpenLifter's arrays hold five; 4th attempts are for records). */
const SHOWN_ATTEMPTS = 3;

export const LIFT_NAMES: Readonly<Record<Lift, string>> = {
  S: 'Squat',
  B: 'Bench press',
  D: 'Deadlift',
};

interface LifterCard {
  readonly root: HTMLLIElement;
  readonly title: HTMLHeadingElement;
  readonly legend: HTMLLegendElement;
  readonly name: HTMLInputElement;
  readonly division: HTMLInputElement;
  readonly weightClass: HTMLInputElement;
  readonly flight: HTMLInputElement;
  readonly lot: HTMLInputElement;
  readonly weights: readonly HTMLInputElement[];
  readonly results: readonly HTMLSelectElement[];
}

export class MeetEditor {
  readonly #edit: EditFn;
  readonly #list = byId('lifter-list', HTMLOListElement);
  readonly #meetName = byId('field-meet-name', HTMLInputElement);
  readonly #meetDate = byId('field-meet-date', HTMLInputElement);
  readonly #flight = byId('field-flight', HTMLInputElement);
  readonly #lift = byId('field-lift', HTMLSelectElement);
  readonly #cards: LifterCard[] = [];
  #state: JsonObject = {};

  constructor(edit: EditFn) {
    this.#edit = edit;
    // Fields commit on change; Enter must not submit (and reload) the page.
    byId('meet-fields', HTMLFormElement).addEventListener('submit', (event) => {
      event.preventDefault();
    });
    this.#onChange(this.#meetName, () => ['meet.name', this.#meetName.value.trim()]);
    this.#onChange(this.#meetDate, () => ['meet.date', this.#meetDate.value]);
    this.#onChange(this.#flight, () => ['lifting.flight', flightValue(this.#flight)]);
    this.#onChange(this.#lift, () => ['lifting.lift', this.#lift.value]);
    byId('add-lifter', HTMLButtonElement).addEventListener('click', () => {
      const { index, nextEntryId, entry } = newEntry(this.#state);
      this.#edit(`registration.entries[${index}]`, entry);
      this.#edit('registration.nextEntryId', nextEntryId);
      this.#cards[index]?.name.focus();
    });
  }

  get lift(): Lift {
    const lift = textAt(objectAt(this.#state, 'lifting'), 'lift');
    return lift === 'B' || lift === 'D' ? lift : 'S';
  }

  render(state: JsonObject): void {
    this.#state = state;
    const meet = objectAt(state, 'meet');
    const lifting = objectAt(state, 'lifting');
    setField(this.#meetName, textAt(meet, 'name'));
    setField(this.#meetDate, textAt(meet, 'date'));
    setField(this.#flight, textAt(lifting, 'flight'));
    setField(this.#lift, this.lift);

    const entries = entriesOf(state);
    while (this.#cards.length < entries.length) this.#addCard(this.#cards.length);
    for (const card of this.#cards.splice(entries.length)) card.root.remove();
    entries.forEach((entry, index) => {
      const card = this.#cards[index];
      if (card !== undefined) this.#renderCard(card, index, entry);
    });
    byId('no-lifters', HTMLParagraphElement).hidden = entries.length > 0;
  }

  #renderCard(card: LifterCard, index: number, entry: JsonValue): void {
    card.root.hidden = !isObject(entry); // a hole in the array: nothing to edit
    const name = textAt(entry, 'name');
    card.title.textContent = name === '' ? `Lifter ${index + 1}` : name;
    card.legend.textContent = `${LIFT_NAMES[this.lift]} attempts`;
    setField(card.name, name);
    const divisions = valueAt(entry, 'divisions');
    setField(card.division, Array.isArray(divisions) ? divisions.join(', ') : '');
    setField(card.weightClass, textAt(entry, 'intendedWeightClassKg'));
    setField(card.flight, textAt(entry, 'flight'));
    setField(card.lot, textAt(entry, 'lot'));
    const fields = LIFT_FIELDS[this.lift];
    for (let a = 0; a < SHOWN_ATTEMPTS; a++) {
      const weight = itemAt(entry, fields.kg, a);
      const weightInput = card.weights[a];
      const resultSelect = card.results[a];
      if (weightInput === undefined || resultSelect === undefined) continue;
      setField(weightInput, typeof weight === 'number' && weight > 0 ? String(weight) : '');
      const status = itemAt(entry, fields.status, a);
      setField(resultSelect, status === 1 || status === -1 ? String(status) : '0');
    }
  }

  #addCard(index: number): void {
    const id = (field: string) => `lifter-${index}-${field}`;
    const input = (field: string, attributes: Record<string, string> = {}) =>
      el('input', { id: id(field), autocomplete: 'off', ...attributes });
    const labelled = (text: string, control: HTMLElement) =>
      el('label', { for: control.id }, text, control);
    const entryKey = (field: string) => `registration.entries[${index}].${field}`;

    const name = input('name', { maxlength: '128' });
    const division = input('division', { maxlength: '64' });
    const weightClass = input('class', { maxlength: '16' });
    const flight = input('flight', { maxlength: '2', class: 'flight' });
    const lot = input('lot', { type: 'number', min: '0', step: '1', inputmode: 'numeric' });
    this.#onChange(name, () => [entryKey('name'), name.value.trim()]);
    this.#onChange(division, () => [entryKey('divisions'), splitList(division.value)]);
    this.#onChange(weightClass, () => [
      entryKey('intendedWeightClassKg'),
      weightClass.value.trim(),
    ]);
    this.#onChange(flight, () => [entryKey('flight'), flightValue(flight)]);
    this.#onChange(lot, () => [entryKey('lot'), Math.max(0, Math.trunc(Number(lot.value)))]);

    const weights: HTMLInputElement[] = [];
    const results: HTMLSelectElement[] = [];
    const attempts: HTMLElement[] = [];
    for (let a = 0; a < SHOWN_ATTEMPTS; a++) {
      const weight = input(`attempt-${a + 1}-kg`, {
        type: 'number',
        min: '0',
        step: '0.5',
        inputmode: 'decimal',
      });
      const result = el(
        'select',
        { id: id(`attempt-${a + 1}-result`) },
        el('option', { value: '0' }, 'Not taken'),
        el('option', { value: '1' }, 'Good lift'),
        el('option', { value: '-1' }, 'No lift'),
      );
      // The key names the lift shown when the change is made, not when the card was built.
      this.#onChange(weight, () => [
        `${entryKey(LIFT_FIELDS[this.lift].kg)}[${a}]`,
        weightValue(weight),
      ]);
      this.#onChange(result, () => [
        `${entryKey(LIFT_FIELDS[this.lift].status)}[${a}]`,
        Number(result.value),
      ]);
      weights.push(weight);
      results.push(result);
      attempts.push(
        el(
          'div',
          { class: 'attempt' },
          labelled(`Attempt ${a + 1} (kg)`, weight),
          labelled(`Attempt ${a + 1} result`, result),
        ),
      );
    }
    const title = el('h3', { id: id('title') });
    const legend = el('legend');
    const root = el(
      'li',
      { class: 'lifter card', 'aria-labelledby': title.id },
      title,
      el(
        'div',
        { class: 'lifter-fields' },
        labelled('Name', name),
        labelled('Division', division),
        labelled('Weight class', weightClass),
        labelled('Flight', flight),
        labelled('Lot', lot),
      ),
      el('fieldset', { class: 'attempts' }, legend, ...attempts),
    );
    this.#list.append(root);
    this.#cards.push({
      root,
      title,
      legend,
      name,
      division,
      weightClass,
      flight,
      lot,
      weights,
      results,
    });
  }

  /** One edit per committed change (Enter, leaving the field, picking an option). */
  #onChange(control: HTMLInputElement | HTMLSelectElement, edit: () => [string, unknown]): void {
    control.addEventListener('change', () => {
      if (control instanceof HTMLInputElement && !control.checkValidity()) return;
      const [key, value] = edit();
      this.#edit(key, value);
    });
  }
}

/** Sets a field from the state, unless the user is typing in it (their value is sent on change). */
function setField(control: HTMLInputElement | HTMLSelectElement, value: string): void {
  if (document.activeElement === control && control instanceof HTMLInputElement) return;
  if (control.value !== value) control.value = value;
}

function flightValue(input: HTMLInputElement): string {
  return input.value.trim().toUpperCase();
}

function weightValue(input: HTMLInputElement): number {
  const kg = Number(input.value);
  return input.value.trim() === '' || !Number.isFinite(kg) || kg < 0 ? 0 : kg;
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
