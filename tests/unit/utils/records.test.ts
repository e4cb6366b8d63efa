import { describe, expect, it } from 'vitest';
import {
  compareNewestFirst,
  createRecord,
  LearningRecordSchema,
  localIsoDate,
  secondsThisMonth,
  type RecordDraft,
} from '@/utils/records';

const now = new Date(2026, 10, 26, 14, 30); // 26 November 2026, local time
const draft: RecordDraft = {
  title: 'Supporting people through change',
  url: 'https://learning.example.org/blog/change',
  kind: 'blog',
  typeLabel: 'Blog',
  date: '2026-11-26',
  creditedSeconds: 300,
  spentSeconds: 305,
  statedSeconds: 300,
  statedSource: 'label-pair',
  recordedEarly: false,
  whatLearned: 'Listening first.',
  howWillUse: 'Weekly huddles.',
};
let counter = 0;
const newId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

describe('learning records', () => {
  it('creates a valid record with id and times', () => {
    const result = createRecord(draft, now, newId);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record).toMatchObject({
      ...draft,
      createdAt: now.getTime(),
      updatedAt: now.getTime(),
    });
    expect(LearningRecordSchema.parse(result.record)).toEqual(result.record);
  });

  it('refuses a date in the future with a plain message', () => {
    expect(createRecord({ ...draft, date: '2026-11-27' }, now, newId)).toEqual({
      ok: false,
      error: 'The date is in the future. Choose today or an earlier day.',
    });
  });

  it.each([
    [{ title: '   ' }, 'Give the learning a title.'],
    [{ creditedSeconds: 0 }, 'Enter how long the learning took.'],
    [{ creditedSeconds: 90_000 }, 'One record can be 24 hours at most.'],
    [{ whatLearned: 'x'.repeat(5001) }, 'Keep each reflection under 5,000 characters.'],
  ])('refuses %j', (change, message) => {
    expect(createRecord({ ...draft, ...change }, now, newId)).toEqual({
      ok: false,
      error: message,
    });
  });

  it('rejects a record whose address is not http(s)', () => {
    const result = createRecord({ ...draft, url: 'javascript:alert(1)' }, now, newId);
    expect(result.ok).toBe(false);
  });

  it('keeps emoji, right-to-left text and markup as plain text', () => {
    const title = '<b>مرحبا</b> 🩺 learning';
    const result = createRecord({ ...draft, title }, now, newId);
    expect(result.ok && result.record.title).toBe(title);
  });

  it('sorts newest first and totals this month only', () => {
    const make = (date: string, createdAt: number, creditedSeconds: number) => ({
      ...draft,
      id: newId(),
      date,
      createdAt,
      updatedAt: createdAt,
      creditedSeconds,
    });
    const records = [
      make('2026-10-31', 3, 600),
      make('2026-11-01', 1, 300),
      make('2026-11-01', 2, 120),
      { ...make('2026-11-20', 4, 999), deletedAt: 5 },
    ];
    expect([...records].sort(compareNewestFirst).map((r) => r.createdAt)).toEqual([4, 2, 1, 3]);
    expect(secondsThisMonth(records, now)).toBe(420);
  });

  it('formats local dates', () => {
    expect(localIsoDate(new Date(2026, 0, 5))).toBe('2026-01-05');
  });
});
