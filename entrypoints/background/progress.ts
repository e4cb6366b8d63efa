import {
  allTabResources,
  getTabResource,
  keepGone,
  inTabOrder,
  recentlyGone,
  setTabResource,
  setTopDocument,
  unstoredMsOf,
  type TabResource,
} from '@/entrypoints/background/tab-state';
import type { LearnlogDatabase } from '@/utils/db/database';
import { addSpentTime, refreshResource, unstoredProgress } from '@/utils/db/resources-store';
import type { ResourceProgress } from '@/utils/db/tables';
import type { ResourceDetection } from '@/utils/detection/schema';
import type { ProgressSnapshot } from '@/utils/messages/protocol';
import type { Settings } from '@/utils/settings';
import { MAX_HINT_MS } from '@/utils/messages/reading-port';
import { becameReady } from '@/utils/tracking/readiness';
import { snapshotFor } from '@/utils/tracking/snapshot';

/** Slack for message latency when bounding a report by the wall time since the last one. */
const REPORT_SLACK_MS = 1_000;

/**
 * Wall time since a stored mark. A mark in the future means the system clock was put back since
 * (a laptop's fast clock corrected): how long really passed is unknown, so at most one report's
 * worth is allowed (the longest a page may go on counting without reporting, MAX_HINT_MS), and
 * never a negative time.
 */
function wallTimeSince(mark: number, now: number): number {
  return mark <= now ? now - mark : MAX_HINT_MS;
}

export interface ProgressDependencies {
  db: LearnlogDatabase;
  /** Wall-clock milliseconds. */
  now: () => number;
  getSettings: () => Promise<Settings>;
  showBadge: (tabId: number, snapshot: ProgressSnapshot) => Promise<void>;
  /** Tells the learner a resource is ready, if they asked to be told. */
  notifyReady: (progress: ResourceProgress, settings: Settings) => Promise<void>;
  /** A resource was stored for the first time (the table may need trimming). */
  onStored?: () => void;
}

