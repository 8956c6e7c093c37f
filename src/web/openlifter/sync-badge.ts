// The sync status badge: online, resyncing, or offline with the number of edits waiting to be
// sent, from the engine's `syncStatus` and `pendingChanged` events. The badge is a live region,
// so a screen reader hears when the venue Wi-Fi drops.

import type { SyncStatus } from '../../client/openlifter/index.ts';

/** 'idle': no meet yet. */
export type BadgeStatus = SyncStatus | 'idle';

export function renderSyncBadge(badge: HTMLElement, status: BadgeStatus, pending: number): void {
  const waiting = `${pending} pending`;
  const [text, tone] =
    status === 'online'
      ? [pending === 0 ? 'Online' : `Online · ${pending} sending`, 'ok']
      : status === 'resyncing'
        ? ['Resyncing…', 'warn']
        : status === 'offline'
          ? [pending === 0 ? 'Offline' : `Offline · ${waiting}`, 'bad']
          : ['Not live', ''];
  badge.textContent = text;
  badge.className = tone === '' ? 'badge' : `badge ${tone}`;
  badge.dataset.status = status;
  badge.dataset.pending = String(pending);
}
