import { createBackup } from '@/utils/export/backup';
import { csvBlocks } from '@/utils/export/csv';
import { actorFrom, recordToStatement } from '@/utils/export/xapi';
import { compareDates, localIsoDate } from '@/utils/iso-date';
import type { LearningRecord } from '@/utils/records';
import type { Settings } from '@/utils/settings';

/**
 * Builds an export file in slices: each step of the generator is a few thousand
 * records' worth of text, so the caller can give the page a turn between steps and show
 * progress; 100,000 records never hold the page for long.
 */

export type ExportFormat = 'csv' | 'json' | 'xapi';

export const NO_IDENTITY =
  'To export xAPI statements, first add your email address or your organisation account in Settings, under “Your identity for xAPI”.';

export const SLICE = 2_000;

export interface ExportPlan {
  filename: string;
  type: string;
  count: number;
  /** Yields text parts; after each, `done` records have been written. */
  parts: () => Generator<{ part: string; done: number }>;
}

const chronological = (a: LearningRecord, b: LearningRecord) =>
  compareDates(a.date, b.date) || a.createdAt - b.createdAt;

/**
 * What to export: the records shown (in the log's order), or all of them oldest first — with
 * deleted ones only in a full JSON backup, so restoring it restores the deletes too.
 */
export function recordsToExport(
  all: readonly LearningRecord[],
  shown: readonly LearningRecord[] | undefined,
  format: ExportFormat,
): LearningRecord[] {
  if (shown) return [...shown];
  const chosen = format === 'json' ? [...all] : all.filter((record) => !record.deletedAt);
  return chosen.sort(chronological);
}

function* sliced<T>(items: readonly T[], write: (slice: readonly T[]) => string, separator = '') {
  for (let start = 0; start < items.length; start += SLICE) {
    const text = write(items.slice(start, start + SLICE));
    yield {
      part: start === 0 ? text : separator + text,
      done: Math.min(start + SLICE, items.length),
    };
  }
}

export function planExport(
  records: readonly LearningRecord[],
  format: ExportFormat,
  {
    settings,
    appVersion,
    now,
    ukDates,
    scope,
  }: {
    settings: Settings;
    appVersion: string;
    now: Date;
    ukDates: boolean;
    scope: 'all' | 'filtered';
  },
): ExportPlan | { error: string } {
  const day = localIsoDate(now);
  switch (format) {
    case 'csv':
      return {
        filename: `learnlog-${day}.csv`,
        type: 'text/csv;charset=utf-8',
        count: records.length,
        parts: function* () {
          let done = 0;
          for (const block of csvBlocks(records, { ukDates, rows: SLICE })) {
            done = Math.min(records.length, done + (block.rows ?? 0));
            yield { part: block.text, done };
          }
        },
      };
    case 'json': {
      // The envelope around an empty list, then the records spliced in slice by slice.
      const envelope = JSON.stringify(createBackup([], settings, { appVersion, now, scope }));
      const [head, tail] = envelope.split('"records":[]') as [string, string];
      return {
        filename: `learnlog-backup-${day}.json`,
        type: 'application/json',
        count: records.length,
        parts: function* () {
          yield { part: `${head}"records":[`, done: 0 };
          yield* sliced(records, (slice) => slice.map((r) => JSON.stringify(r)).join(','), ',');
          yield { part: `]${tail}`, done: records.length };
        },
      };
    }
    case 'xapi': {
      const actor = actorFrom(settings.identity);
      if (!actor) return { error: NO_IDENTITY };
      const live = records.filter((record) => !record.deletedAt);
      return {
        filename: `learnlog-xapi-${day}.json`,
        type: 'application/json',
        count: live.length,
        parts: function* () {
          yield { part: '[', done: 0 };
          yield* sliced(
            live,
            (slice) => slice.map((r) => JSON.stringify(recordToStatement(r, actor))).join(','),
            ',',
          );
          yield { part: ']', done: live.length };
        },
      };
    }
  }
}
