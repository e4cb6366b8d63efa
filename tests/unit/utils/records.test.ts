import { describe, expect, it } from 'vitest';
import {
  compareNewestFirst,
  createRecord,
  editRecord,
  LearningRecordSchema,
  markDeleted,
  markRestored,
  parseTags,
  siteOf,
  type RecordContent,
} from '@/utils/records';
import { makeRecords } from '@/tests/support/make-records';

const now = new Date(2026, 10, 26, 14, 30); // 26 November 2026, local time
const content: RecordContent = {
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
  origin: 'page',
  whatLearned: 'Listening first.',
  howWillUse: 'Weekly huddles.',
  standards: ['nmc:prioritise-people'],
  participatory: false,
  planned: true,
  tags: ['change', 'leadership'],
  notes: '',
};
let counter = 0;
const newId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

function created(change: Partial<RecordContent> = {}) {
  const result = createRecord({ ...content, ...change }, now, newId);
  if (!result.ok) throw new Error(result.error);
  return result.record;
}

describe('learning records', () => {
  it('creates a valid record with id and times', () => {
    const record = created();
    expect(record).toMatchObject({
      ...content,
      createdAt: now.getTime(),
      updatedAt: now.getTime(),
    });
    expect(LearningRecordSchema.parse(record)).toEqual(record);
  });

  it('refuses a date in the future with a plain message', () => {
    expect(createRecord({ ...content, date: '2026-11-27' }, now, newId)).toEqual({
      ok: false,
      error: 'The date is in the future. Choose today or an earlier day.',
    });
  });

  it.each([
    [{ title: '   ' }, 'Give the learning a title.'],
    [{ title: 'x'.repeat(301) }, 'The title is too long (300 characters at most).'],
    [{ creditedSeconds: 0 }, 'Enter how long the learning took.'],
    [{ creditedSeconds: Number.NaN }, 'Enter how long the learning took.'],
    [{ creditedSeconds: 90_000 }, 'One record can be 24 hours at most.'],
    [
      { whatLearned: 'x'.repeat(5001) },
      '“What did you learn?” is too long (5,000 characters at most).',
    ],
    [
      { howWillUse: 'x'.repeat(5001) },
      '“How will it change your practice?” is too long (5,000 characters at most).',
    ],
    [{ notes: 'x'.repeat(5001) }, 'The notes are too long (5,000 characters at most).'],
    [{ tags: ['x'.repeat(41)] }, 'Keep each tag to 40 characters or fewer.'],
    [{ tags: Array.from({ length: 21 }, (_, i) => `tag ${i}`) }, 'Use 20 tags at most.'],
    [{ date: '2026-02-30' }, 'Enter a real date, like 26/11/2026.'],
    [{ date: '26/11/2026' }, 'Enter a real date, like 26/11/2026.'],
    [{ url: 'javascript:alert(1)' }, 'The address must be a web address (https://…).'],
    [{ kind: 'party' as never }, 'Choose a type of learning.'],
  ])('refuses %j in plain words', (change, message) => {
    expect(createRecord({ ...content, ...change }, now, newId)).toEqual({
      ok: false,
      error: message,
    });
  });

  it('keeps emoji, right-to-left text and markup as plain text, and drops control characters', () => {
    const title = '<img src=x onerror=alert(1)> مرحبا 🩺 learning';
    expect(created({ title }).title).toBe(title);
    expect(created({ title: 'Safe\u0000guard\u0007ing\u001b' }).title).toBe('Safeguarding');
    expect(created({ notes: 'line one\nline two\ttabbed' }).notes).toBe(
      'line one\nline two\ttabbed',
    );
  });

  it('counts an emoji as one character towards the 300-character title limit', () => {
    expect(createRecord({ ...content, title: '🩺'.repeat(300) }, now, newId).ok).toBe(true);
    expect(createRecord({ ...content, title: '🩺'.repeat(301) }, now, newId).ok).toBe(false);
  });

  it('edits keep the id and creation time, move updatedAt on, and validate', () => {
    const record = created();
    const later = new Date(now.getTime() + 60_000);
    const edited = editRecord(record, { title: 'Renamed', participatory: true }, later);
    expect(edited).toEqual({
      ok: true,
      record: { ...record, title: 'Renamed', participatory: true, updatedAt: later.getTime() },
    });
    // A clock that went backwards still moves updatedAt forward (sync relies on it).
    const earlier = editRecord(record, { title: 'Again' }, new Date(now.getTime() - 5_000));
    expect(earlier.ok && earlier.record.updatedAt).toBe(record.updatedAt + 1);
    expect(editRecord(record, { date: '2027-01-01' }, later)).toEqual({
      ok: false,
      error: 'The date is in the future. Choose today or an earlier day.',
    });
    const cleared = editRecord(record, { url: undefined }, later);
    expect(cleared.ok && 'url' in cleared.record).toBe(false);
  });

  it('soft-deletes and restores with a later updatedAt each time', () => {
    const record = created();
    const deleted = markDeleted(record, now.getTime() + 1000);
    expect(deleted.deletedAt).toBe(now.getTime() + 1000);
    expect(deleted.updatedAt).toBe(now.getTime() + 1000);
    const restored = markRestored(deleted, now.getTime() + 2000);
    expect('deletedAt' in restored).toBe(false);
    expect(restored.updatedAt).toBe(now.getTime() + 2000);
  });

  it('splits tags on commas, semicolons and new lines, without repeats or "#"', () => {
    expect(parseTags('Safeguarding, dementia care; #handover\n safeguarding ,, ')).toEqual([
      'Safeguarding',
      'dementia care',
      'handover',
    ]);
    expect(parseTags('   ')).toEqual([]);
  });

  it('sorts newest first: by date, then by creation', () => {
    const make = (date: string, createdAt: number) => ({
      ...created({ date }),
      createdAt,
    });
    const records = [make('2026-10-31', 3), make('2026-11-01', 1), make('2026-11-01', 2)];
    expect([...records].sort(compareNewestFirst).map((r) => r.createdAt)).toEqual([2, 1, 3]);
  });

  it('names the site of a page record', () => {
    expect(siteOf({ url: 'https://www.scie.org.uk/x' })).toBe('scie.org.uk');
    expect(siteOf({})).toBeUndefined();
  });
});

describe('a record dated tomorrow by an import’s day of grace', () => {
  it('can still be edited, as long as the edit leaves the date alone', () => {
    const record = { ...makeRecords(1)[0]!, date: '2026-11-27' };
    const edited = editRecord(record, { notes: 'Added later.' }, now);
    expect(edited.ok).toBe(true);
    expect(editRecord(record, { date: '2026-11-28' }, now)).toEqual({
      ok: false,
      error: 'The date is in the future. Choose today or an earlier day.',
    });
  });
});
