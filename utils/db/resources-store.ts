import type { LearnlogDatabase } from '@/utils/db/database';
import type { ResourceProgress } from '@/utils/db/tables';
import type { ResourceDetection } from '@/utils/detection/schema';

/**
 * The `resources` table: each learning resource the learner has spent time on, and the
 * attentive time counted there from every tab and visit.
 */

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
      durationSeconds: detection.durationSeconds,
      spentMs: existing?.spentMs ?? 0,
      // Kept, or another tab announcing the resource would let the same moments count twice.
      ...(existing?.countedUntil !== undefined ? { countedUntil: existing.countedUntil } : {}),
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
 * Adds counted time to a known resource, never counting a moment twice: the report is taken as
 * the stretch `[endAt - countedMs, endAt]` (a report ends when it arrives), less what an earlier
 * report (from any tab) already covered. Unknown addresses are ignored (nothing is created).
 */
export async function addSpentTime(
  db: LearnlogDatabase,
  url: string,
  countedMs: number,
  now: number,
  endAt = now,
): Promise<{ progress: ResourceProgress; addedMs: number } | undefined> {
  return db.transaction('rw', db.resources, async () => {
    const existing = await db.resources.get(url);
    if (!existing) return undefined;
    // A mark later than this stretch's end was made before the system clock was put back: it
    // says nothing about this stretch, and kept, it would block every report until real time
    // caught up with it. It is dropped, and the new clock's marks are used from here.
    const mark =
      existing.countedUntil !== undefined && existing.countedUntil <= endAt
        ? existing.countedUntil
        : 0;
    const from = Math.max(mark, endAt - countedMs);
    const addedMs = Math.max(0, Math.min(countedMs, endAt - from));
    const progress = {
      ...existing,
      spentMs: existing.spentMs + addedMs,
      lastSeenAt: now,
      countedUntil: Math.max(mark, endAt),
    };
    await db.resources.put(progress);
    return { progress, addedMs };
  });
}
