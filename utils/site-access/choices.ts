import { browser } from '#imports';
import {
  ALL_SITES_ORIGIN,
  neverEntriesCovering,
  sitePattern,
  watchStateOf,
  withHost,
  withoutEntriesCovering,
  withoutHost,
  type SiteAccess,
} from '@/utils/site-access/access';
import { READING_SCRIPT_FILE } from '@/utils/site-access/reading-script';
import { updateSiteAccess } from '@/utils/site-access/site-access-store';
import { attemptWrite } from '@/utils/write-outcome';
import { getDatabase } from '@/utils/db/database';
import { loadSyncConfig } from '@/utils/sync/store/sync-config-store';

/**
 * What the learner's buttons do, for the popup, the first-run page and Settings.
 * Firefox only grants a permission asked for straight from the click, so each function that
 * may ask calls `permissions.request` before anything else is awaited: callers pass the
 * access state they already hold.
 */

export type ChoiceResult = { ok: true; text: string } | { ok: false; text: string };

const refused = (text: string): ChoiceResult => ({ ok: false, text });

/**
 * Saves a change to the learner's site choices. A write the browser refuses is said in plain
 * words (nothing was changed), not left as a button that seems to do nothing.
 */
async function saveChoice(
  change: (current: SiteAccess) => SiteAccess,
): Promise<ChoiceResult | undefined> {
  const outcome = await attemptWrite('save your choice', () => updateSiteAccess(change));
  return outcome.ok ? undefined : refused(outcome.text);
}

/** "Detect learning on all sites": one permission for every http and https site. */
export async function chooseAllSites(): Promise<ChoiceResult> {
  const granted = await browser.permissions
    .request({ origins: [ALL_SITES_ORIGIN] })
    .catch(() => false);
  if (!granted) {
    const failed = await saveChoice((access) => ({
      ...access,
      mode: 'chosen-sites',
      chosen: true,
    }));
    if (failed) return failed;
    return refused(
      'Your browser did not give Learnlog access to all sites, so it will watch only the sites you choose. You can change this in Settings at any time.',
    );
  }
  const failed = await saveChoice((access) => ({ ...access, mode: 'all-sites', chosen: true }));
  if (failed) return failed;
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
  const failed = await saveChoice((access) => ({ ...access, mode: 'chosen-sites', chosen: true }));
  if (failed) return failed;
  return {
    ok: true,
    text: 'Learnlog will watch only the known learning sites and the sites you turn on from its button.',
  };
}

export async function setPaused(paused: boolean): Promise<ChoiceResult> {
  const failed = await saveChoice((access) => ({ ...access, paused }));
  if (failed) return failed;
  return {
    ok: true,
    text: paused
      ? 'Learnlog is paused: it is not watching or timing any page.'
      : 'Learnlog is watching again.',
  };
}

/** A "Watch this site" whose permission prompt may outlive the popup (see `watchSite`). */
export const PENDING_WATCH_KEY = 'pendingWatch';
export interface PendingWatch {
  host: string;
  tabId?: number;
  at: number;
}

/**
 * Turns a site on: off the never-watch list (with any parent domain that covers it) and, when
 * the browser does not grant it now (`granted`), with its own permission, kept on the learner's
 * list. The open page (`tabId`) is read at once. The popup may close while the browser asks
 * (Firefox closes it for the prompt), so the request is also left in `storage.session` for the
 * background to finish when the permission arrives (`finishPendingWatch`).
 */
export async function watchSite(
  host: string,
  access: SiteAccess,
  granted: boolean,
  tabId?: number,
): Promise<ChoiceResult> {
  const url = new URL(`https://${host}/`);
  const lifted = neverEntriesCovering(host, access.neverWatch);
  const after = { ...access, neverWatch: withoutEntriesCovering(access.neverWatch, host) };
  const needsPermission = !granted || watchStateOf(url, after) === 'not-chosen';
  if (needsPermission) {
    const pending: PendingWatch = { host, tabId, at: Date.now() };
    void browser.storage.session.set({ [PENDING_WATCH_KEY]: pending });
    const allowed = await browser.permissions
      .request({ origins: [sitePattern(host)] })
      .catch(() => false);
    if (!allowed) {
      await browser.storage.session.remove(PENDING_WATCH_KEY);
      return refused(`Your browser did not give Learnlog access to ${host}, so it is not watched.`);
    }
  }
  try {
    await turnOnSite(host, needsPermission, tabId);
  } catch {
    return refused(`Learnlog could not turn on ${host}. Nothing was changed.`);
  }
  const liftedText = lifted.filter((entry) => entry !== host);
  return {
    ok: true,
    text:
      liftedText.length > 0
        ? `Learnlog now watches ${host} for learning. ${liftedText.join(', ')} is no longer on your never-watch list.`
        : `Learnlog now watches ${host} for learning.`,
  };
}

