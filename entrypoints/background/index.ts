import { browser, defineBackground } from '#imports';
import { clearBadge, showProgressBadge } from '@/entrypoints/background/badge';
import { handleMessage } from '@/entrypoints/background/messages';
import { handleReadingPort } from '@/entrypoints/background/reading-port';
import { notifyReady } from '@/entrypoints/background/notify-ready';
import { loadSettings } from '@/utils/settings-store';
import { createProgressManager } from '@/entrypoints/background/progress';
import { createFrameRelay } from '@/entrypoints/background/frames';
import { createPlayers } from '@/entrypoints/background/players';
import type { ToContentMessage } from '@/utils/messages/to-content';
import { forgetTab } from '@/entrypoints/background/tab-state';
import { getDatabase } from '@/utils/db/database';
import { startSync } from '@/entrypoints/background/sync';
import { isWatchedPage, startSiteAccess } from '@/entrypoints/background/site-access';
import { startTimingHistory } from '@/entrypoints/background/timing-history';

export default defineBackground(() => {
  const trimTimingHistory = startTimingHistory(getDatabase(), loadSettings);
  const progress = createProgressManager({
    db: getDatabase(),
    now: Date.now,
    getSettings: loadSettings,
    showBadge: showProgressBadge,
    notifyReady,
    onStored: trimTimingHistory,
  });

  const sync = startSync();
  startSiteAccess();

  const sendToTab = (tabId: number, message: ToContentMessage, frameId?: number) =>
    browser.tabs.sendMessage(tabId, message, frameId === undefined ? undefined : { frameId });
  const frames = createFrameRelay({ sendToTab, isWatchedPage });
  const players = createPlayers({
    sendToTab,
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });

  browser.runtime.onMessage.addListener((message, sender) =>
    handleMessage(message, sender, { progress, sync, isWatchedPage, frames, players }),
  );
  browser.runtime.onConnect.addListener((port) => handleReadingPort(port, progress, isWatchedPage));

  // A tab that starts loading (navigation or reload) no longer shows its resource; its content
  // script announces the next one. `status` needs no "tabs" permission, unlike `url`.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') void forgetTab(tabId).then(() => clearBadge(tabId));
    if (change.status === 'complete') void players.loaded(tabId);
  });
  browser.tabs.onCreated.addListener((tab) => void players.opened(tab));
  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetTab(tabId);
    void players.closed(tabId);
  });
});
