import { browser } from '#imports';
import { clearBadge } from '@/entrypoints/background/badge';
import {
  createReadingScriptManager,
  scriptingPorts,
} from '@/entrypoints/background/reading-script';
import { allTabResources, forgetTab } from '@/entrypoints/background/tab-state';
import { isWatched, type SiteAccess } from '@/utils/site-access/access';
import { finishPendingWatch } from '@/utils/site-access/choices';
import {
  grantedOrigins,
  loadSiteAccess,
  onSiteAccessChanged,
  siteGranted,
} from '@/utils/site-access/site-access-store';

/**
 * Where Learnlog watches: keeps the reading script's registration in line with the
 * learner's choice and the browser's grants, opens the first-run page on installation, and
 * lets go of tabs the learner has just stopped watching (their badge goes; their reports are
 * refused by `isWatchedPage` from then on).
 */
export function startSiteAccess() {
  const manager = createReadingScriptManager(scriptingPorts(loadSiteAccess, grantedOrigins));
  const reconcile = () =>
    void manager.reconcile().catch((error: unknown) => {
      console.error('Learnlog could not register its reading script', error);
    });

  const openWelcome = () =>
    void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  browser.runtime.onInstalled.addListener(({ reason }) => {
    reconcile();
    if (reason === 'install') openWelcome();
    // Learners updating from a version that watched every site without asking answer the
    // first-run question too (until then only the known learning sites are watched).
    if (reason === 'update')
      void loadSiteAccess().then((access) => {
        if (!access.chosen) openWelcome();
      });
  });
  browser.runtime.onStartup.addListener(reconcile);
  browser.permissions.onAdded.addListener(() => {
    // A "Watch this site" whose popup closed while the browser asked (choices.ts).
    void finishPendingWatch().finally(reconcile);
  });
  browser.permissions.onRemoved.addListener(() => {
    reconcile();
    void releaseUnwatchedTabs();
  });
  onSiteAccessChanged(() => {
    reconcile();
    void releaseUnwatchedTabs();
  });
  // The worker may have been stopped while something changed (an update drops registrations).
  reconcile();
}

/**
 * Whether reports from a page may be heard now: the learner's choice covers it, and the browser
 * still grants its site (the learner can take a site back in the browser's own settings while
 * its script runs).
 */
export function createWatchGate(
  loadAccess: () => Promise<SiteAccess>,
  siteGranted: (pageUrl: URL) => Promise<boolean>,
) {
  return async (pageUrl: URL): Promise<boolean> =>
    isWatched(pageUrl, await loadAccess()) && (await siteGranted(pageUrl));
}

export const isWatchedPage = createWatchGate(loadSiteAccess, siteGranted);

/** Lets go of tabs no longer watched: their badge goes and their resource is forgotten. */
async function releaseUnwatchedTabs(): Promise<void> {
  // The learner's choices are read once for all the tabs, not once per tab.
  const access = await loadSiteAccess();
  const isWatchedNow = createWatchGate(async () => access, siteGranted);
  for (const [tabId, resource] of await allTabResources()) {
    if (!(await isWatchedNow(new URL(resource.detection.url)))) {
      await forgetTab(tabId);
      await clearBadge(tabId);
    }
  }
}
