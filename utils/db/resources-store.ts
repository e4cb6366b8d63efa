import { keepStretch, newlyCountedMs, NO_TAB } from '@/utils/tracking/counted-stretches';
import type { LearnlogDatabase } from '@/utils/db/database';
import type { ResourceProgress } from '@/utils/db/tables';
import type { ResourceDetection } from '@/utils/detection/schema';

/**
 * The `resources` table: the learning resources the learner has spent time on, and the attentive
 * time counted there from every tab and visit. It is the only place Learnlog keeps pages'
 * addresses and titles outside the learner's own records, so it keeps as little as it can: a
 * resource is stored only once time has been counted on it (a page detected in a tab never
 * brought to the front leaves nothing), rows without a record are forgotten after the days the
 * learner sets (30 unless changed), the table never holds more than MAX_STORED_RESOURCES, and
 * the learner can clear it in Settings.
 */

/** The most resources kept: far more than a learner reads without recording in a month. */
export const MAX_STORED_RESOURCES = 2_000;

/**
 * A resource is first stored once this much time has counted on it: a glance is not reading, and
 * a page that changes its address every second or two while the reader is there cannot fill the
 * table with one row per address (and push out the learner's unrecorded courses). Shorter
 * stretches are held by the caller (the tab's state) and offered again with the next report, so
 * a learner who reads in short stretches loses nothing.
 */
export const MIN_FIRST_STRETCH_MS = 3_000;

/**
 * How far in the future a counted-until mark may lie and still be an ordinary race (a closing
 * tab's stretch and its last report, two tabs, landing in either order). A mark further ahead
 * than this was made before the system clock was put back.
 */
const CLOCK_JUMP_MS = 60_000;

/** A detected resource as a row: its time so far (`existing`), else a fresh start. */
export function progressOf(
  detection: ResourceDetection,
  existing: ResourceProgress | undefined,
  now: number,
): ResourceProgress {
  return {
    url: detection.url,
    title: detection.title,
    kind: detection.kind,
    durationSeconds: detection.durationSeconds,
    spentMs: existing?.spentMs ?? 0,
    // Kept, or another tab announcing the resource would let the same moments count twice.
    ...(existing?.countedUntil !== undefined ? { countedUntil: existing.countedUntil } : {}),
    ...(existing?.countedStretches ? { countedStretches: existing.countedStretches } : {}),
    firstSeenAt: existing?.firstSeenAt ?? now,
    lastSeenAt: now,
    ...(detection.typeLabel ? { typeLabel: detection.typeLabel } : {}),
    ...(detection.stated ? { stated: detection.stated } : {}),
    ...(detection.estimate ? { estimate: detection.estimate } : {}),
  };
}

/** A resource not stored yet, with the time counted on it so far (`spentMs`). */
export function unstoredProgress(
  detection: ResourceDetection,
  spentMs: number,
  now: number,
): ResourceProgress {
  return { ...progressOf(detection, undefined, now), spentMs };
}

/**
 * A detection of a resource already stored refreshes what the page says of it (its title, its
 * duration once its video's length is known); a resource not stored yet stays unstored.
 */
export async function refreshResource(
  db: LearnlogDatabase,
  detection: ResourceDetection,
  now: number,
): Promise<ResourceProgress | undefined> {
  return db.transaction('rw', db.resources, async () => {
    const existing = await db.resources.get(detection.url);
    if (!existing) return undefined;
    // Only counted time is a visit: a tab restored behind others at browser start must not keep
    // a row from being forgotten.
    const progress = { ...progressOf(detection, existing, now), lastSeenAt: existing.lastSeenAt };
    await db.resources.put(progress);
    return progress;
  });
}

/**
 * Adds counted time to a resource, never counting a moment twice: the report is taken as the
 * stretch `[endAt - countedMs, endAt]` (a report ends when it arrives), less what was already
 * counted: after the end of `tabId`'s own last stretch, and outside other tabs' stretches
 * (`counted-stretches.ts`; without a tab, after the end of any). A resource not stored yet is
 * stored once the stretch holds MIN_FIRST_STRETCH_MS; a shorter one is not written: `heldMs` is
 * the time the caller should hold and add to its next stretch, and the progress shows it.
 */
