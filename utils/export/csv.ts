import Papa from 'papaparse';
import { COLUMNS, UK_DATE_HEADER } from '@/utils/export/columns';
import type { LearningRecord } from '@/utils/records';

/**
 * Learning records as CSV (issue #6), written by papaparse: UTF-8 with a byte-order mark so Excel
 * reads accents, emoji and right-to-left text correctly; CRLF line ends; and every cell that a
 * spreadsheet could run as a formula (starting with = + - @, tab or carriage return) prefixed
 * with an apostrophe. A cell already starting with an apostrophe gets one too, so import can
 * remove exactly one and get the text back unchanged.
 */

export const BOM = '\uFEFF';
/** papaparse's own rule, plus the apostrophe (see above). */
export const FORMULA_START = /^[=+\-@\t\r']/;

/** The CSV as parts (BOM, header, then rows in blocks), ready for a `Blob` without one huge string. */
export function recordsToCsvParts(
  records: readonly LearningRecord[],
  { ukDates = true }: { ukDates?: boolean } = {},
): string[] {
  const columns = COLUMNS.filter((column) => ukDates || column.header !== UK_DATE_HEADER);
  const options = { escapeFormulae: FORMULA_START, newline: '\r\n' };
  const parts = [BOM, Papa.unparse([columns.map((column) => column.header)], options)];
  for (let start = 0; start < records.length; start += BLOCK) {
    const rows = records
      .slice(start, start + BLOCK)
      .map((record) => columns.map((column) => column.value(record)));
    parts.push('\r\n', Papa.unparse(rows, options));
  }
  return parts;
}

const BLOCK = 5_000;

export function recordsToCsv(
  records: readonly LearningRecord[],
  options: { ukDates?: boolean } = {},
): string {
  return recordsToCsvParts(records, options).join('');
}
