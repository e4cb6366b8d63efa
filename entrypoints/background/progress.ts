import { getTabResource, setTabResource, unstoredMsOf } from '@/entrypoints/background/tab-state';
import type { LearnlogDatabase } from '@/utils/db/database';
import { addSpentTime, progressOf, refreshResource } from '@/utils/db/resources-store';
import type { ResourceProgress } from '@/utils/db/tables';
import type { ResourceDetection } from '@/utils/detection/schema';
import { exclusively } from '@/utils/exclusive';
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
 * worth (the reading script reports every 5 s while counting) is allowed, and never a negative
 * time.
 */
export function wallTimeSince(mark: number, now: number): number {
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

/**
 * A tab's messages are handled one at a time: each reads the tab's state (its last report, the
 * time it holds) and writes it back, and two interleaved would both spend the same held time.
 */
const inTabOrder = <T>(tabId: number, task: () => Promise<T>) =>
  exclusively(`learnlog-tab-${tabId}`, task);

/** Owns resource progress: detections and counted time from content scripts, kept in Dexie. */
export function createProgressManager({
  db,
  now,
  getSettings,
  showBadge,
  notifyReady,
  onStored = () => undefined,
}: ProgressDependencies) {
  return {
    resourceDetected: (tabId: number, detection: ResourceDetection): Promise<ProgressSnapshot> =>
      inTabOrder(tabId, async () => {
        const settings = await getSettings();
        const at = now();
        const shown = await getTabResource(tabId);
        // The same resource announced again (late content, its media's length now known) keeps its
        // last report's time, or the report it is about to send would be cut short, and the time
        // the tab holds for it.
        const same = shown?.url === detection.url;
        const unstoredMs = same ? unstoredMsOf(shown) : 0;
        // Stored only once time has counted on it: a detection alone is kept in the tab's memory.
        const progress = (await refreshResource(db, detection, at)) ?? {
          ...progressOf(detection, undefined, at),
          spentMs: unstoredMs,
        };
        const lastReportAt = same && shown.lastReportAt <= at ? shown.lastReportAt : at;
        await setTabResource(tabId, {
          url: progress.url,
          lastReportAt,
          detection,
          ...(unstoredMs > 0 ? { unstoredMs } : {}),
        });
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
        const tab = await getTabResource(tabId);
        // Only the resource this tab announced may gain time.
        if (!tab || tab.url !== url) return null;
        const at = now();
        // A report can never hold more time than has passed since the tab's last one.
        const bounded = Math.min(countedMs, wallTimeSince(tab.lastReportAt, at) + REPORT_SLACK_MS);
        const settings = await getSettings();
        // Time held while too little to store is offered again with this report.
        const result = await addSpentTime(db, tab.detection, unstoredMsOf(tab) + bounded, at);
        const { unstoredMs: _held, ...rest } = tab;
        await setTabResource(tabId, {
          ...rest,
          lastReportAt: at,
          ...(result.held && result.progress.spentMs > 0
            ? { unstoredMs: result.progress.spentMs }
            : {}),
        });
        if (result.created) onStored();
        const snapshot = snapshotFor(result.progress, settings);
        await showBadge(tabId, snapshot);
        if (becameReady(snapshot, result.addedMs)) await notifyReady(result.progress, settings);
        return snapshot;
      }),

    /**
     * The tab's reading port closed while the page said it was counting (a tab closed in
     * Firefox, whose last report may be lost): count the promised stretch, less anything a
     * report already covered.
     */
    async portClosedWhileCounting(
      detection: ResourceDetection,
      from: number,
      to: number,
      unstoredMs = 0,
    ): Promise<void> {
      if (to <= from) return;
      // With the time the tab held: a stretch a report already stored is not counted again.
      const result = await addSpentTime(db, detection, unstoredMs + (to - from), now(), to);
      if (result.created) onStored();
    },
  };
}
export type ProgressManager = ReturnType<typeof createProgressManager>;