export async function addSpentTime(
  db: LearnlogDatabase,
  detection: ResourceDetection,
  countedMs: number,
  now: number,
  endAt = now,
  tabId?: number,
): Promise<{ progress: ResourceProgress; addedMs: number; created: boolean; heldMs: number }> {
  return db.transaction('rw', db.resources, async () => {
    const existing = await db.resources.get(detection.url);
    const base = existing ?? progressOf(detection, undefined, now);
    // A mark far ahead of now was made before the system clock was put back: it says nothing
    // about this stretch, and kept, it would block every report until real time caught up with
    // it. It is dropped, and the new clock's marks are used from here. A mark just ahead is an
    // ordinary race between two writers, and is kept: the same moment never counts twice.
    const mark =
      base.countedUntil !== undefined && base.countedUntil <= now + CLOCK_JUMP_MS
        ? base.countedUntil
        : 0;
    // Stretches far ahead of now are dropped with the mark, for the same reason. A row stored
    // before stretches were kept, or moved on since by such a version, has only the mark: the
    // time up to it counts as counted.
    const counted = (Array.isArray(base.countedStretches) ? base.countedStretches : []).filter(
      (stretch) => stretch.to <= now + CLOCK_JUMP_MS,
    );
    const latest = counted.reduce((end, stretch) => Math.max(end, stretch.to), 0);
    if (mark > latest) counted.push({ tabId: NO_TAB, from: latest, to: mark });
    const from = endAt - countedMs;
    const addedMs = Math.max(0, Math.min(countedMs, newlyCountedMs(counted, tabId, from, endAt)));
    if (!existing && addedMs < MIN_FIRST_STRETCH_MS)
      return {
        progress: unstoredProgress(detection, addedMs, now),
        addedMs: 0,
        created: false,
        heldMs: addedMs,
      };
    const progress = {
      ...base,
      spentMs: base.spentMs + addedMs,
      lastSeenAt: now,
      countedUntil: Math.max(mark, endAt),
      countedStretches: keepStretch(counted, { tabId: tabId ?? NO_TAB, from, to: endAt }, now),
    };
    await db.resources.put(progress);
    return { progress, addedMs, created: !existing, heldMs: 0 };
  });
}

/**
 * Forgets timing the learner has no use for: resources with no (live) record that were last
 * seen more than `keepDays` ago, then, past MAX_STORED_RESOURCES, the longest unseen ones
 * without a record. Returns how many were forgotten.
 */
export async function forgetOldTiming(
  db: LearnlogDatabase,
  { now, keepDays, cap = MAX_STORED_RESOURCES }: { now: number; keepDays: number; cap?: number },
): Promise<number> {
  const cutoff = now - keepDays * 86_400_000;
  // Most calls (a resource stored, a day gone by) find nothing to forget: say so from the
  // index alone, without reading every record.
  const [count, oldest] = await db.transaction('r', db.resources, () =>
    Promise.all([db.resources.count(), db.resources.orderBy('lastSeenAt').first()]),
  );
  if (count <= cap && (!oldest || oldest.lastSeenAt >= cutoff)) return 0;
  // The records are read on their own first: a scan of every record must not hold up the
  // learner's saves. A record saved meanwhile keeps its own copy of the time anyway.
  const recorded = new Set<string>();
  await db.records.each((record) => {
    if (record.url && record.deletedAt === undefined) recorded.add(record.url);
  });
  return db.transaction('rw', db.resources, async () => {
    // Oldest first, through the `lastSeenAt` index.
    const all = await db.resources.orderBy('lastSeenAt').toArray();
    const unrecorded = all.filter((resource) => !recorded.has(resource.url));
    const stale = unrecorded.filter((resource) => resource.lastSeenAt < cutoff);
    const total = all.length;
    const overCap = Math.max(0, total - stale.length - cap);
    const forget = [
      ...stale,
      ...unrecorded.filter((resource) => resource.lastSeenAt >= cutoff).slice(0, overCap),
    ];
    await db.resources.bulkDelete(forget.map((resource) => resource.url));
    return forget.length;
  });
}

/** How many resources hold timing history (for Settings to say). */
export function storedResourceCount(db: LearnlogDatabase): Promise<number> {
  return db.resources.count();
}

/** "Clear timing history": every resource's counted time goes; records keep their own. */
export async function clearTimingHistory(db: LearnlogDatabase): Promise<number> {
  return db.transaction('rw', db.resources, async () => {
    const count = await db.resources.count();
    await db.resources.clear();
    return count;
  });
}
