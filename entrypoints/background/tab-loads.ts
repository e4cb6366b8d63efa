import {
  forgetTab,
  forgetTabUnlessShowing,
  topDocumentOf,
} from '@/entrypoints/background/tab-state';

/**
 * When a tab stops showing its resource as it loads. A tab that starts loading a new page no
 * longer shows the old one; its reading script announces the next. But Chrome also reports a tab
 * as loading, without an address, when only a frame in its page loads (a player moving to its
 * next page, a frame the page adds, an ad refreshing), and the same way for a reload. Forgetting
 * then would drop the resource while the learner works in its player: its frames would go quiet
 * and its badge would clear. So where the browser said which document announced the resource
 * (`documentId`), a load without an address is looked at once it completes: the tab is forgotten
 * only if its top document is another one by then (or Learnlog can no longer reach it: Chrome
 * gives no address for a page it may not read either), and a new page that announced its own
 * resource meanwhile is kept.
 */

export interface TabLoadPorts {
  /** The tab's top document now, or undefined when Learnlog cannot reach it. */
  topDocument(tabId: number): Promise<string | undefined>;
  /**
   * Whether the browser says the tab's page is on a site Learnlog may read (it gives the tab's
   * address only then). A page that may be read but did not answer was busy, not gone.
   */
  mayRead(tabId: number): Promise<boolean>;
  /** The tab's resource was forgotten: its badge goes. */
  forgotten(tabId: number): Promise<void>;
  /**
   * The tab loaded and still shows its resource: a frame in it loaded. Its frames are looked at
   * again, since a frame inside one Learnlog may not read has no script to say so.
   */
  stillShown(tabId: number): Promise<void>;
}

export function createTabLoads(ports: TabLoadPorts) {
  return {
    /** `tabs.onUpdated` with status "loading"; `url` as the browser gave it, if it did. */
    async loading(tabId: number, url: string | undefined): Promise<void> {
      if (url === undefined && (await topDocumentOf(tabId)) !== undefined) return;
      await forgetTab(tabId);
      await ports.forgotten(tabId);
    },

    /** `tabs.onUpdated` with status "complete". */
    async complete(tabId: number): Promise<void> {
      const announced = await topDocumentOf(tabId);
      if (announced === undefined) return;
      const showing = await ports.topDocument(tabId).catch(() => undefined);
      // Not answered, on a site Learnlog may read: the page was busy (or closing); it is not
      // taken for another page. Its next report or navigation says more.
      if (showing === undefined && (await ports.mayRead(tabId).catch(() => false))) return;
      if (await forgetTabUnlessShowing(tabId, showing, announced)) await ports.forgotten(tabId);
      else await ports.stillShown(tabId);
    },
  };
}
