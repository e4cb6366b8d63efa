import { onLocalKeyChanged } from '@/utils/local-storage-watch';
import { readSyncStatus, SYNC_STATUS_KEY, type SyncStatus } from '@/utils/sync/status';

/**
 * The sync status in `storage.local` (written by the background only; it holds no credentials),
 * for pages to show. Kept apart from the sync settings so the popup loads no more than this.
 */

export async function loadSyncStatus(): Promise<SyncStatus> {
  return readSyncStatus((await browser.storage.local.get(SYNC_STATUS_KEY))[SYNC_STATUS_KEY]);
}

/** Calls back with each new sync status; returns the unsubscribe function. */
export function onSyncStatusChanged(callback: (status: SyncStatus) => void): () => void {
  return onLocalKeyChanged(SYNC_STATUS_KEY, readSyncStatus, callback);
}
