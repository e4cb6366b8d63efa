import { clearBadge } from '@/entrypoints/background/badge';
import {
  createReadingScriptManager,
  scriptingPorts,
} from '@/entrypoints/background/reading-script';
import { allTabResources, forgetTab } from '@/entrypoints/background/tab-state';
import { isWatched, type SiteAccess } from '@/utils/site-access/access';
import { grantedOrigins, loadSiteAccess, onSiteAccessChanged } from '@/utils/site-access/store';

/**
 * Where Learnlog watches (issue #8): keeps the reading script's registration in line with the
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

  browser.runtime.onInstalled.addListener(({ reason }) => {
    reconcile();
    if (reason === 'install')
      void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
  browser.runtime.onStartup.addListener(reconcile);
  browser.permissions.onAdded.addListener(reconcile);
  browser.permissions.onRemoved.addListener(reconcile);
  onSiteAccessChanged((access) => {
    reconcile();
    void releaseUnwatchedTabs(access);
  });
  // The worker may have been stopped while something changed (an update drops registrations).
  reconcile();
}

/** Whether reports from this page may be heard now. */
export async function isWatchedPage(pageUrl: URL): Promise<boolean> {
  return isWatched(pageUrl, await loadSiteAccess());
}

async function releaseUnwatchedTabs(access: SiteAccess): Promise<void> {
  for (const [tabId, resource] of await allTabResources()) {
    if (!isWatched(new URL(resource.url), access)) {
      await forgetTab(tabId);
      await clearBadge(tabId);
    }
  }
}
