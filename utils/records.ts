import { z } from 'zod';
import { ResourceKindSchema, DurationSourceSchema } from '@/utils/detection/schema';

/**
 * A learning record: the CPD evidence a learner keeps. Validated with zod wherever it is
 * created or read back from outside (the popup form now, imports later).
 */

const MAX_TEXT = 5_000;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-26');

export const LearningRecordSchema = z.object({
  id: z.uuid(),
  title: z
    .string()
    .trim()
    .min(1, 'Give the learning a title.')
    .max(300, 'The title is too long (300 characters at most).'),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
  kind: ResourceKindSchema,
  typeLabel: z.string().max(60).optional(),
  /** The day the learning happened, as a calendar date (no time zone surprises). */
  date: isoDate,
  /** Seconds credited as CPD time. */
  creditedSeconds: z
    .number()
    .int()
    .positive('Enter how long the learning took.')
    .max(24 * 3600, 'One record can be 24 hours at most.'),
  /** Attentive seconds Learnlog measured on the page, if it was a web resource. */
  spentSeconds: z.number().int().nonnegative().optional(),
  statedSeconds: z.number().int().positive().optional(),
  statedSource: DurationSourceSchema.optional(),
  /** True when recorded before the required time was reached (issue #4). */
  recordedEarly: z.boolean(),
  whatLearned: z.string().trim().max(MAX_TEXT, 'Keep each reflection under 5,000 characters.'),
  howWillUse: z.string().trim().max(MAX_TEXT, 'Keep each reflection under 5,000 characters.'),
  createdAt: z.number().int().positive(),
  updatedAt: z.number().int().positive(),
  /** Soft deletion, so a later sync can pass deletes on. */
  deletedAt: z.number().int().positive().optional(),
});
export type LearningRecord = z.infer<typeof LearningRecordSchema>;

export type RecordDraft = Omit<LearningRecord, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'>;

/** Today's date in the learner's own time zone, as YYYY-MM-DD. */
export function localIsoDate(time: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}`;
}

/**
 * Builds a validated record from a draft. Refuses dates in the future: evidence is of
 * learning already done.
 */
export function createRecord(
  draft: RecordDraft,
  now: Date,
  newId: () => string,
): { ok: true; record: LearningRecord } | { ok: false; error: string } {
  if (draft.date > localIsoDate(now)) {
    return { ok: false, error: 'The date is in the future. Choose today or an earlier day.' };
  }
  const time = now.getTime();
  const parsed = LearningRecordSchema.safeParse({
    ...draft,
    id: newId(),
    createdAt: time,
    updatedAt: time,
  });
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues[0]?.message ?? 'The record is not valid.' };
  }
  return { ok: true, record: parsed.data };
}

/** Newest first: by learning date, then by when it was recorded. */
export function compareNewestFirst(a: LearningRecord, b: LearningRecord): number {
  return b.date.localeCompare(a.date) || b.createdAt - a.createdAt;
}

/** Credited seconds of live records whose date falls in the same calendar month as `now`. */
export function secondsThisMonth(records: readonly LearningRecord[], now: Date): number {
  const month = localIsoDate(now).slice(0, 7);
  return records
    .filter((record) => !record.deletedAt && record.date.startsWith(month))
    .reduce((sum, record) => sum + record.creditedSeconds, 0);
}
