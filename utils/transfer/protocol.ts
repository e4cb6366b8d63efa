import type { ImportCounts } from '@/utils/db/import-records';
import type { Settings } from '@/utils/settings';

/**
 * Messages between the log page and its transfer worker (issue #6). Export and import of 100,000
 * records run in a worker so the page never freezes; the page shows the progress it reports.
 */

export type ExportFormat = 'csv' | 'json' | 'xapi';

export type TransferRequest =
  | {
      type: 'export';
      format: ExportFormat;
      /** The records shown in the log, in its order; absent for all records. */
      ids?: string[];
      ukDates: boolean;
      settings: Settings;
      appVersion: string;
      now: number;
    }
  | { type: 'import'; file: Blob; now: number };

export type TransferReply =
  | { type: 'progress'; stage: string; done: number; total: number }
  | { type: 'exported'; file: Blob; filename: string; count: number }
  | { type: 'imported'; counts: ImportCounts; total: number; settings?: Omit<Settings, 'version'> }
  | { type: 'failed'; error: string };
