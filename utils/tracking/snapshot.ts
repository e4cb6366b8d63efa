import type { ResourceProgress } from '@/utils/db/tables';
import type { ProgressSnapshot } from '@/utils/messages/protocol';
import { requiredMsFor, type Settings } from '@/utils/settings';

/**
 * What a reading script is told of its resource: the time spent, the time required and the idle
 * threshold. Never the settings themselves, the log or anything else the learner keeps: the
 * script runs inside a web page.
 */
export function snapshotFor(progress: ResourceProgress, settings: Settings): ProgressSnapshot {
  return {
    url: progress.url,
    spentMs: progress.spentMs,
    requiredMs: requiredMsFor(progress.durationSeconds, settings),
    idleMs: settings.tracking.idleSeconds * 1000,
  };
}
