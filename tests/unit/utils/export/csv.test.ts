import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BOM, recordsToCsv } from '@/utils/export/csv';
import { parseCsv } from '@/utils/import/parse-csv';
import { makeRecords } from '@/tests/support/make-records';
import { recordArbitrary } from '@/tests/support/record-arbitrary';

const now = new Date('2026-11-26T12:00:00Z');
const [base] = makeRecords(1);

describe('CSV export', () => {
  it('starts with a byte-order mark, uses CRLF and plain-English headers', () => {
    const csv = recordsToCsv([base!]);
    expect(csv.startsWith(BOM)).toBe(true);
    const [header] = csv.slice(1).split('\r\n');
    expect(header).toMatch(/^ID,Date,Date \(UK\),Title,Type,/);
    expect(header).toContain('What did you learn?');
    expect(recordsToCsv([base!], { ukDates: false })).not.toContain('Date (UK)');
  });

  it.each(['=1+2', '+44 1234', '-3', '@SUM(A1)', "'already"])(
    'neutralises a cell starting %j so a spreadsheet shows it as text',
    (title) => {
      const csv = recordsToCsv([{ ...base!, title }]);
      const rows = Papa.parse<string[]>(csv.slice(1)).data;
      expect(rows[1]![3]).toBe(`'${title}`);
    },
  );

  it('writes a UK date beside the ISO one', () => {
    const csv = recordsToCsv([{ ...base!, date: '2026-03-05' }]);
    const rows = Papa.parse<string[]>(csv.slice(1)).data;
    expect(rows[1]!.slice(1, 3)).toEqual(['2026-03-05', '5 March 2026']);
  });

  it('property: export then import gives back identical records', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordArbitrary, { maxLength: 8 }), async (records) => {
        const unique = [...new Map(records.map((record) => [record.id, record])).values()];
        const parsed = await parseCsv(recordsToCsv(unique), { now });
        expect(parsed).toEqual({ ok: true, records: unique });
      }),
      { numRuns: 150 },
    );
  });
});