/** Owns resource progress: detections and counted time from content scripts, kept in Dexie. */
export function createProgressManager({
  db,
  now,
  getSettings,
  showBadge,
  notifyReady,
  onStored = () => undefined,
}: ProgressDependencies) {
  /**
   * A page's last report, arriving after its tab moved on (a reload or navigation forgets the
   * tab before the old page says goodbye): counted for the resource the tab showed, once, and
   * within LAST_REPORT_GRACE_MS; nothing is shown for it.
   */
  async function lastReport(tabId: number, url: string, countedMs: number, at: number) {
    const gone = await recentlyGone(tabId, url, at);
    if (!gone) return;
    const bounded = Math.min(countedMs, wallTimeSince(gone.lastReportAt, at) + REPORT_SLACK_MS);
    const result = await addSpentTime(
      db,
      gone.detection,
      unstoredMsOf(gone) + bounded,
      at,
      at,
      tabId,
    );
    // A second report in flight is bounded from this one, like any other.
    await keepGone(tabId, { ...tabEntry(gone.detection, at, result.heldMs), goneAt: gone.goneAt });
    if (result.created) onStored();
  }

  return {
    /** `documentId`: the announcing document, where the browser says (`setTopDocument`). */
    resourceDetected: (
      tabId: number,
      detection: ResourceDetection,
      documentId?: string,
    ): Promise<ProgressSnapshot> =>
      inTabOrder(tabId, async () => {
        const settings = await getSettings();
        const at = now();
        const shown = await getTabResource(tabId);
        // The same resource announced again (late content, its media's length now known) keeps
        // its last report's time, or the report it is about to send would be cut short, and the
        // time the tab holds for it.
        const same = shown?.detection.url === detection.url;
        const unstoredMs = same ? unstoredMsOf(shown) : 0;
        // Stored only once time has counted on it: a detection alone is kept in the tab's memory.
        const progress =
          (await refreshResource(db, detection, at)) ?? unstoredProgress(detection, unstoredMs, at);
        const lastReportAt = same && shown.lastReportAt <= at ? shown.lastReportAt : at;
        await setTabResource(tabId, tabEntry(detection, lastReportAt, unstoredMs));
        await setTopDocument(tabId, documentId);
        const snapshot = snapshotFor(progress, settings);
        await showBadge(tabId, snapshot);
        return snapshot;
      }),

    timeCounted: (
      tabId: number,
      url: string,
      countedMs: number,
    ): Promise<ProgressSnapshot | null> =>
      inTabOrder(tabId, async () => {
        const at = now();
        const tab = await getTabResource(tabId);
        // Only the resource this tab announced may gain time.
        if (tab?.detection.url !== url) {
          await lastReport(tabId, url, countedMs, at);
          return null;
        }
        // A report can never hold more time than has passed since the tab's last one.
        const bounded = Math.min(countedMs, wallTimeSince(tab.lastReportAt, at) + REPORT_SLACK_MS);
        const settings = await getSettings();
        // Time held while too little to store is offered again with this report.
        const result = await addSpentTime(
          db,
          tab.detection,
          unstoredMsOf(tab) + bounded,
          at,
          at,
          tabId,
        );
        await setTabResource(tabId, tabEntry(tab.detection, at, result.heldMs));
        if (result.created) onStored();
        const snapshot = snapshotFor(result.progress, settings);
        await showBadge(tabId, snapshot);
        // Other tabs on the same resource (the page that opened this player) show it too.
        for (const [otherId, other] of await allTabResources())
          if (otherId !== tabId && other.detection.url === url) await showBadge(otherId, snapshot);
        if (becameReady(snapshot, result.addedMs)) await notifyReady(result.progress, settings);
        return snapshot;
      }),

    /**
     * The tab's reading port closed while the page said it was counting (a tab closed in
     * Firefox, whose last report may be lost): count the promised stretch `[from, to]`, with
     * the time the tab held, less anything a report already covered. Only for the resource the
     * tab announced (`url`): from its state, or, once a closed tab is forgotten, from what it
     * showed (kept LAST_REPORT_GRACE_MS) or what the port last read of it (`lastKnown`).
     */
    portClosedWhileCounting: (
      tabId: number,
      url: string,
      lastKnown: ResourceDetection | undefined,
      from: number,
      to: number,
    ): Promise<void> =>
      inTabOrder(tabId, async () => {
        if (to <= from) return;
        const at = now();
        const tab = await getTabResource(tabId);
        const shown = tab?.detection.url === url ? tab : undefined;
        // A tab closed (or navigated) is forgotten first: what it showed is kept a moment, with
        // the time it held. The port's own look at the tab is the last resort (it may have found
        // nothing: it reads the tab when a hint comes, and the tab may close meanwhile).
        const gone = shown ? undefined : await recentlyGone(tabId, url, at);
        const held = shown ?? gone;
        const detection = held?.detection ?? (lastKnown?.url === url ? lastKnown : undefined);
        if (!detection) return;
        const unstoredMs = held ? unstoredMsOf(held) : 0;
        const result = await addSpentTime(db, detection, unstoredMs + (to - from), at, to, tabId);
        if (shown)
          await setTabResource(tabId, tabEntry(detection, shown.lastReportAt, result.heldMs));
        // What it held is counted now: a last report still to come must not count it again.
        else if (gone)
          await keepGone(tabId, {
            ...tabEntry(detection, gone.lastReportAt, result.heldMs),
            goneAt: gone.goneAt,
          });
        if (result.created) onStored();
      }),
  };
}

/** A tab's entry; time it holds only when there is some. */
function tabEntry(
  detection: ResourceDetection,
  lastReportAt: number,
  unstoredMs: number,
): TabResource {
  return { detection, lastReportAt, ...(unstoredMs > 0 ? { unstoredMs } : {}) };
}
export type ProgressManager = ReturnType<typeof createProgressManager>;
