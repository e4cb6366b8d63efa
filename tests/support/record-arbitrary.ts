import fc from 'fast-check';
import { DURATION_SOURCES } from '@/utils/detection/schema';
import { REGULATORS } from '@/utils/profile/regulators';
import { LearningRecordSchema, RECORD_KINDS, type LearningRecord } from '@/utils/records';

/**
 * Any valid learning record, for property tests: emoji, right-to-left text, markup, quotes,
 * commas, new lines and formula-like starts ("=", "+", "-", "@", "'") included.
 */

const tricky = fc.constantFrom(
  '=HYPERLINK("http://evil.example","click")',
  '+44 20 7946 0000',
  '-5 degrees',
  '@SUM(A1:A9)',
  "'quoted already",
  '<script>alert(1)</script>',
  'مرحبا بالعالم',
  'Café, “quotes” and ‘apostrophes’',
  '🩺💉 line\none',
  'comma, semicolon; "double"',
);
const text = (max: number) =>
  fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: max }), fc.string({ maxLength: max }));
const day = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2026-11-20T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString().slice(0, 10));
const time = fc.integer({ min: 946_684_800_000, max: 1_795_000_000_000 });
const standards = Object.values(REGULATORS).flatMap((regulator) =>
  regulator.standards.map((standard) => standard.id),
);
const tag = fc
  .string({ minLength: 1, maxLength: 40 })
  .map((value) => value.replace(/[,;\r\n]/g, ' ').trim())
  .filter((value) => value.length > 0);

export const recordArbitrary: fc.Arbitrary<LearningRecord> = fc
  .record(
    {
      id: fc.uuid({ version: 4 }),
      title: text(300),
      url: fc.constantFrom(
        'https://learning.example.org/blog/change?x=1',
        'http://127.0.0.1:5180/short-resource.html',
        'https://www.e-lfh.org.uk/programmes/dementia/',
      ),
      kind: fc.constantFrom(...RECORD_KINDS),
      typeLabel: fc.constantFrom('Blog', 'Podcast', 'Vidéo'),
      date: day,
      creditedSeconds: fc.integer({ min: 1, max: 86_400 }),
      spentSeconds: fc.integer({ min: 0, max: 100_000 }),
      statedSeconds: fc.integer({ min: 1, max: 86_400 }),
      statedSource: fc.constantFrom(...DURATION_SOURCES),
      recordedEarly: fc.boolean(),
      origin: fc.constantFrom('page', 'manual'),
      whatLearned: text(400),
      howWillUse: text(400),
      standards: fc.uniqueArray(fc.constantFrom(...standards), { maxLength: 4 }),
      participatory: fc.boolean(),
      planned: fc.boolean(),
      tags: fc.uniqueArray(tag, { maxLength: 5 }),
      notes: text(400),
      createdAt: time,
      updatedAt: time,
      deletedAt: time,
    },
    {
      requiredKeys: [
        'id',
        'title',
        'kind',
        'date',
        'creditedSeconds',
        'recordedEarly',
        'origin',
        'whatLearned',
        'howWillUse',
        'standards',
        'participatory',
        'planned',
        'tags',
        'notes',
        'createdAt',
        'updatedAt',
      ],
    },
  )
  // Through the schema, as every stored record has been (it trims and drops control characters).
  .map((candidate) => LearningRecordSchema.safeParse(candidate))
  .filter((result) => result.success)
  .map((result) => result.data!);
