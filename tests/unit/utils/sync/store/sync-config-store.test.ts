import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LearnlogDatabase } from '@/utils/db/database';
import {
  deleteSyncConfig,
  loadSyncConfig,
  saveSyncConfig,
} from '@/utils/sync/store/sync-config-store';
import type { SyncConfig } from '@/utils/sync/config';

const config: SyncConfig = {
  enabled: true,
  target: 'xapi',
  endpoint: 'https://lrs.example.org/xapi/',
  credentials: { key: 'learner-key', secret: 'learner-secret' },
  batchSize: 20,
};

/** The sync settings and credentials live in IndexedDB, out of content scripts' reach. */
describe('stored sync settings', () => {
  let db: LearnlogDatabase;
  beforeEach(() => {
    fakeBrowser.reset();
    db = new LearnlogDatabase(`sync-config-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  it('round-trips through the database and never touches storage.local', async () => {
    expect(await loadSyncConfig(db)).toBeUndefined();
    await saveSyncConfig(db, config);
    expect(await loadSyncConfig(db)).toEqual(config);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    await deleteSyncConfig(db);
    expect(await loadSyncConfig(db)).toBeUndefined();
  });

  it('a damaged stored value reads as no sync at all', async () => {
    await db.syncConfig.put({ key: 'config', config: { ...config, endpoint: 'ftp://x' } });
    expect(await loadSyncConfig(db)).toBeUndefined();
    await db.syncConfig.put({ key: 'config', config: 'not a config' });
    expect(await loadSyncConfig(db)).toBeUndefined();
  });
});
