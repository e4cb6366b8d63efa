import { browser } from '#imports';
import type { ResourceDetection } from '@/utils/detection/schema';
import { exclusively } from '@/utils/exclusive';

/**
 * Which resource each tab shows, what the page said of it, and when it last reported. Kept in
 * `storage.session` (memory only, gone when the browser closes), not in the worker's memory: the
 * MV3 service worker is stopped after ~30 s idle and must lose nothing. A resource detected but
 * never timed lives only here, never in the database.
 *
 * Whatever reads a tab's state and writes it back, or forgets it, does so `inTabOrder`: a
 * report, a detection, a closing port and a navigation never interleave (two reports would
 * both spend the same held time; a report finishing after a navigation would put the old
 * resource and its badge back).
 */

export interface TabResource {
  /** Wall-clock time of the tab's last detection or report, to bound the next report. */
  lastReportAt: number;
  /** The page's detection, validated when it arrived: stored once time counts on it. */
  detection: ResourceDetection;
  /**
   * Time counted on the resource while it is too little to store (MIN_FIRST_STRETCH_MS): held
   * here and added to the tab's next report. Absent: none.
   */
  unstoredMs?: number;
}

/** The time a tab holds for its resource, read defensively. */
export const unstoredMsOf = (tab: TabResource): number =>
  typeof tab.unstoredMs === 'number' && Number.isFinite(tab.unstoredMs) && tab.unstoredMs > 0
    ? tab.unstoredMs
    : 0;

/** Runs `task` with the tab's state to itself (a Web Lock per tab). */
export const inTabOrder = <T>(tabId: number, task: () => Promise<T>): Promise<T> =>
  exclusively(`learnlog-tab-${tabId}`, task);

const key = (tabId: number) => `tab:${tabId}`;
const KEY_PATTERN = /^tab:(\d+)$/;

/** A stored entry, read defensively like everything the extension keeps. */
const asTabResource = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as TabResource).detection === 'object' &&
  (value as TabResource).detection !== null &&
  typeof (value as TabResource).detection.url === 'string'
    ? (value as TabResource)
    : undefined;

export async function getTabResource(tabId: number): Promise<TabResource | undefined> {
  const stored = await browser.storage.session.get(key(tabId));
  return asTabResource(stored[key(tabId)]);
}

export async function setTabResource(tabId: number, value: TabResource): Promise<void> {
  await browser.storage.session.set({ [key(tabId)]: value });
}

/**
 * How long a forgotten tab's resource still takes its page's last report. A navigation to
 * another address starts (and the tab is forgotten) before the old page's `pagehide` report is
 * sent, so that report arrives after; a closing tab's may too, and so may a reloaded page's where
 * the browser does not say which document announced the resource (see `setTopDocument`).
 */
export const LAST_REPORT_GRACE_MS = 10_000;

const goneKey = (tabId: number) => `gone:${tabId}`;

const topKey = (tabId: number) => `top:${tabId}`;

/**
 * Which document of the tab announced its resource (the browser's `documentId`: Chrome 106,
 * Firefox 153; older Firefox versions do not say, and their tabs are forgotten as they start
 * loading, as before). Chrome reports a tab as loading when a frame in its page loads (a player moving
 * to its next page, an ad refreshing) as well as when the page itself is reloaded, without saying
 * which: the tab is then forgotten only once it has loaded and shows another document.
 */
export async function setTopDocument(tabId: number, documentId: string | undefined): Promise<void> {
  if (documentId === undefined) await browser.storage.session.remove(topKey(tabId));
  else await browser.storage.session.set({ [topKey(tabId)]: documentId });
}

export async function topDocumentOf(tabId: number): Promise<string | undefined> {
  const stored = (await browser.storage.session.get(topKey(tabId)))[topKey(tabId)];
  return typeof stored === 'string' ? stored : undefined;
}

/** A tab's resource just forgotten, kept only to take its page's last report. */
export interface GoneTab extends TabResource {
  goneAt: number;
}

/**
 * Forgets the tab's resource, after any report or detection in progress for it. What it showed
 * is kept a moment (`LAST_REPORT_GRACE_MS`) for the page's last report, never for the tab's
 * badge or the popup.
 */
export function forgetTab(tabId: number, now = Date.now()): Promise<void> {
  return inTabOrder(tabId, () => forgetNow(tabId, now));
}

async function forgetNow(tabId: number, now: number): Promise<void> {
  const shown = await getTabResource(tabId);
  if (shown) {
    const gone: GoneTab = { ...shown, goneAt: now };
    await browser.storage.session.set({ [goneKey(tabId)]: gone });
  }
  await browser.storage.session.remove([key(tabId), topKey(tabId)]);
}

/**
 * Forgets the tab's resource unless the document that announced it is `showing` (the tab's top
 * document now), or another document has announced one since the check began (`announced` is
 * what the check was made against). In the tab's order, so a new page's announcement is never
 * undone. Says whether it forgot.
 */
export function forgetTabUnlessShowing(
  tabId: number,
  showing: string | undefined,
  announced: string,
  now = Date.now(),
): Promise<boolean> {
  return inTabOrder(tabId, async () => {
    const current = await topDocumentOf(tabId);
    if (current !== announced || current === showing) return false;
    await forgetNow(tabId, now);
    return true;
  });
}

/** The tab's resource if it was forgotten within the grace for `url`'s last report. */
export async function recentlyGone(
  tabId: number,
  url: string,
  now: number,
): Promise<GoneTab | undefined> {
  const stored = (await browser.storage.session.get(goneKey(tabId)))[goneKey(tabId)];
  const gone = asTabResource(stored) as GoneTab | undefined;
  if (!gone || gone.detection.url !== url || typeof gone.goneAt !== 'number') return undefined;
  return now >= gone.goneAt && now - gone.goneAt <= LAST_REPORT_GRACE_MS ? gone : undefined;
}

export async function keepGone(tabId: number, gone: GoneTab): Promise<void> {
  await browser.storage.session.set({ [goneKey(tabId)]: gone });
}

/** Every tab's resource, for when the learner's site choices change. */
export async function allTabResources(): Promise<Map<number, TabResource>> {
  const stored = await browser.storage.session.get(null);
  const tabs = new Map<number, TabResource>();
  for (const [name, value] of Object.entries(stored)) {
    const tabId = KEY_PATTERN.exec(name)?.[1];
    const resource = asTabResource(value);
    if (tabId && resource) tabs.set(Number(tabId), resource);
  }
  return tabs;
}
