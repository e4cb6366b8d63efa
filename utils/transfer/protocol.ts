import type { ImportCounts } from '@/utils/db/import-records';
import type { Settings } from '@/utils/settings';

/**
 * Messages between the log page and its import worker. Reading, checking and saving
 * 100,000 records runs in a worker so the page never freezes; the page shows the progress it
 * reports. (Exports are built in the page from the records it already holds, a slice at a time:
 * `utils/export/export-parts.ts`.)
 */

export type ImportRequest = { type: 'import'; file: Blob; now: number };

export type ImportReply =
  | { type: 'progress'; stage: string; done: number; total: number }
  | { type: 'imported'; counts: ImportCounts; total: number; settings?: Omit<Settings, 'version'> }
  | { type: 'failed'; error: string };
