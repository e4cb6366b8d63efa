import type { LearningRecord } from '@/utils/records';

/**
 * Merging imported records by id: a new id is added; for a known id the version with
 * the later `updatedAt` wins, so importing an old backup never undoes newer work; an equal
 * `updatedAt` is skipped (already up to date).
 */

export interface MergePlan {
  /** Records to write, each with the version it replaces (for the day totals). */
  writes: { before?: LearningRecord; after: LearningRecord }[];
  added: number;
  updated: number;
  skipped: number;
}

export function planMerge(
  existing: ReadonlyMap<string, LearningRecord>,
  incoming: readonly LearningRecord[],
): MergePlan {
  const plan: MergePlan = { writes: [], added: 0, updated: 0, skipped: 0 };
  for (const record of incoming) {
    const before = existing.get(record.id);
    if (!before) {
      plan.writes.push({ after: record });
      plan.added += 1;
    } else if (record.updatedAt > before.updatedAt) {
      plan.writes.push({ before, after: record });
      plan.updated += 1;
    } else {
      plan.skipped += 1;
    }
  }
  return plan;
}
