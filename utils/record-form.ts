import { z } from 'zod';
import { parseTags, RECORD_KINDS, type LearningRecord, type RecordContent } from '@/utils/records';

/**
 * The record form's values as the learner typed them (the popup's form, manual entries and
 * edits in the log): text in, converted and validated only on save. The popup keeps them as a
 * draft while it is closed (`record-drafts.ts`), so their shape is a schema.
 */
export const RecordFormValuesSchema = z.object({
  title: z.string(),
  url: z.string(),
  kind: z.enum(RECORD_KINDS),
  date: z.string(),
  minutes: z.string(),
  /**
   * The exact seconds the form started with (a record's credited time, or what the popup
   * measured): kept as they are unless the learner changes the minutes shown for them, so
   * opening a 90-second record and saving it leaves 90 seconds, not a rounded 2 minutes.
   */
  keptSeconds: z.number().int().positive().nullable().default(null),
  whatLearned: z.string(),
  howWillUse: z.string(),
  standards: z.array(z.string()),
  participatory: z.boolean(),
  planned: z.boolean(),
  tags: z.string(),
  notes: z.string(),
});
export type RecordFormValues = z.infer<typeof RecordFormValuesSchema>;

/** Seconds as the minutes figure the form shows: "5", "1.5", "0.33". */
export function minutesText(seconds: number): string {
  return String(Math.round((seconds / 60) * 100) / 100);
}

/** The form's time fields for an exact number of seconds. */
export function timeFields(seconds: number): Pick<RecordFormValues, 'minutes' | 'keptSeconds'> {
  return { minutes: minutesText(seconds), keptSeconds: seconds };
}

/** A blank form for `today`; callers override what they know (the page's title…). */
export function blankFormValues(today: string): RecordFormValues {
  return {
    title: '',
    url: '',
    kind: 'course',
    date: today,
    minutes: '60',
    keptSeconds: null,
    whatLearned: '',
    howWillUse: '',
    standards: [],
    participatory: false,
    planned: false,
    tags: '',
    notes: '',
  };
}

export function formValuesFromRecord(record: LearningRecord): RecordFormValues {
  return {
    title: record.title,
    url: record.url ?? '',
    kind: record.kind,
    date: record.date,
    ...timeFields(record.creditedSeconds),
    whatLearned: record.whatLearned,
    howWillUse: record.howWillUse,
    standards: [...record.standards],
    participatory: record.participatory,
    planned: record.planned,
    tags: record.tags.join(', '),
    notes: record.notes,
  };
}

/** What the form holds of a record; the rest (origin, measured time…) comes from the caller. */
export type FormContent = Omit<
  RecordContent,
  'origin' | 'recordedEarly' | 'spentSeconds' | 'statedSeconds' | 'statedSource' | 'typeLabel'
>;

/** The typed values as record content, for `createRecord` or `editRecord` to validate. */
export function contentFromForm(values: RecordFormValues): FormContent {
  const url = values.url.trim();
  const typed = values.minutes.trim();
  const unchanged = values.keptSeconds !== null && typed === minutesText(values.keptSeconds);
  const minutes = typed === '' ? Number.NaN : Number(typed);
  return {
    title: values.title,
    ...(url ? { url } : {}),
    kind: values.kind,
    date: values.date,
    creditedSeconds: unchanged ? values.keptSeconds! : Math.round(minutes * 60),
    whatLearned: values.whatLearned,
    howWillUse: values.howWillUse,
    standards: values.standards,
    participatory: values.participatory,
    planned: values.planned,
    tags: parseTags(values.tags),
    notes: values.notes,
  };
}
