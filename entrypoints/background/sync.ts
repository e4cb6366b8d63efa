import { browser } from '#imports';
import { getDatabase } from '@/utils/db/database';
import { loadSyncConfig } from '@/utils/sync/store/sync-config-store';
import { actorFrom } from '@/utils/export/xapi';
import { loadSettings } from '@/utils/settings-store';
import { createSyncEngine, type SyncEngine } from '@/utils/sync/engine';
import { loadSyncStatus, saveSyncStatus } from '@/utils/sync/store/sync-status-store';

/**
 * Alarms wake a stopped service worker: one to retry after a failure, one every few minutes to
 * retry and pull. A timer covers retries while the worker is awake.
 */
const RETRY_ALARM = 'learnlog-sync-retry';
const PERIODIC_ALARM = 'learnlog-sync';
const PERIOD_MINUTES = 5;

/** Wires the sync engine to the browser: fetch, storage, alarms, permissions. */
export function startSync(): SyncEngine {
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const engine = createSyncEngine({
    db: getDatabase(),
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
    random: Math.random,
    loadConfig: () => loadSyncConfig(getDatabase()),
    loadActor: async () => actorFrom((await loadSettings()).identity),
    loadStatus: loadSyncStatus,
    saveStatus: saveSyncStatus,
    hasHostPermission: (pattern) => browser.permissions.contains({ origins: [pattern] }),
    scheduleRetry(at) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => void engine.drain(), Math.max(0, at - Date.now()));
      // The browser rounds an alarm up to its own minimum (30 s in Chrome's store builds).
      void browser.alarms.create(RETRY_ALARM, { when: at });
    },
    setPeriodicWakeUp(on) {
      if (!on) {
        clearTimeout(retryTimer);
        void browser.alarms.clear(PERIODIC_ALARM);
        void browser.alarms.clear(RETRY_ALARM);
        return;
      }
      void browser.alarms.get(PERIODIC_ALARM).then((alarm) => {
        if (!alarm) void browser.alarms.create(PERIODIC_ALARM, { periodInMinutes: PERIOD_MINUTES });
      });
    },
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETRY_ALARM || alarm.name === PERIODIC_ALARM) void engine.drain();
  });
  // After a browser restart or an update, send what was waiting.
  browser.runtime.onStartup.addListener(() => void engine.drain());
  browser.runtime.onInstalled.addListener(() => void engine.drain());
  return engine;
}
