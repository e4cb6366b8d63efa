import Papa from 'papaparse';
import { COLUMNS, ID_HEADER } from '@/utils/export/columns';
import { NOTHING_IMPORTED, validateRecords } from '@/utils/import/validate-records';
import type { ParsedImport } from '@/utils/import/parse-backup';

/**
 * A CSV file that Learnlog exported, read back with papaparse. Columns are found by
 * their headers, so a learner may reorder them or add their own in a spreadsheet; the columns
 * only for people ("Date (UK)", "Credited hours") are ignored.
 */

const ORIGINS: Record<string, string> = { 'from a page': 'page', 'by hand': 'manual' };

/** Reverses the export's formula guard: a cell starting with an apostrophe had one added. */
function unescapeCell(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

function convert(field: string, raw: string): unknown {
  const value = unescapeCell(raw);
  switch (field) {
    case 'date': {
      // A spreadsheet that saved the file may have rewritten ISO dates the UK way (26/11/2026).
      const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
      return uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : value;
    }
    case 'creditedSeconds':
      return value.trim() === '' ? undefined : Number(value);
    case 'spentSeconds':
    case 'statedSeconds':
      return value.trim() === '' ? undefined : Number(value);
    case 'recordedEarly':
    case 'participatory':
    case 'planned':
      return value === 'yes' ? true : value === 'no' ? false : value;
    case 'standards':
    case 'tags':
      return value.trim() === '' ? [] : value.split(';').map((item) => item.trim());
    case 'origin':
      return ORIGINS[value] ?? value;
    case 'createdAt':
    case 'updatedAt':
    case 'deletedAt': {
      if (value.trim() === '') return undefined;
      const time = Date.parse(value);
      return Number.isNaN(time) ? value : time;
    }
    case 'typeLabel':
    case 'url':
    case 'statedSource':
      return value === '' ? undefined : value;
    default:
      return value;
  }
}

export async function parseCsv(
  text: string,
  {
    now,
    onProgress,
  }: { now: Date; onProgress?: (done: number, total: number) => void | Promise<void> },
): Promise<ParsedImport> {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    // Learnlog writes commas; guessing could pick a semicolon or tab inside a reflection.
    delimiter: ',',
    skipEmptyLines: 'greedy',
  });
  const headers = parsed.meta.fields ?? [];
  if (!headers.includes(ID_HEADER)) {
    return {
      ok: false,
      error: `This CSV file was not exported by Learnlog: it has no “${ID_HEADER}” column. ${NOTHING_IMPORTED}`,
    };
  }
  const missing = COLUMNS.filter((column) => column.field && !headers.includes(column.header));
  if (missing.length > 0) {
    return {
      ok: false,
      error: `This CSV file is missing the column${missing.length > 1 ? 's' : ''} ${missing.map((column) => `“${column.header}”`).join(', ')}. ${NOTHING_IMPORTED}`,
    };
  }
  const damaged = parsed.errors[0];
  if (damaged) {
    const row = damaged.row === undefined ? '' : `Row ${damaged.row + 1}: `;
    return {
      ok: false,
      error: `${row}the file is damaged (${damaged.message.toLowerCase()}). ${NOTHING_IMPORTED}`,
    };
  }
  const candidates = parsed.data.map((row) => {
    const record: Record<string, unknown> = {};
    for (const column of COLUMNS) {
      if (!column.field) continue;
      const value = convert(column.field, row[column.header] ?? '');
      if (value !== undefined) record[column.field] = value;
    }
    return record;
  });
  const total = candidates.length;
  return validateRecords(candidates, {
    // Line numbers count the header line, as a spreadsheet shows them.
    where: (index) => `Row ${index + 1} (line ${index + 2} of the file)`,
    now,
    ...(onProgress ? { onProgress: (done: number) => onProgress(done, total) } : {}),
  });
}
