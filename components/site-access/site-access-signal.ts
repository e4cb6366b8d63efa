import { browser } from '#imports';
import { createResource, onCleanup } from 'solid-js';
import { ALL_SITES_ORIGIN, type SiteAccess } from '@/utils/site-access/access';
import { loadSiteAccess, onSiteAccessChanged } from '@/utils/site-access/site-access-store';

export interface SiteAccessView {
  access: SiteAccess;
  /** Whether the browser grants all sites now (the learner can take it back there). */
  allSitesGranted: boolean;
}

/** The learner's site choices and the all-sites grant, kept current while a page is open. */
export function createSiteAccessView() {
  const read = async (): Promise<SiteAccessView> => ({
    access: await loadSiteAccess(),
    allSitesGranted: await browser.permissions
      .contains({ origins: [ALL_SITES_ORIGIN] })
      .catch(() => false),
  });
  const [view, { refetch }] = createResource(read);
  const again = () => void refetch();
  onCleanup(onSiteAccessChanged(again));
  browser.permissions.onAdded.addListener(again);
  browser.permissions.onRemoved.addListener(again);
  onCleanup(() => {
    browser.permissions.onAdded.removeListener(again);
    browser.permissions.onRemoved.removeListener(again);
  });
  return view;
}