/** Saves a site as turned on and reads its open page; safe to run twice. */
async function turnOnSite(host: string, keepOnList: boolean, tabId?: number): Promise<void> {
  await updateSiteAccess((current) => ({
    ...current,
    neverWatch: withoutEntriesCovering(current.neverWatch, host),
    sites: keepOnList ? withHost(current.sites, host) : current.sites,
  }));
  await browser.storage.session.remove(PENDING_WATCH_KEY);
  if (tabId !== undefined) {
    // The page in front is read now; registered scripts only run on the next page load. The
    // reading script, starting again, announces the resource, and the background then runs the
    // frame script in the frames the site now lets it reach (a player's).
    await browser.scripting
      .executeScript({ target: { tabId }, files: [READING_SCRIPT_FILE] })
      .catch(() => undefined);
  }
}

/**
 * The background's half of "Watch this site": when the browser grants a site a popup asked
 * for (within the last 5 minutes), save it and read its page, in case the popup closed.
 */
export async function finishPendingWatch(now = Date.now()): Promise<void> {
  const stored = (await browser.storage.session.get(PENDING_WATCH_KEY))[PENDING_WATCH_KEY] as
    PendingWatch | undefined;
  if (!stored || typeof stored.host !== 'string' || now - stored.at > 5 * 60_000) return;
  const granted = await browser.permissions
    .contains({ origins: [sitePattern(stored.host)] })
    .catch(() => false);
  if (granted)
    await turnOnSite(
      stored.host,
      true,
      typeof stored.tabId === 'number' ? stored.tabId : undefined,
    );
}

/**
 * Stops watching a site. A site the learner turned on is taken off their list and its
 * permission given back; any other (all sites, known learning sites) goes on the never list.
 */
export async function stopWatchingSite(host: string, access: SiteAccess): Promise<ChoiceResult> {
  const chosenSite = access.mode === 'chosen-sites' && access.sites.includes(host);
  const failed = await saveChoice((current) =>
    chosenSite
      ? { ...current, sites: withoutHost(current.sites, host) }
      : { ...current, neverWatch: withHost(current.neverWatch, host) },
  );
  if (failed) return failed;
  if (chosenSite) await giveBackSite(host);
  return { ok: true, text: `Learnlog no longer watches ${host}.` };
}

export async function addNeverWatch(host: string): Promise<ChoiceResult> {
  const failed = await saveChoice((current) => ({
    ...current,
    neverWatch: withHost(current.neverWatch, host),
  }));
  if (failed) return failed;
  return { ok: true, text: `Learnlog will never watch ${host} or its subdomains.` };
}

export async function removeNeverWatch(host: string): Promise<ChoiceResult> {
  const failed = await saveChoice((current) => ({
    ...current,
    neverWatch: withoutHost(current.neverWatch, host),
  }));
  if (failed) return failed;
  return { ok: true, text: `${host} is off your never-watch list.` };
}

/** Removes a site the learner turned on, giving its permission back. */
export async function removeChosenSite(host: string): Promise<ChoiceResult> {
  const failed = await saveChoice((current) => ({
    ...current,
    sites: withoutHost(current.sites, host),
  }));
  if (failed) return failed;
  await giveBackSite(host);
  return { ok: true, text: `Learnlog no longer watches ${host}.` };
}

/**
 * Gives a site's permission back, unless sync reaches its server there: removing
 * `*://host/*` would also withhold the server's `https://host/*`.
 */
async function giveBackSite(host: string): Promise<void> {
  const sync = await loadSyncConfig(getDatabase()).catch(() => undefined);
  if (sync && new URL(sync.endpoint).hostname.toLowerCase() === host) return;
  await browser.permissions.remove({ origins: [sitePattern(host)] }).catch(() => false);
}
