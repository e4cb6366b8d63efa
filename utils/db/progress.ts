import type { LearnlogDatabase } from '@/utils/db/database';
import type { ResourceDetection } from '@/utils/detection/schema';
import type { ProgressSnapshot } from '@/utils/messages/protocol';
import { requiredMsFor, type Settings } from '@/utils/settings';

/** A learning resource the learner has spent time on, keyed by its canonical address. */
export interface ResourceProgress {
  url: string;
  title: string;
  kind: ResourceDetection['kind'];
  typeLabel?: string;
  stated?: ResourceDetection['stated'];
  estimate?: ResourceDetection['estimate'];
  requiredSeconds: number;
  /** Attentive milliseconds, from every tab and every visit. */
  spentMs: number;
  /**
   * Wall-clock end of the last credited stretch. Reports from several tabs of one resource are
   * treated as stretches ending when they arrive; only time after this point is credited again,
   * so two tabs never count the same moment twice (issue #4).
   */
  creditedUntil?: number;
  firstSeenAt: number;
  lastSeenAt: number;
}

export function toSnapshot(progress: ResourceProgress, settings: Settings): ProgressSnapshot {
  return {
    url: progress.url,
    spentMs: progress.spentMs,
    requiredMs: requiredMsFor(progress.requiredSeconds, settings),
    idleMs: settings.tracking.idleSeconds * 1000,
  };
}

/** Records (or refreshes) a detected resource, keeping the time already spent on it. */
export async function upsertDetectedResource(
  db: LearnlogDatabase,
  detection: ResourceDetection,
  now: number,
): Promise<ResourceProgress> {
  return db.transaction('rw', db.resources, async () => {
    const existing = await db.resources.get(detection.url);
    const progress: ResourceProgress = {
      url: detection.url,
      title: detection.title,
      kind: detection.kind,
      requiredSeconds: detection.requiredSeconds,
      spentMs: existing?.spentMs ?? 0,
      // Kept, or another tab announcing the resource would let the same moments count twice.
      ...(existing?.creditedUntil !== undefined ? { creditedUntil: existing.creditedUntil } : {}),
      firstSeenAt: existing?.firstSeenAt ?? now,
      lastSeenAt: now,
      ...(detection.typeLabel ? { typeLabel: detection.typeLabel } : {}),
      ...(detection.stated ? { stated: detection.stated } : {}),
      ...(detection.estimate ? { estimate: detection.estimate } : {}),
    };
    await db.resources.put(progress);
    return progress;
  });
}

/**
 * Adds counted time to a known resource, never crediting a moment twice: the report is taken as
 * the stretch `[endAt - countedMs, endAt]` (a report ends when it arrives), less what an earlier
 * report (from any tab) already covered. Unknown addresses are ignored (nothing is created).
 */
export async function addSpentTime(
  db: LearnlogDatabase,
  url: string,
  countedMs: number,
  now: number,
  endAt = now,
): Promise<{ progress: ResourceProgress; creditedMs: number } | undefined> {
  return db.transaction('rw', db.resources, async () => {
    const existing = await db.resources.get(url);
    if (!existing) return undefined;
    const from = Math.max(existing.creditedUntil ?? 0, endAt - countedMs);
    const creditedMs = Math.max(0, Math.min(countedMs, endAt - from));
    const progress = {
      ...existing,
      spentMs: existing.spentMs + creditedMs,
      lastSeenAt: now,
      creditedUntil: Math.max(existing.creditedUntil ?? 0, endAt),
    };
    await db.resources.put(progress);
    return { progress, creditedMs };
  });
}
