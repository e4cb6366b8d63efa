import { browser } from '#imports';
import type { ResourceDetection } from '@/utils/detection/schema';

/**
 * Which resource each tab shows, what the page said of it, and when it last reported. Kept in
 * `storage.session` (memory only, gone when the browser closes), not in the worker's memory: the
 * MV3 service worker is stopped after ~30 s idle and must lose nothing. A resource detected but
 * never timed lives only here, never in the database.
 */

export interface TabResource {
  url: string;
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

const key = (tabId: number) => `tab:${tabId}`;
const KEY_PATTERN = /^tab:(\d+)$/;

/** A stored entry, read defensively like everything the extension keeps. */
const asTabResource = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as TabResource).url === 'string' &&
  typeof (value as TabResource).detection === 'object' &&
  (value as TabResource).detection !== null
    ? (value as TabResource)
    : undefined;

export async function getTabResource(tabId: number): Promise<TabResource | undefined> {
  const stored = await browser.storage.session.get(key(tabId));
  return asTabResource(stored[key(tabId)]);
}

export async function setTabResource(tabId: number, value: TabResource): Promise<void> {
  await browser.storage.session.set({ [key(tabId)]: value });
}

export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(key(tabId));
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
