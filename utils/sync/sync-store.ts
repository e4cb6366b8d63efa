import { getDatabase } from '@/utils/db/database';
import {
  deleteStoredSyncConfig,
  loadStoredSyncConfig,
  storeSyncConfig,
} from '@/utils/db/sync-config';
import { sendMessage } from '@/utils/messages/send';
import type { SyncConfig } from '@/utils/sync/config';
import { readSyncStatus, SYNC_STATUS_KEY, type SyncStatus } from '@/utils/sync/status';

/**
 * Sync settings and status for extension pages (issue #7). The settings, credentials included,
 * are in the extension's IndexedDB (`utils/db/sync-config.ts`); the status, which holds none, is
 * in `storage.local` so every page can follow it.
 */

export function loadSyncConfig(): Promise<SyncConfig | undefined> {
  return loadStoredSyncConfig(getDatabase());
}

/** Saves a validated config and tells the background, which starts, restarts or stops syncing. */
export async function saveSyncConfig(config: SyncConfig): Promise<void> {
  await storeSyncConfig(getDatabase(), config);
  await sendMessage('page:sync-settings-changed', {}).catch(() => undefined);
}

/** Forgets the server and sign-in details, and gives back the permission to reach it. */
export async function forgetSyncConfig(origins: string[]): Promise<void> {
  await deleteStoredSyncConfig(getDatabase());
  await sendMessage('page:sync-settings-changed', {}).catch(() => undefined);
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
