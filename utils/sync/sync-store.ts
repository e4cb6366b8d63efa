import { getDatabase } from '@/utils/db/database';
import {
  deleteStoredSyncConfig,
  loadStoredSyncConfig,
  storeSyncConfig,
} from '@/utils/db/sync-config';
import { sendMessage } from '@/utils/messages/send';
import type { SyncConfig } from '@/utils/sync/config';

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
