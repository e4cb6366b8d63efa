import { z } from 'zod';
import { DurationSourceSchema, RESOURCE_KINDS } from '@/utils/detection/schema';
import { cleanAddressText } from '@/utils/canonical-url';
import { compareDates, isoDateSchema, localIsoDate } from '@/utils/iso-date';

/**
 * A learning record: the CPD evidence a learner keeps. Validated with zod wherever it
 * is created, edited or read back from outside (forms now, imports later), so a bad value is
 * refused with a plain message and nothing is half-saved.
 */

export const MAX_TITLE = 300;
export const MAX_TEXT = 5_000;
export const MAX_TAGS = 20;
export const MAX_URL = 2_048;
export const MAX_STANDARDS = 30;
export const MAX_TAG = 40;

/** Kinds of learning: what a page can be (detection), plus learning away from a web page. */
export const RECORD_KINDS = [
  ...RESOURCE_KINDS,
  'conference',
  'workshop',
  'supervision',
  'discussion',
  'shadowing',
] as const;
export const RecordKindSchema = z.enum(RECORD_KINDS, { error: 'Choose a type of learning.' });
export type RecordKind = z.infer<typeof RecordKindSchema>;

/** Control characters (not tab or newline) have no place in evidence; they are removed. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const cleanText = (max: number, tooLong: string) =>
  z
    .string({ error: 'Expected text.' })
    .transform((value) => value.replace(CONTROL_CHARACTERS, '').trim())
    .pipe(z.string().max(max, tooLong));

const reflection = (field: string) =>
  cleanText(MAX_TEXT, `${field} is too long (5,000 characters at most).`);

export const TagSchema = z
  .string()
  .trim()
  .min(1, 'A tag cannot be empty.')
  .max(MAX_TAG, `Keep each tag to ${MAX_TAG} characters or fewer.`)
  // Commas, semicolons and new lines separate tags (when typed, and in the CSV export).
  .regex(/^[^,;\r\n]*$/, 'A tag cannot contain commas, semicolons or new lines.');

/** A standard's id, e.g. `nmc:preserve-safety` (utils/profile/regulators.ts). */
export const StandardIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,20}:[a-z0-9-]{1,40}$/, 'A standard is not one Learnlog knows the form of.');

export const LearningRecordSchema = z.object({
  id: z.uuid({ error: 'The record id is not valid.' }),
  title: cleanText(MAX_TITLE, `The title is too long (${MAX_TITLE} characters at most).`).pipe(
    z.string().min(1, 'Give the learning a title.'),
  ),
  /**
   * Kept without its fragment, tracking parameters or parameters that carry credentials or
   * personal data (`cleanAddress`), however the record arrives: a form, an import, a sync pull.
   */
  url: z
    .url({ protocol: /^https?$/, error: 'The address must be a web address (https://…).' })
    .max(MAX_URL, 'The address is too long.')
    .transform(cleanAddressText)
    .optional(),
  kind: RecordKindSchema,
  typeLabel: cleanText(60, 'The type label is too long.').optional(),
  /** The day the learning happened, as a calendar date (no time zone surprises). */
  date: isoDateSchema,
  /** Seconds credited as CPD time. */
  creditedSeconds: z
    .number({ error: 'Enter how long the learning took.' })
    .int('Use whole seconds.')
    .positive('Enter how long the learning took.')
    .max(24 * 3600, 'One record can be 24 hours at most.'),
  /** Attentive seconds Learnlog measured on the page, if it was a web resource. */
  spentSeconds: z.number().int().nonnegative().optional(),
  statedSeconds: z.number().int().positive().optional(),
  statedSource: DurationSourceSchema.optional(),
  /** True when recorded before the required time was reached. */
  recordedEarly: z.boolean(),
  /** Recorded from a web page Learnlog timed, or entered by hand (a course, a conference…). */
  origin: z.enum(['page', 'manual']),
  whatLearned: reflection('“What did you learn?”'),
  howWillUse: reflection('“How will it change your practice?”'),
  /** Ids of the standards or code themes it relates to (`utils/profile/regulators.ts`). */
  standards: z
    .array(StandardIdSchema)
    .max(MAX_STANDARDS, `A record can relate to ${MAX_STANDARDS} standards at most.`),
  /** Learning with other people (NMC: participatory). */
  participatory: z.boolean({ error: 'Say whether you learned with other people.' }),
  /** Planned, not unplanned, learning (GPhC counts planned records). */
  planned: z.boolean(),
  tags: z.array(TagSchema).max(MAX_TAGS, `Use ${MAX_TAGS} tags at most.`),
  notes: cleanText(MAX_TEXT, 'The notes are too long (5,000 characters at most).'),
  createdAt: z.number().int().positive(),
  updatedAt: z.number().int().positive(),
  /** Soft deletion, so a later sync can pass deletes on. */
  deletedAt: z.number().int().positive().optional(),
});
export type LearningRecord = z.infer<typeof LearningRecordSchema>;

