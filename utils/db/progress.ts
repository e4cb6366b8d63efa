import type { LearnlogDatabase } from '@/utils/db/database';
import type { ResourceDetection } from '@/utils/detection/schema';
import type { ProgressSnapshot } from '@/utils/messages/protocol';

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
  firstSeenAt: number;
  lastSeenAt: number;
}

export function toSnapshot(progress: ResourceProgress): ProgressSnapshot {
  return {
    url: progress.url,
    spentMs: progress.spentMs,
    requiredMs: progress.requiredSeconds * 1000,
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

/** Adds counted time to a known resource; unknown addresses are ignored (nothing is created). */
export async function addSpentTime(
  db: LearnlogDatabase,
  url: string,
  countedMs: number,
  now: number,
): Promise<ResourceProgress | undefined> {
  return db.transaction('rw', db.resources, async () => {
    const existing = await db.resources.get(url);
    if (!existing) return undefined;
    const updated = { ...existing, spentMs: existing.spentMs + countedMs, lastSeenAt: now };
    await db.resources.put(updated);
    return updated;
  });
}
