import type { LearnlogDatabase } from '@/utils/db/database';
import { readSyncConfig, type SyncConfig } from '@/utils/sync/config';

/**
 * The learner's sync settings, credentials included, in the extension's own IndexedDB
 * (`syncConfig`). Not `storage.local`, which content scripts can read, nor `storage.sync`, which
 * the browser copies to its vendor's servers; and apart from the other settings, so no backup
 * file ever holds the credentials.
 */

export async function loadSyncConfig(db: LearnlogDatabase): Promise<SyncConfig | undefined> {
  const row = await db.syncConfig.get('config');
  return row ? readSyncConfig(row.config) : undefined;
}

export async function saveSyncConfig(db: LearnlogDatabase, config: SyncConfig): Promise<void> {
  await db.syncConfig.put({ key: 'config', config });
}

export async function deleteSyncConfig(db: LearnlogDatabase): Promise<void> {
  await db.syncConfig.delete('config');
}
