/// <reference types="chrome" />
import type { Page } from 'puppeteer-core';

/**
 * Reads the extension's state the way a support engineer would: from one of its own pages,
 * with the browser's extension APIs and raw IndexedDB, never through the extension's code.
 */

export interface StoredResource {
  url: string;
  title: string;
  kind: string;
  typeLabel?: string;
  durationSeconds: number;
  spentMs: number;
  stated?: { seconds: number; source: string; raw: string };
}

export interface StoredRecord {
  id: string;
  title: string;
  url?: string;
  creditedSeconds: number;
  whatLearned: string;
  howWillUse: string;
  recordedEarly: boolean;
  origin: 'page' | 'manual';
  standards: string[];
  participatory: boolean;
  planned: boolean;
  tags: string[];
  notes: string;
  date: string;
  kind: string;
  updatedAt: number;
  deletedAt?: number;
}

export async function readStore<T>(control: Page, store: string): Promise<T[]> {
  return control.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('learnlog');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            resolve([]);
            return;
          }
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

export const readResources = (control: Page) => readStore<StoredResource>(control, 'resources');
export const readRecords = (control: Page) => readStore<StoredRecord>(control, 'records');

/** The resource as stored: only once time has counted on it. */
export async function resourceFor(control: Page, url: string): Promise<StoredResource | undefined> {
  return (await readResources(control)).find((resource) => resource.url === url);
}

/**
 * What a tab's page was detected as, whether or not time has counted on it yet: the
 * background keeps it in `storage.session` (memory only) for the tab showing it.
 */
export async function detectedFor(
  control: Page,
  url: string,
): Promise<(Omit<StoredResource, 'spentMs'> & { tabId: number }) | undefined> {
  const entries = await control.evaluate(async () => {
    const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    return Object.entries(await api.storage.session.get(null));
  });
  for (const [key, value] of entries) {
    const tab = /^tab:(\d+)$/.exec(key);
    const entry = value as { detection?: Omit<StoredResource, 'spentMs'> };
    if (tab && entry.detection?.url === url) return { ...entry.detection, tabId: Number(tab[1]) };
  }
  return undefined;
}

/** Runs an extension API call in the control page (`chrome` in Chromium, `browser` in Firefox). */
function extensionApi(control: Page) {
  return {
    /** The id of the active tab in the control page's window. */
    /**
     * The active tab showing `url`, in whichever window it opened (a test may have made another
     * window the current one). Its address is visible where Learnlog has the site's permission;
     * otherwise the control page's window's active tab.
     */
    activeTabId: (url: string) =>
      control.evaluate(async (address) => {
        const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
        const showing = (await api.tabs.query({ active: true })).filter(
          (tab) => tab.url === address,
        );
        if (showing.length === 1) return showing[0]!.id!;
        const [tab] = await api.tabs.query({ active: true, currentWindow: true });
        return tab!.id!;
      }, url),
    badgeText: (tabId: number) =>
      control.evaluate(async (id) => {
        const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
        return api.action.getBadgeText({ tabId: id });
      }, tabId),
    sessionKeys: () =>
      control.evaluate(async () => {
        const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
        return Object.keys(await api.storage.session.get(null));
      }),
  };
}

/**
 * The extension's tab id for `page`: brought to the front, it is the active tab showing its
 * address.
 */
export async function tabIdOf(page: Page, control: Page): Promise<number> {
  await page.bringToFront();
  return extensionApi(control).activeTabId(page.url());
}

export const badgeText = (control: Page, tabId: number) => extensionApi(control).badgeText(tabId);
export const sessionKeys = (control: Page) => extensionApi(control).sessionKeys();

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `accept` holds, or fails with the last value seen. */
export async function waitFor<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  { timeout = 15_000, interval = 250, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await sleep(interval);
    last = await read();
  }
  return last;
}

/**
 * Puts records straight into the extension's database, as a previous version or another device
 * would have left them. The page must be an extension page that has already opened the
 * database (so its schema exists).
 */
export async function seedRecords(page: Page, records: readonly object[]): Promise<void> {
  await page.evaluate(
    (items) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('learnlog');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const transaction = db.transaction('records', 'readwrite');
          const store = transaction.objectStore('records');
          for (const item of items) store.put(item);
          transaction.oncomplete = () => {
            db.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    records,
  );
}
