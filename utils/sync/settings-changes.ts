import { browser } from '#imports';
import { getDatabase } from '@/utils/db/database';
import type { SyncConfig } from '@/utils/sync/config';
import { announceSyncSettingsChanged } from '@/utils/sync/page-requests';
import { deleteSyncConfig, saveSyncConfig } from '@/utils/sync/store/sync-config-store';

/** What the settings page does when the learner saves or forgets their sync settings. */

/** Saves validated sync settings and tells the background, which starts, restarts or stops. */
export async function applySyncConfig(config: SyncConfig): Promise<void> {
  await saveSyncConfig(getDatabase(), config);
  await announceSyncSettingsChanged();
}

/** Forgets the server and sign-in details, and gives back the permission to reach it. */
export async function forgetSyncServer(origins: string[]): Promise<void> {
  await deleteSyncConfig(getDatabase());
  await announceSyncSettingsChanged();
  if (origins.length) await browser.permissions.remove({ origins }).catch(() => false);
}
