import { getTabResource, setTabResource } from '@/entrypoints/background/tab-state';
import type { LearnlogDatabase } from '@/utils/db/database';
import { addSpentTime, upsertDetectedResource } from '@/utils/db/resources-store';
import type { ResourceProgress } from '@/utils/db/tables';
import type { ResourceDetection } from '@/utils/detection/schema';
import type { ProgressSnapshot } from '@/utils/messages/protocol';
import type { Settings } from '@/utils/settings';
import { becameReady } from '@/utils/tracking/readiness';
import { snapshotFor } from '@/utils/tracking/snapshot';

/** Slack for message latency when bounding a report by the wall time since the last one. */
const REPORT_SLACK_MS = 1_000;

export interface ProgressDependencies {
  db: LearnlogDatabase;
  /** Wall-clock milliseconds. */
  now: () => number;
  getSettings: () => Promise<Settings>;
  showBadge: (tabId: number, snapshot: ProgressSnapshot) => Promise<void>;
  /** Tells the learner a resource is ready, if they asked to be told. */
  notifyReady: (progress: ResourceProgress, settings: Settings) => Promise<void>;
}

/** Owns resource progress: detections and counted time from content scripts, kept in Dexie. */
export function createProgressManager({
  db,
  now,
  getSettings,
  showBadge,
  notifyReady,
}: ProgressDependencies) {
  return {
    async resourceDetected(tabId: number, detection: ResourceDetection): Promise<ProgressSnapshot> {
      const settings = await getSettings();
      const progress = await upsertDetectedResource(db, detection, now());
      await setTabResource(tabId, { url: progress.url, lastReportAt: now() });
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
      const bounded = Math.max(0, Math.min(countedMs, at - tab.lastReportAt + REPORT_SLACK_MS));
      await setTabResource(tabId, { url, lastReportAt: at });
      const settings = await getSettings();
      const result = await addSpentTime(db, url, bounded, at);
      if (!result) return null;
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
    async portClosedWhileCounting(url: string, from: number, to: number): Promise<void> {
      if (to <= from) return;
      await addSpentTime(db, url, to - from, now(), to);
    },
  };
}
export type ProgressManager = ReturnType<typeof createProgressManager>;
