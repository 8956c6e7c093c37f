// The runtime log level switch: a select showing the node's level (GET /admin/log-level) that
// changes it on the spot (POST), saying what happened in a status line of its own.

import { LOG_LEVELS, type LogLevel } from '../../protocol/admin/stats.ts';
import type { AdminApi } from './admin-api.ts';

export class LogLevelSwitch {
  private readonly select: HTMLSelectElement;
  private readonly api: AdminApi;
  private readonly status: HTMLElement;
  private current: LogLevel | undefined;

  constructor(select: HTMLSelectElement, status: HTMLElement, api: AdminApi) {
    this.select = select;
    this.api = api;
    this.status = status;
    select.replaceChildren(...LOG_LEVELS.map((level) => new Option(level, level)));
    select.disabled = true;
    select.addEventListener('change', () => {
      void this.change(select.value);
    });
  }

  /** Reads the node's level into the select. */
  async load(): Promise<void> {
    const answer = await this.api.logLevel();
    if (answer.kind !== 'ok') return;
    this.current = answer.value.level;
    this.select.value = answer.value.level;
    this.select.disabled = false;
  }

  private async change(value: string): Promise<void> {
    const level = LOG_LEVELS.find((candidate) => candidate === value);
    if (level === undefined) return;
    this.select.disabled = true;
    const answer = await this.api.setLogLevel(level);
    this.select.disabled = false;
    if (answer.kind === 'ok') {
      this.current = answer.value.level;
      this.say(`Log level changed from ${answer.value.previous} to ${answer.value.level}.`, false);
      return;
    }
    if (this.current !== undefined) this.select.value = this.current;
    const why =
      answer.kind === 'unauthorized' ? 'the admin token was not accepted' : answer.message;
    this.say(`The log level was not changed: ${why}.`, true);
  }

  private say(text: string, problem: boolean): void {
    this.status.textContent = text;
    this.status.classList.toggle('problem', problem);
  }
}
