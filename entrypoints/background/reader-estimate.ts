import { getTabResource } from '@/entrypoints/background/tab-state';
import type { ReaderCounts } from '@/utils/detection/estimate';
import { ReaderCountsSchema } from '@/utils/messages/protocol';

/**
 * The background's part in estimates that match Reader View: when a tab's reading script finds
 * its page idle and the resource states no time, the estimate script runs once in that page's top
 * frame (entrypoints/estimate/index.ts) and its count goes back to the reading script. Only for
 * the resource the tab shows, never for one that states its time, one run at a time per tab and
 * not more often than `MIN_GAP_MS` for the same resource, whatever the page does (the reading
 * script asks at most three times per resource). Nothing here is stored.
 */
export interface ReaderEstimatePorts {
  /** Runs the estimate script in the tab's top frame, in this document where known; its result. */
  runEstimateScript(tabId: number, documentId: string | undefined): Promise<unknown>;
  now(): number;
}

/** Readability costs up to a few hundred milliseconds on a huge page: not again for this long. */
export const MIN_GAP_MS = 5_000;

export function createReaderEstimates(ports: ReaderEstimatePorts) {
  const running = new Set<number>();
  /** The tab's last run, and for which address: another resource in the tab need not wait. */
  const lastRun = new Map<number, { url: string; at: number }>();

  return {
    async count(
      tabId: number,
      documentId: string | undefined,
      url: string,
    ): Promise<ReaderCounts | null> {
      const shown = (await getTabResource(tabId))?.detection;
      if (!shown || shown.url !== url || shown.stated || !shown.estimate) return null;
      const at = ports.now();
      const last = lastRun.get(tabId);
      if (running.has(tabId) || (last?.url === url && at - last.at < MIN_GAP_MS)) return null;
      running.add(tabId);
      lastRun.set(tabId, { url, at });
      try {
        // What the script returns was read from a hostile page: its shape is checked.
        const counted = ReaderCountsSchema.safeParse(
          await ports.runEstimateScript(tabId, documentId),
        );
        return counted.success ? counted.data : null;
      } catch {
        return null;
      } finally {
        running.delete(tabId);
      }
    },
    /** The tab closed. */
    forget(tabId: number): void {
      lastRun.delete(tabId);
    },
  };
}

export type ReaderEstimates = ReturnType<typeof createReaderEstimates>;
