import { formatUkDate } from '@/utils/iso-date';
import type { LearningRecord } from '@/utils/records';

/**
 * The columns of Learnlog's CSV export, in order. Headers are plain English for the appraiser
 * reading the spreadsheet; exact values (seconds, ISO dates and times) are kept beside the human
 * ones so a Learnlog CSV can be imported back without loss.
 */

const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const isoTime = (time: number | undefined) =>
  time === undefined ? '' : new Date(time).toISOString();

export interface Column {
  header: string;
  /** The record's field it carries back on import; absent for columns only for people. */
  field?: keyof LearningRecord;
  value: (record: LearningRecord) => string | number;
}

export const ID_HEADER = 'ID';
export const UK_DATE_HEADER = 'Date (UK)';

export const COLUMNS: readonly Column[] = [
  { header: ID_HEADER, field: 'id', value: (r) => r.id },
  { header: 'Date', field: 'date', value: (r) => r.date },
  { header: UK_DATE_HEADER, value: (r) => formatUkDate(r.date) },
  { header: 'Title', field: 'title', value: (r) => r.title },
  { header: 'Type', field: 'kind', value: (r) => r.kind },
  { header: 'Type as the page named it', field: 'typeLabel', value: (r) => r.typeLabel ?? '' },
  {
    header: 'Entered',
    field: 'origin',
    value: (r) => (r.origin === 'page' ? 'from a page' : 'by hand'),
  },
  { header: 'Web address', field: 'url', value: (r) => r.url ?? '' },
  { header: 'Credited hours', value: (r) => (r.creditedSeconds / 3600).toFixed(2) },
  { header: 'Credited seconds', field: 'creditedSeconds', value: (r) => r.creditedSeconds },
  {
    header: 'Seconds spent on the page',
    field: 'spentSeconds',
    value: (r) => r.spentSeconds ?? '',
  },
  { header: 'Stated seconds', field: 'statedSeconds', value: (r) => r.statedSeconds ?? '' },
  { header: 'Stated by', field: 'statedSource', value: (r) => r.statedSource ?? '' },
  {
    header: 'Recorded before the stated duration',
    field: 'recordedEarly',
    value: (r) => yesNo(r.recordedEarly),
  },
  { header: 'Participatory', field: 'participatory', value: (r) => yesNo(r.participatory) },
  { header: 'Planned', field: 'planned', value: (r) => yesNo(r.planned) },
  { header: 'Standards', field: 'standards', value: (r) => r.standards.join('; ') },
  { header: 'Tags', field: 'tags', value: (r) => r.tags.join('; ') },
  { header: 'What did you learn?', field: 'whatLearned', value: (r) => r.whatLearned },
  { header: 'How will it change your practice?', field: 'howWillUse', value: (r) => r.howWillUse },
  { header: 'Notes', field: 'notes', value: (r) => r.notes },
  { header: 'Created', field: 'createdAt', value: (r) => isoTime(r.createdAt) },
  { header: 'Updated', field: 'updatedAt', value: (r) => isoTime(r.updatedAt) },
  { header: 'Deleted', field: 'deletedAt', value: (r) => isoTime(r.deletedAt) },
];

/** The label of a record field in messages ("Credited seconds"), from the columns above. */
export function fieldLabel(field: string): string {
  return COLUMNS.find((column) => column.field === field)?.header ?? field;
}
