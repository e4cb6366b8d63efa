import {
  ALL_SITES_ORIGIN,
  sitePattern,
  watchStateOf,
  withHost,
  withoutHost,
  type SiteAccess,
} from '@/utils/site-access/access';
import { READING_SCRIPT_FILE } from '@/utils/site-access/reading-script';
import { updateSiteAccess } from '@/utils/site-access/store';

/**
 * What the learner's buttons do (issue #8), for the popup, the first-run page and Settings.
 * Firefox only grants a permission asked for straight from the click, so each function that
 * may ask calls `permissions.request` before anything else is awaited: callers pass the
 * access state they already hold.
 */

export type ChoiceResult = { ok: true; text: string } | { ok: false; text: string };

const refused = (text: string): ChoiceResult => ({ ok: false, text });

/** "Detect learning on all sites": one permission for every http and https site. */
export async function chooseAllSites(): Promise<ChoiceResult> {
  const granted = await browser.permissions
    .request({ origins: [ALL_SITES_ORIGIN] })
    .catch(() => false);
  if (!granted) {
    await updateSiteAccess((access) => ({ ...access, mode: 'chosen-sites', chosen: true }));
    return refused(
      'Your browser did not give Learnlog access to all sites, so it will watch only the sites you choose. You can change this in Settings at any time.',
    );
  }
  await updateSiteAccess((access) => ({ ...access, mode: 'all-sites', chosen: true }));
  return {
    ok: true,
    text: 'Learnlog will look for learning on every site you visit, except private windows and sites on your never-watch list.',
  };
}

/**
 * "Only on sites I choose". An all-sites grant is left with the browser but no longer used: in
 * Chrome, removing ALL_SITES_ORIGIN also withholds every host inside it, the known learning sites'
 * install-time grants included, which only a prompt could restore. The README tells learners
 * how to withdraw it in the browser's own settings.
 */
export async function chooseOnlyChosenSites(): Promise<ChoiceResult> {
  await updateSiteAccess((access) => ({ ...access, mode: 'chosen-sites', chosen: true }));
  return {
    ok: true,
    text: 'Learnlog will watch only the known learning sites and the sites you turn on from its button.',
  };
}

export async function setPaused(paused: boolean): Promise<ChoiceResult> {
  await updateSiteAccess((access) => ({ ...access, paused }));
  return {
    ok: true,
    text: paused
      ? 'Learnlog is paused: it is not watching or timing any page.'
      : 'Learnlog is watching again.',
  };
}

/**
 * Turns a site on. Off the never-watch list; in "sites I choose" mode, a site that is not a
 * known learning site gets its own permission first. The open page (`tabId`) is read at once.
 */
export async function watchSite(
  host: string,
  access: SiteAccess,
  tabId?: number,
): Promise<ChoiceResult> {
  const url = new URL(`https://${host}/`);
  const after = { ...access, neverWatch: withoutHost(access.neverWatch, host) };
  const needsPermission = watchStateOf(url, after) === 'not-chosen';
  if (needsPermission) {
    const granted = await browser.permissions
      .request({ origins: [sitePattern(host)] })
      .catch(() => false);
    if (!granted)
      return refused(`Your browser did not give Learnlog access to ${host}, so it is not watched.`);
  }
  await updateSiteAccess((current) => ({
    ...current,
    neverWatch: withoutHost(current.neverWatch, host),
    sites: needsPermission ? withHost(current.sites, host) : current.sites,
  }));
  if (tabId !== undefined) {
    // The page in front is read now; registered scripts only run on the next page load.
    await browser.scripting
      .executeScript({ target: { tabId }, files: [READING_SCRIPT_FILE] })
      .catch(() => undefined);
  }
  return { ok: true, text: `Learnlog now watches ${host} for learning.` };
}

/**
 * Stops watching a site. A site the learner turned on is taken off their list and its
 * permission given back; any other (all sites, known learning sites) goes on the never list.
 */
export async function stopWatchingSite(host: string, access: SiteAccess): Promise<ChoiceResult> {
  const chosenSite = access.mode === 'chosen-sites' && access.sites.includes(host);
  await updateSiteAccess((current) =>
    chosenSite
      ? { ...current, sites: withoutHost(current.sites, host) }
      : { ...current, neverWatch: withHost(current.neverWatch, host) },
  );
  if (chosenSite)
    await browser.permissions.remove({ origins: [sitePattern(host)] }).catch(() => false);
  return { ok: true, text: `Learnlog no longer watches ${host}.` };
}

export async function addNeverWatch(host: string): Promise<ChoiceResult> {
  try {
    await updateSiteAccess((current) => ({
      ...current,
      neverWatch: withHost(current.neverWatch, host),
    }));
  } catch (error) {
    return refused(error instanceof RangeError ? error.message : 'Learnlog could not save this.');
  }
  return { ok: true, text: `Learnlog will never watch ${host} or its subdomains.` };
}

export async function removeNeverWatch(host: string): Promise<ChoiceResult> {
  await updateSiteAccess((current) => ({
    ...current,
    neverWatch: withoutHost(current.neverWatch, host),
  }));
  return { ok: true, text: `${host} is off your never-watch list.` };
}

/** Removes a site the learner turned on, giving its permission back. */
export async function removeChosenSite(host: string): Promise<ChoiceResult> {
  await updateSiteAccess((current) => ({ ...current, sites: withoutHost(current.sites, host) }));
  await browser.permissions.remove({ origins: [sitePattern(host)] }).catch(() => false);
  return { ok: true, text: `Learnlog no longer watches ${host}.` };
}
