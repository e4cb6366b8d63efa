import { describe, expect, it } from 'vitest';
import { createBackup } from '@/utils/export/backup';
import { recordsToCsv } from '@/utils/export/csv';
import {
  NO_IDENTITY,
  planExport,
  recordsToExport,
  SLICE,
  type ExportFormat,
  type ExportPlan,
} from '@/utils/export/export-parts';
import { actorFrom, recordToStatement } from '@/utils/export/xapi';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings';
import { makeRecords } from '@/tests/support/make-records';

const now = new Date('2026-11-26T12:00:00Z');
const settings: Settings = { ...DEFAULT_SETTINGS, identity: { email: 'sam@example.org' } };
const records = makeRecords(SLICE * 2 + 17).map((record, index) =>
  index % 50 === 0 ? { ...record, deletedAt: record.updatedAt } : record,
);
const options = { settings, appVersion: '0.1.0', now, ukDates: true, scope: 'all' as const };

function written(plan: ExportPlan | { error: string }): { text: string; progress: number[] } {
  if ('error' in plan) throw new Error(plan.error);
  let text = '';
  const progress: number[] = [];
  for (const { part, done } of plan.parts()) {
    text += part;
    progress.push(done);
  }
  return { text, progress };
}

describe('exports built a slice at a time', () => {
  it('choose the records: shown ones as shown, else all oldest first, deleted only in a backup', () => {
    const shown = records.slice(0, 3);
    expect(recordsToExport(records, shown, 'csv')).toEqual(shown);
    const all = recordsToExport(records, undefined, 'json');
    expect(all).toHaveLength(records.length);
    expect(all.map((r) => r.date)).toEqual(all.map((r) => r.date).sort());
    for (const format of ['csv', 'xapi'] as ExportFormat[])
      expect(recordsToExport(records, undefined, format).some((r) => r.deletedAt)).toBe(false);
  });

  it('a backup in slices is the same JSON as one built at once, with progress to the end', () => {
    const { text, progress } = written(planExport(records, 'json', options));
    expect(JSON.parse(text)).toEqual(createBackup(records, settings, { ...options }));
    expect(progress.at(-1)).toBe(records.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('a CSV in slices is the same as one built at once', () => {
    expect(written(planExport(records, 'csv', options)).text).toBe(recordsToCsv(records));
  });

  it('xAPI in slices is the array of statements of live records', () => {
    const { text } = written(planExport(records, 'xapi', options));
    const actor = actorFrom(settings.identity)!;
    expect(JSON.parse(text)).toEqual(
      records.filter((r) => !r.deletedAt).map((r) => recordToStatement(r, actor)),
    );
  });

  it('asks for an identity before xAPI, and handles an empty log', () => {
    expect(planExport(records, 'xapi', { ...options, settings: DEFAULT_SETTINGS })).toEqual({
      error: NO_IDENTITY,
    });
    expect(JSON.parse(written(planExport([], 'xapi', options)).text)).toEqual([]);
    expect(JSON.parse(written(planExport([], 'json', options)).text).records).toEqual([]);
  });
});
