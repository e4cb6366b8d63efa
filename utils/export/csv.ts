import Papa from 'papaparse';
import { COLUMNS, UK_DATE_HEADER } from '@/utils/export/columns';
import type { LearningRecord } from '@/utils/records';

/**
 * Learning records as CSV, written by papaparse: UTF-8 with a byte-order mark so Excel
 * reads accents, emoji and right-to-left text correctly; CRLF line ends; and every cell that a
 * spreadsheet could run as a formula (starting with = + - @, tab or carriage return) prefixed
 * with an apostrophe. A cell already starting with an apostrophe gets one too, so import can
 * remove exactly one and get the text back unchanged.
 */

export const BOM = '\uFEFF';
/** papaparse's own rule, plus the apostrophe (see above). */
export const FORMULA_START = /^[=+\-@\t\r']/;

/**
 * The CSV in blocks: the byte-order mark and header first, then `rows` records at a time, so a
 * large export can be built a slice at a time.
 */
export function* csvBlocks(
  records: readonly LearningRecord[],
  { ukDates = true, rows = 5_000 }: { ukDates?: boolean; rows?: number } = {},
): Generator<{ text: string; rows?: number }> {
  const columns = COLUMNS.filter((column) => ukDates || column.header !== UK_DATE_HEADER);
  const options = { escapeFormulae: FORMULA_START, newline: '\r\n' };
  yield { text: BOM + Papa.unparse([columns.map((column) => column.header)], options) };
  for (let start = 0; start < records.length; start += rows) {
    const slice = records.slice(start, start + rows);
    const cells = slice.map((record) => columns.map((column) => column.value(record)));
    yield { text: '\r\n' + Papa.unparse(cells, options), rows: slice.length };
  }
}

export function recordsToCsv(
  records: readonly LearningRecord[],
  options: { ukDates?: boolean } = {},
): string {
  let text = '';
  for (const block of csvBlocks(records, options)) text += block.text;
  return text;
}
