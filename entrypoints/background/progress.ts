import { getTabResource, setTabResource } from '@/entrypoints/background/tab-state';
import type { LearnlogDatabase } from '@/utils/db/database';
import { addSpentTime, progressOf, refreshResource } from '@/utils/db/resources-store';
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
    async resourceDetected(tabId: number, detection: ResourceDetection): Promise<ProgressSnapshot> {
      const settings = await getSettings();
      const at = now();
      // Stored only once time has counted on it: a detection alone is kept in the tab's memory.
      const progress =
        (await refreshResource(db, detection, at)) ?? progressOf(detection, undefined, at);
      // The same resource announced again (late content, its media's length now known) keeps its
      // last report's time, or the report it is about to send would be cut short.
      const shown = await getTabResource(tabId);
      const lastReportAt =
        shown?.url === progress.url && shown.lastReportAt <= at ? shown.lastReportAt : at;
      await setTabResource(tabId, { url: progress.url, lastReportAt, detection });
      const snapshot = snapshotFor(progress, settings);
      await showBadge(tabId, snapshot);
      return snapshot;
    },

    async timeCounted(
      tabId: number,
      url: string,
      countedMs: number,
    ): Promise<ProgressSnapshot | null> {
      const tab = await getTabResource(tabId);
      // Only the resource this tab announced may gain time.
      if (!tab || tab.url !== url) return null;
      const at = now();
      // A report can never hold more time than has passed since the tab's last one.
      const bounded = Math.min(countedMs, wallTimeSince(tab.lastReportAt, at) + REPORT_SLACK_MS);
      await setTabResource(tabId, { ...tab, lastReportAt: at });
      const settings = await getSettings();
      const result = await addSpentTime(db, tab.detection, bounded, at);
      if (result.created) onStored();
      const snapshot = snapshotFor(result.progress, settings);
      await showBadge(tabId, snapshot);
      if (becameReady(snapshot, result.addedMs)) await notifyReady(result.progress, settings);
      return snapshot;
    },

    /**
     * The tab's reading port closed while the page said it was counting (a tab closed in
     * Firefox, whose last report may be lost): count the promised stretch, less anything a
     * report already covered.
     */
    async portClosedWhileCounting(
      detection: ResourceDetection,
      from: number,
      to: number,
    ): Promise<void> {
      if (to <= from) return;
      const result = await addSpentTime(db, detection, to - from, now(), to);
      if (result.created) onStored();
    },
  };
}
export type ProgressManager = ReturnType<typeof createProgressManager>;
