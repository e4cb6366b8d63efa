import { getTabResource, setTabResource } from '@/entrypoints/background/tab-state';
import type { LearnlogDatabase } from '@/utils/db/database';
import { addSpentTime, toSnapshot, upsertDetectedResource } from '@/utils/db/progress';
import type { ResourceDetection } from '@/utils/detection/schema';
import type { ProgressSnapshot } from '@/utils/messages/protocol';

/** Slack for message latency when bounding a report by the wall time since the last one. */
const REPORT_SLACK_MS = 1_000;

export interface ProgressDependencies {
  db: LearnlogDatabase;
  /** Wall-clock milliseconds. */
  now: () => number;
  showBadge: (tabId: number, snapshot: ProgressSnapshot) => Promise<void>;
}

/** Owns resource progress: detections and counted time from content scripts, kept in Dexie. */
export function createProgressManager({ db, now, showBadge }: ProgressDependencies) {
  return {
    async resourceDetected(tabId: number, detection: ResourceDetection): Promise<ProgressSnapshot> {
      const progress = await upsertDetectedResource(db, detection, now());
      await setTabResource(tabId, { url: progress.url, lastReportAt: now() });
      const snapshot = toSnapshot(progress);
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
      const credited = Math.max(0, Math.min(countedMs, at - tab.lastReportAt + REPORT_SLACK_MS));
      await setTabResource(tabId, { url, lastReportAt: at });
      const progress = await addSpentTime(db, url, credited, at);
      if (!progress) return null;
      const snapshot = toSnapshot(progress);
      await showBadge(tabId, snapshot);
      return snapshot;
    },
  };
}
export type ProgressManager = ReturnType<typeof createProgressManager>;
