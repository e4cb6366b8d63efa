import { browser } from '#imports';
import { onLocalKeyChanged } from '@/utils/local-storage-watch';
import { readSyncStatus, SYNC_STATUS_KEY, type SyncStatus } from '@/utils/sync/status';

/**
 * How sync is going, in `storage.local`: written by the background only, so it survives the
 * service worker stopping, and followed by every extension page. It holds no credentials.
 */

export async function loadSyncStatus(): Promise<SyncStatus> {
  return readSyncStatus((await browser.storage.local.get(SYNC_STATUS_KEY))[SYNC_STATUS_KEY]);
}

export async function saveSyncStatus(status: SyncStatus): Promise<void> {
  await browser.storage.local.set({ [SYNC_STATUS_KEY]: status });
}

/** Calls back with each new sync status; returns the unsubscribe function. */
export function onSyncStatusChanged(callback: (status: SyncStatus) => void): () => void {
  return onLocalKeyChanged(SYNC_STATUS_KEY, readSyncStatus, callback);
}