/** A record's content: everything but its identity and timestamps, which `createRecord` adds. */
export type RecordContent = Omit<LearningRecord, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'>;

export type RecordResult = { ok: true; record: LearningRecord } | { ok: false; error: string };

/**
 * Splits "Safeguarding, dementia care; #handover" into tags: trimmed, without a leading "#",
 * without repeats (case-insensitive, the first spelling kept).
 */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of text.split(/[,;\n]/)) {
    const tag = part.trim().replace(/^#+/, '').trim();
    const key = tag.toLocaleLowerCase('en-GB');
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

/**
 * `keptDate`: the date the record already has. An edit that leaves it alone is not refused for
 * it (an import allows a day's grace, so a record may be dated "tomorrow" on this machine).
 */
function validate(candidate: unknown, now: Date, keptDate?: string): RecordResult {
  const date = (candidate as { date?: unknown }).date;
  // Compared only when it has the date's shape; anything else gets the schema's message.
  if (
    typeof date === 'string' &&
    date !== keptDate &&
    /^\d{4}-\d{2}-\d{2}$/.test(date) &&
    date > localIsoDate(now)
  ) {
    return { ok: false, error: 'The date is in the future. Choose today or an earlier day.' };
  }
  const parsed = LearningRecordSchema.safeParse(candidate);
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues[0]?.message ?? 'The record is not valid.' };
  }
  return { ok: true, record: parsed.data };
}

/**
 * Builds a validated record from its content. Refuses dates in the future: evidence is of
 * learning already done.
 */
export function createRecord(content: RecordContent, now: Date, newId: () => string): RecordResult {
  const time = now.getTime();
  return validate({ ...content, id: newId(), createdAt: time, updatedAt: time }, now);
}

/** The learner's edit of a record: same id and creation time, a later `updatedAt`. */
export function editRecord(
  existing: LearningRecord,
  changes: Partial<RecordContent>,
  now: Date,
): RecordResult {
  const merged = {
    ...existing,
    ...changes,
    updatedAt: Math.max(now.getTime(), existing.updatedAt + 1),
  };
  // A field the edit clears (a manual entry's web address) is removed, not kept as undefined.
  const cleared = Object.fromEntries(
    Object.entries(merged).filter(([, value]) => value !== undefined),
  );
  return validate(cleared, now, existing.date);
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields an edit changes, compared with the record as the form opened it: only these are
 * saved, so an edit never writes back fields it did not touch over a newer version of them.
 */
export function changedFields(
  base: LearningRecord,
  edited: Partial<RecordContent>,
): Partial<RecordContent> {
  const changes: Partial<Record<keyof RecordContent, unknown>> = {};
  for (const key of Object.keys(edited) as (keyof RecordContent)[]) {
    if (!sameValue(edited[key], base[key])) changes[key] = edited[key];
  }
  return changes as Partial<RecordContent>;
}

/** Of `fields`, those that changed between the version an edit began from and the latest. */
export function fieldsChangedSince(
  base: LearningRecord,
  latest: LearningRecord,
  fields: readonly string[],
): string[] {
  return fields.filter(
    (field) =>
      !sameValue(base[field as keyof LearningRecord], latest[field as keyof LearningRecord]),
  );
}

/** Soft deletion: kept as a tombstone so a sync can pass the delete on; undo clears it. */
export function markDeleted(record: LearningRecord, now: number): LearningRecord {
  return { ...record, deletedAt: now, updatedAt: Math.max(now, record.updatedAt + 1) };
}

export function markRestored(record: LearningRecord, now: number): LearningRecord {
  const { deletedAt: _deleted, ...rest } = record;
  return { ...rest, updatedAt: Math.max(now, record.updatedAt + 1) };
}

/** How long a deleted record can be restored from the log's "Recently deleted". */
export const RESTORABLE_DAYS = 30;

/** Records deleted in the last RESTORABLE_DAYS, the most recently deleted first. */
export function recentlyDeleted(records: readonly LearningRecord[], now: number): LearningRecord[] {
  const since = now - RESTORABLE_DAYS * 86_400_000;
  return records
    .filter((record) => record.deletedAt !== undefined && record.deletedAt >= since)
    .sort((a, b) => b.deletedAt! - a.deletedAt!);
}

/** Newest first: by learning date, then by when it was recorded. */
export function compareNewestFirst(a: LearningRecord, b: LearningRecord): number {
  return compareDates(b.date, a.date) || b.createdAt - a.createdAt;
}

/** The site a record came from ("learning.example.org"), or undefined for manual entries. */
export function siteOf(record: Pick<LearningRecord, 'url'>): string | undefined {
  if (!record.url) return undefined;
  try {
    return new URL(record.url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}
