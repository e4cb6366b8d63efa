import { fieldLabel } from '@/utils/export/columns';
import { addDays, localIsoDate } from '@/utils/iso-date';
import { LearningRecordSchema, type LearningRecord } from '@/utils/records';

/**
 * Checks every imported record before anything is written. The first problem stops
 * the import with a plain message naming the row and the field; nothing is written.
 */

export const NOTHING_IMPORTED = 'Nothing was imported.';

/**
 * A backup made in a time zone ahead of this one, or on a machine whose clock is fast, dates
 * today's learning tomorrow here: a day's grace, so it is not refused. Later dates still are.
 */
export const FUTURE_DATE_GRACE_DAYS = 1;

export type Validated = { ok: true; records: LearningRecord[] } | { ok: false; error: string };

export async function validateRecords(
  candidates: readonly unknown[],
  {
    where,
    now,
    onProgress,
  }: {
    /** "Record 12" or "Row 12 (line 13)". */
    where: (index: number) => string;
    now: Date;
    onProgress?: (done: number) => void | Promise<void>;
  },
): Promise<Validated> {
  const latest = addDays(localIsoDate(now), FUTURE_DATE_GRACE_DAYS);
  const seen = new Map<string, number>();
  const records: LearningRecord[] = [];
  for (let index = 0; index < candidates.length; index += 1) {
    const parsed = LearningRecordSchema.safeParse(candidates[index]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path[0];
      const label = typeof field === 'string' ? `, “${fieldLabel(field)}”` : '';
      return {
        ok: false,
        error: `${where(index)}${label}: ${issue.message} ${NOTHING_IMPORTED}`,
      };
    }
    const record = parsed.data;
    if (record.date > latest) {
      return {
        ok: false,
        error: `${where(index)}, “Date”: the date ${record.date} is in the future. ${NOTHING_IMPORTED}`,
      };
    }
    const earlier = seen.get(record.id);
    if (earlier !== undefined) {
      return {
        ok: false,
        error: `${where(index)} has the same ID as ${where(earlier).replace(/^R/, 'r')}. ${NOTHING_IMPORTED}`,
      };
    }
    seen.set(record.id, index);
    records.push(record);
    if (onProgress && index % 2000 === 1999) await onProgress(index + 1);
  }
  return { ok: true, records };
}
