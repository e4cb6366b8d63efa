import { browser, defineBackground } from '#imports';
import { clearBadge, showProgressBadge } from '@/entrypoints/background/badge';
import { handleMessage } from '@/entrypoints/background/messages';
import { handleReadingPort } from '@/entrypoints/background/reading-port';
import { notifyReady } from '@/entrypoints/background/notify-ready';
import { loadSettings } from '@/utils/settings-store';
import { createProgressManager } from '@/entrypoints/background/progress';
import { createFrameRelay, probeFrame, readProbeResults } from '@/entrypoints/background/frames';
import { FRAME_CLAIM_KEY } from '@/utils/page/frame-claim';
import { ESTIMATE_SCRIPT_FILE, FRAME_SCRIPT_FILE } from '@/utils/site-access/reading-script';
import { createReaderEstimates } from '@/entrypoints/background/reader-estimate';
import { createPlayers } from '@/entrypoints/background/players';
import type { ToContentMessage } from '@/utils/messages/to-content';
import { allTabResources, forgetTab, topDocumentOf } from '@/entrypoints/background/tab-state';
import { getDatabase } from '@/utils/db/database';
import { startSync } from '@/entrypoints/background/sync';
import { isWatchedPage, startSiteAccess } from '@/entrypoints/background/site-access';
import { startTimingHistory } from '@/entrypoints/background/timing-history';
import { createTabLoads } from '@/entrypoints/background/tab-loads';
import { createPageCopies, readHere, readOffscreen } from '@/entrypoints/background/page-copies';

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
  const frames = createFrameRelay({
    sendToTab,
    isWatchedPage,
    // Frames whose site is not granted are left out by the browser. At once, without waiting
    // for every frame to finish loading (a frame that streams for ever would hold up the rest).
    async probeFrames(tabId) {
      const results = await browser.scripting.executeScript({
        target: { tabId, allFrames: true },
        func: probeFrame,
        args: [FRAME_CLAIM_KEY],
        injectImmediately: true,
      });
      return readProbeResults(results);
    },
    // Into the document probed where the browser names it, so a frame that moved on since (to
    // a site the learner does not let Learnlog watch) is not reached.
    async injectFrameScript(tabId, { frameId, documentId }) {
      await browser.scripting.executeScript({
        target: documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [frameId] },
        files: [FRAME_SCRIPT_FILE],
      });
    },
    announcedBy: topDocumentOf,
  });
  const players = createPlayers({
    sendToTab,
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });

  const readerEstimates = createReaderEstimates({
    // Into the document that asked, where the browser names it: a tab that moved on since is
    // not reached.
    async runEstimateScript(tabId, documentId) {
      const [top] = await browser.scripting.executeScript({
        target: documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [0] },
        files: [ESTIMATE_SCRIPT_FILE],
      });
      return top?.result;
    },
    now: Date.now,
  });

  // Firefox's background is a page, with a DOM to parse copies in; Chromium's worker has none.
  const pageCopies = createPageCopies(
    typeof DOMParser === 'function' ? readHere(new DOMParser()) : readOffscreen(),
  );

  browser.runtime.onMessage.addListener((message, sender) =>
    handleMessage(message, sender, {
      progress,
      sync,
      isWatchedPage,
      frames,
      players,
      readerEstimates,
      pageCopies,
    }),
  );
  // A site granted (in the popup or the browser's settings): the frames from it in the tabs that
  // show a resource are heard from now on.
  browser.permissions.onAdded.addListener(() => {
    void allTabResources().then((tabs) => {
      for (const [tabId] of tabs) void frames.tellFrames(tabId).catch(() => undefined);
    });
  });
  browser.runtime.onConnect.addListener((port) => handleReadingPort(port, progress, isWatchedPage));

  // A tab that loads another page no longer shows its resource; its reading script announces
  // the next (tab-loads.ts). `status` needs no "tabs" permission; `url` is given only for a
  // site Learnlog may read.
  const tabLoads = createTabLoads({
    async topDocument(tabId) {
      const [top] = await browser.scripting.executeScript({
        target: { tabId, frameIds: [0] },
        func: () => true,
        injectImmediately: true,
      });
      return (top as { documentId?: string } | undefined)?.documentId;
    },
    // Without the "tabs" permission the browser gives a tab's address only for a site Learnlog
    // may read.
    mayRead: async (tabId) => (await browser.tabs.get(tabId)).url !== undefined,
    forgotten: clearBadge,
    stillShown: (tabId) => frames.tellFrames(tabId),
  });
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') void tabLoads.loading(tabId, change.url);
    if (change.status === 'complete')
      void tabLoads.complete(tabId).finally(() => players.loaded(tabId));
  });
  browser.tabs.onCreated.addListener((tab) => void players.opened(tab));
  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetTab(tabId);
    void players.closed(tabId);
    readerEstimates.forget(tabId);
  });
});
