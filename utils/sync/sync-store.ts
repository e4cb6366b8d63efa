import { sendMessage } from '@/utils/messages/send';
import { readSyncConfig, SYNC_CONFIG_KEY, type SyncConfig } from '@/utils/sync/config';
import { readSyncStatus, SYNC_STATUS_KEY, type SyncStatus } from '@/utils/sync/status';

/**
 * Sync settings and status for extension pages (issue #7). The settings live in
 * `storage.local` only: never `storage.sync` (which the browser copies to the learner's other
 * browsers and its vendor's servers), never a content script, never a backup file.
 */

export async function loadSyncConfig(): Promise<SyncConfig | undefined> {
  return readSyncConfig((await browser.storage.local.get(SYNC_CONFIG_KEY))[SYNC_CONFIG_KEY]);
}

/** Saves a validated config; the background notices and starts (or stops) syncing. */
export async function saveSyncConfig(config: SyncConfig): Promise<void> {
  await browser.storage.local.set({ [SYNC_CONFIG_KEY]: config });
}

/** Forgets the server and sign-in details, and gives back the permission to reach it. */
export async function forgetSyncConfig(origins: string[]): Promise<void> {
  await browser.storage.local.remove(SYNC_CONFIG_KEY);
  if (origins.length) await browser.permissions.remove({ origins }).catch(() => false);
}

export async function loadSyncStatus(): Promise<SyncStatus> {
  return readSyncStatus((await browser.storage.local.get(SYNC_STATUS_KEY))[SYNC_STATUS_KEY]);
}

/** Calls back with each new sync status; returns the unsubscribe function. */
export function onSyncStatusChanged(callback: (status: SyncStatus) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SYNC_STATUS_KEY in changes)
      callback(readSyncStatus(changes[SYNC_STATUS_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Tells the background that records changed, so they are sent now rather than at the next alarm. */
export function requestSync(): void {
  sendMessage('page:sync-now', {}).catch(() => undefined);
}
