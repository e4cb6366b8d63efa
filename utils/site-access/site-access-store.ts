import { browser } from '#imports';
import { exclusively } from '@/utils/exclusive';
import { onLocalKeyChanged } from '@/utils/local-storage-watch';
import { originPatternOf } from '@/utils/origin-pattern';
import {
  readSiteAccess,
  SITE_ACCESS_KEY,
  SiteAccessSchema,
  type SiteAccess,
} from '@/utils/site-access/access';

/**
 * The learner's site choices in `storage.local` (read by the background and extension pages;
 * content scripts are never told them). Every write is validated first.
 */
export async function loadSiteAccess(): Promise<SiteAccess> {
  const stored = await browser.storage.local.get(SITE_ACCESS_KEY);
  return readSiteAccess(stored[SITE_ACCESS_KEY]);
}

/** Applies `change` to the latest stored value, so two pages never undo each other's edits. */
export async function updateSiteAccess(
  change: (current: SiteAccess) => SiteAccess,
): Promise<SiteAccess> {
  return exclusively('learnlog:site-access', async () => {
    const next = SiteAccessSchema.parse(change(await loadSiteAccess()));
    await browser.storage.local.set({ [SITE_ACCESS_KEY]: next });
    return next;
  });
}

export function onSiteAccessChanged(callback: (access: SiteAccess) => void): () => void {
  return onLocalKeyChanged(SITE_ACCESS_KEY, readSiteAccess, callback);
}

/** The host permissions the browser has granted now (the learner can take them back). */
export async function grantedOrigins(): Promise<string[]> {
  return (await browser.permissions.getAll()).origins ?? [];
}

/**
 * Whether the browser grants a page's site now. Host permissions ignore ports:
 * `http://127.0.0.1:5180/x` is granted by `http://127.0.0.1/*`.
 */
export async function siteGranted(pageUrl: URL): Promise<boolean> {
  return browser.permissions.contains({ origins: [originPatternOf(pageUrl)] }).catch(() => false);
}
