import { describe, expect, it } from 'vitest';
import {
  blankFormValues,
  contentFromForm,
  formValuesFromRecord,
  minutesText,
  RecordFormValuesSchema,
  timeFields,
} from '@/utils/record-form';
import { createRecord, editRecord } from '@/utils/records';
import { makeRecords } from '@/tests/support/make-records';

const now = new Date(2026, 10, 26, 12);
const record = (creditedSeconds: number) => ({ ...makeRecords(1)[0]!, creditedSeconds });

describe('the record form keeps the exact time unless the learner changes it', () => {
  it.each([90, 20, 1, 59, 3_601, 86_400])(
    'a %i-second record opened and saved unchanged keeps its seconds',
    (seconds) => {
      const original = record(seconds);
      const values = formValuesFromRecord(original);
      const saved = editRecord(original, contentFromForm(values), now);
      expect(saved.ok && saved.record.creditedSeconds).toBe(seconds);
    },
  );

  it('shows the minutes as a figure a person reads, decimals where needed', () => {
    expect(minutesText(90)).toBe('1.5');
    expect(minutesText(20)).toBe('0.33');
    expect(minutesText(300)).toBe('5');
    expect(formValuesFromRecord(record(90)).minutes).toBe('1.5');
  });

  it('a figure the learner types is taken as minutes', () => {
    const values = { ...formValuesFromRecord(record(90)), minutes: '2' };
    expect(contentFromForm(values).creditedSeconds).toBe(120);
    expect(contentFromForm({ ...values, minutes: '0.5' }).creditedSeconds).toBe(30);
    // Typed back to what it showed: the exact seconds again.
    expect(contentFromForm({ ...values, minutes: '1.5' }).creditedSeconds).toBe(90);
  });

  it('a record of under 30 seconds can be saved (from the popup’s measured time)', () => {
    const values = { ...blankFormValues('2026-11-26'), title: 'Quick read', ...timeFields(20) };
    const result = createRecord(
      { ...contentFromForm(values), origin: 'page', recordedEarly: true, spentSeconds: 20 },
      now,
      () => crypto.randomUUID(),
    );
    expect(result.ok && result.record.creditedSeconds).toBe(20);
  });

  it('a blank form still asks for minutes', () => {
    const values = { ...blankFormValues('2026-11-26'), title: 'Course', minutes: '' };
    const result = createRecord(
      { ...contentFromForm(values), origin: 'manual', recordedEarly: false },
      now,
      () => crypto.randomUUID(),
    );
    expect(result).toEqual({ ok: false, error: 'Enter how long the learning took.' });
  });

  it('a draft kept before exact seconds existed still reads', () => {
    const { keptSeconds: _kept, ...older } = blankFormValues('2026-11-26');
    expect(RecordFormValuesSchema.parse(older).keptSeconds).toBeNull();
  });
});
