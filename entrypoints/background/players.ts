import { browser } from '#imports';
import { getTabResource } from '@/entrypoints/background/tab-state';
import type { ResourceDetection } from '@/utils/detection/schema';
import type { ToContentMessage } from '@/utils/messages/to-content';

/**
 * Player windows: a tab or window a resource page opens (an e-learning module launched with
 * `window.open` or a `target=_blank` link) counts for the opener's resource while it is in front
 * and the reader is there, unless its page is a resource itself (then it counts for itself).
 * The browser says which tab opened which (`openerTabId`, no permission needed); the relation
 * lives in `storage.session` (memory only) until the tab closes, and holds only while the tab
 * stays on the site the player first ran on, and only for a page that plays something (a frame
 * or media) or is on the resource's own site: the page reader decides (`countForOpener`).
 */

export interface PlayerTab {
  openerTabId: number;
  /** The opener's resource, as it was when the player opened. */
  detection: ResourceDetection;
  /** Where the player first ran (its origin), once its reading script said. */
  origin: string | null;
}

const key = (tabId: number) => `player:${tabId}`;

/**
 * Asked again after these waits: the page's reading script may start a moment after the page
 * has loaded (Firefox), and a player's content may arrive after that.
 */
const ASK_AGAIN_MS = [250, 500, 1_000, 2_000, 4_000];

export interface PlayerPorts {
  sendToTab(tabId: number, message: ToContentMessage, frameId?: number): Promise<unknown>;
  /** Waits; injected so tests need not. */
  wait(ms: number): Promise<void>;
}

async function playerOf(tabId: number): Promise<PlayerTab | undefined> {
  const stored = (await browser.storage.session.get(key(tabId)))[key(tabId)] as
    PlayerTab | undefined;
  return stored &&
    typeof stored.openerTabId === 'number' &&
    typeof stored.detection?.url === 'string'
    ? stored
    : undefined;
}

export function createPlayers(ports: PlayerPorts) {
  return {
    /** A tab was opened: from a tab showing a resource, it is that resource's player. */
    async opened(tab: { id?: number; openerTabId?: number; incognito?: boolean }): Promise<void> {
      if (tab.id === undefined || tab.openerTabId === undefined || tab.incognito) return;
      const opener = await getTabResource(tab.openerTabId);
      if (!opener) return;
      const player: PlayerTab = {
        openerTabId: tab.openerTabId,
        detection: opener.detection,
        origin: null,
      };
      await browser.storage.session.set({ [key(tab.id)]: player });
    },

    /** A player tab finished loading a page: its reading script counts for the opener. */
    async loaded(tabId: number): Promise<void> {
      const player = await playerOf(tabId);
      if (!player) return;
      const message: ToContentMessage = {
        type: 'background:count-for-opener',
        data: { detection: player.detection, origin: player.origin },
      };
      for (const wait of [0, ...ASK_AGAIN_MS]) {
        if (wait > 0) await ports.wait(wait);
        const reply = (await ports.sendToTab(tabId, message, 0).catch(() => undefined)) as
          { origin?: unknown; counting?: unknown } | undefined;
        // No script yet, or a player whose content is still arriving: ask again shortly.
        if (typeof reply?.origin !== 'string' || reply.counting !== true) continue;
        if (player.origin === null)
          await browser.storage.session.set({ [key(tabId)]: { ...player, origin: reply.origin } });
        return;
      }
    },

    /** Whether the tab is a player of the resource at `url` (it may announce it). */
    async playsFor(tabId: number, url: string): Promise<boolean> {
      return (await playerOf(tabId))?.detection.url === url;
    },

    closed(tabId: number): Promise<void> {
      return browser.storage.session.remove(key(tabId));
    },
  };
}

export type Players = ReturnType<typeof createPlayers>;
