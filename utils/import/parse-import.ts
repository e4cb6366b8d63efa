import { parseBackup, type ParsedImport } from '@/utils/import/parse-backup';
import { parseCsv } from '@/utils/import/parse-csv';
import { NOTHING_IMPORTED } from '@/utils/import/validate-records';

/** Largest file Learnlog will read: a backup of 100,000 records is about 70 MB. */
export const MAX_IMPORT_BYTES = 400 * 1024 * 1024;

/** A Learnlog JSON backup or CSV export, recognised by its content rather than its name. */
export async function parseImport(
  text: string,
  options: { now: Date; onProgress?: (done: number, total: number) => void | Promise<void> },
): Promise<ParsedImport> {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start === '') return { ok: false, error: `This file is empty. ${NOTHING_IMPORTED}` };
  if (start.startsWith('{') || start.startsWith('[')) return parseBackup(text, options);
  // A header line of comma-separated names: a CSV file (parseCsv then checks its columns).
  const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
  // eslint-disable-next-line no-control-regex -- binary files have control bytes in line one
  if (firstLine.includes(',') && !/[\u0000-\u0008]/.test(firstLine)) return parseCsv(text, options);
  return {
    ok: false,
    error: `Learnlog can import its own JSON backups and CSV exports; this file is neither. ${NOTHING_IMPORTED}`,
  };
}
