import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '@/tests/e2e/axe';
import { launchWithExtension, type ExtensionBrowser } from '@/tests/e2e/harness';
import { readRecords, seedRecords, waitFor } from '@/tests/e2e/extension-state';
import { createBackup } from '@/utils/export/backup';
import { recordsToCsv } from '@/utils/export/csv';
import { makeRecords } from '@/tests/support/make-records';
import { StatementRule } from '@/tests/support/xapi-rules';

/**
 * Export and import in the BUILT extension: in Chromium, files are downloaded to a
 * folder the test reads, then imported into a fresh browser profile; in Firefox, files written
 * by the test are imported through the worker.
 */

const ARTIFACTS = new URL('./artifacts/', import.meta.url);
const localToday = () => {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

describe('Export and import in chromium', () => {
  let source: ExtensionBrowser;
  let downloads: string;
  let log: Page;
  const seeded = makeRecords(250, { seed: 21, today: localToday() });
  // A record the learner deleted: a full backup keeps it, so the delete travels too.
  seeded[5] = {
    ...seeded[5]!,
    deletedAt: seeded[5]!.updatedAt + 1,
    updatedAt: seeded[5]!.updatedAt + 1,
  };
  // A title a spreadsheet would run as a formula.
  seeded[7] = { ...seeded[7]!, title: '=HYPERLINK("http://evil.example","Click")' };

  beforeAll(async () => {
    downloads = await mkdtemp(join(tmpdir(), 'learnlog-downloads-'));
    source = await launchWithExtension('chromium');
    const session = await source.browser.target().createCDPSession();
    await session.send('Browser.setDownloadBehavior', {
      behavior: 'allow',
      downloadPath: downloads,
    });
    const settings = await source.openExtensionPage('options.html');
    await settings.waitForSelector('[data-testid="save-identity"]');
    await settings.type('#identity-name', 'Sam Nurse');
    await settings.type('#identity-email', 'sam.nurse@example.org');
    await settings.click('[data-testid="save-identity"]');
    await settings.waitForFunction(
      () =>
        document.querySelector('[data-testid="identity-status"]')?.textContent ===
        'Identity saved.',
    );
    await settings.close();
    log = await source.openExtensionPage('log.html');
    await log.setViewport({ width: 1100, height: 900 });
    await log.waitForSelector('[data-testid="log-status"]');
    await seedRecords(log, seeded);
    await log.reload();
    await log.waitForFunction(() =>
      document.querySelector('[data-testid="log-status"]')?.textContent?.startsWith('249 records'),
    );
  });

  afterAll(async () => {
    await source?.close();
    await rm(downloads, { recursive: true, force: true });
  });

  /** Clicks an export button and returns the downloaded file's name and text. */
  async function download(testId: string): Promise<{ name: string; text: string }> {
    // Each export starts in an empty folder (the browser overwrites a file of the same name).
    for (const file of await readdir(downloads)) await rm(join(downloads, file));
    await log.click(`[data-testid="${testId}"]`);
    const name = await waitFor(
      async () => (await readdir(downloads)).find((file) => !file.endsWith('.crdownload')),
      Boolean,
      { what: `the ${testId} download` },
    );
    await log.waitForFunction(() =>
      document
        .querySelector('[data-testid="transfer-result"]')
        ?.textContent?.startsWith('Exported'),
    );
    return { name: name!, text: await readFile(join(downloads, name!), 'utf8') };
  }

  it('exports a CSV that Excel reads safely: BOM, one row per record, formulas neutralised', async () => {
    expect(await axeViolations(log)).toEqual([]);
    const { name, text } = await download('export-csv');
    expect(name).toBe(`learnlog-${localToday()}.csv`);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<Record<string, string>>(text.slice(1), { header: true }).data;
    expect(rows).toHaveLength(249);
    const risky = rows.find((row) => row.ID === seeded[7]!.id)!;
    expect(risky.Title).toBe(`'${seeded[7]!.title}`);
    expect(await log.$eval('[data-testid="transfer-result"]', (e) => e.textContent)).toBe(
      `Exported 249 records as a CSV spreadsheet: ${name}, in your downloads.`,
    );
  });

  it('exports xAPI 1.0.3 statements an LRS accepts, one per live record', async () => {
    const { text } = await download('export-xapi');
    const statements = JSON.parse(text) as { id: string; actor: unknown }[];
    expect(statements).toHaveLength(249);
    for (const statement of statements)
      expect(StatementRule.safeParse(statement).error).toBeUndefined();
    expect(statements[0]!.actor).toEqual({
      objectType: 'Agent',
      name: 'Sam Nurse',
      mbox: 'mailto:sam.nurse@example.org',
    });
  });

  it('exports only the records shown when asked', async () => {
    await log.type('[data-testid="log-search"]', 'sepsis');
    await log.waitForSelector('#scope-shown');
    await log.click('#scope-shown');
    const shown = await log.$$eval('[data-testid="log-row"]', (rows) => rows.length);
    const { text } = await download('export-csv');
    const rows = Papa.parse<Record<string, string>>(text.slice(1), { header: true }).data;
    const expected = seeded.filter(
      (record) =>
        !record.deletedAt &&
        [record.title, record.whatLearned, record.howWillUse, record.notes, record.tags.join(' ')]
          .join(' ')
          .toLowerCase()
          .includes('sepsis'),
    );
    expect(rows.map((row) => row.ID).sort()).toEqual(expected.map((record) => record.id).sort());
    expect(shown).toBeGreaterThan(0);
    await log.click('[data-testid="clear-filters"]');
  });

  it('prints an A4 CPD report with every record of the period', async () => {
    const report = await source.openExtensionPage('report.html');
    await report.waitForSelector('[data-testid="report"]');
    await report.select('#report-period', 'all');
    await report.waitForFunction(
      () => document.querySelectorAll('[data-testid="report-record"]').length === 249,
    );
    expect(await report.$eval('[data-testid="report-summary"]', (e) => e.textContent)).toContain(
      'Records249',
    );
    expect(await axeViolations(report)).toEqual([]);
    await mkdir(ARTIFACTS, { recursive: true });
    const pdf = await report.pdf({ format: 'A4', printBackground: true });
    await writeFile(new URL('cpd-report-chromium.pdf', ARTIFACTS), pdf);
    // An A4 PDF: many pages for 249 records, each 595 × 842 points.
    const text = Buffer.from(pdf).toString('latin1');
    expect((text.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(10);
    expect(text).toMatch(/\/MediaBox\s*\[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
    await report.close();
  });

  it('restores a JSON backup into a fresh profile exactly, and refuses a damaged one', async () => {
    const { name, text } = await download('export-json');
    const original = (await readRecords(log)).sort((a, b) => a.id.localeCompare(b.id));
    expect(original).toHaveLength(250);

    const fresh = await launchWithExtension('chromium');
    try {
      const target = await fresh.openExtensionPage('log.html');
      await target.waitForSelector('[data-testid="import-file"]');
      const upload = async (path: string) => {
        const input = await target.$('input#import-file');
        await input!.uploadFile(path);
      };
      // A damaged copy first: nothing changes, and the message says why.
      const damaged = join(tmpdir(), `learnlog-damaged-${process.pid}.json`);
      await writeFile(damaged, text.slice(0, text.length / 3));
      await upload(damaged);
      await target.waitForFunction(
        () => document.querySelector('[data-testid="transfer-error"]')?.textContent !== '',
      );
      expect(await target.$eval('[data-testid="transfer-error"]', (e) => e.textContent)).toBe(
        'This file is not a complete Learnlog backup: it is not valid JSON (it may have been cut short). Nothing was imported.',
      );
      expect(await readRecords(target)).toEqual([]);

      await upload(join(downloads, name));
      await target.waitForFunction(
        () =>
          document
            .querySelector('[data-testid="transfer-result"]')
            ?.textContent?.startsWith('Imported'),
        { timeout: 30_000 },
      );
      expect(await target.$eval('[data-testid="transfer-result"]', (e) => e.textContent)).toBe(
        'Imported 250 records: 250 added, 0 updated, 0 skipped (already up to date).',
      );
      const restored = (await readRecords(target)).sort((a, b) => a.id.localeCompare(b.id));
      expect(restored).toEqual(original);
      await target.waitForFunction(() =>
        document
          .querySelector('[data-testid="log-status"]')
          ?.textContent?.startsWith('249 records'),
      );

      // The same file again changes nothing.
      await upload(join(downloads, name));
      await target.waitForFunction(
        () =>
          document
            .querySelector('[data-testid="transfer-result"]')
            ?.textContent?.includes('250 skipped'),
        { timeout: 30_000 },
      );
      expect(await readRecords(target)).toHaveLength(250);
    } finally {
      await fresh.close();
      await rm(join(tmpdir(), `learnlog-damaged-${process.pid}.json`), { force: true });
    }
  });
});

describe('Import in firefox', () => {
  let extension: ExtensionBrowser;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'learnlog-import-'));
    extension = await launchWithExtension('firefox');
  });

  afterAll(async () => {
    await extension?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('imports a backup and a CSV through the worker, merging by id', async () => {
    const records = makeRecords(120, { seed: 44, today: localToday() });
    const backup = join(folder, 'backup.json');
    await writeFile(
      backup,
      JSON.stringify(
        createBackup(records.slice(0, 100), undefined, {
          appVersion: '0.1.0',
          now: new Date(),
          scope: 'all',
        }),
      ),
    );
    const csv = join(folder, 'export.csv');
    await writeFile(csv, recordsToCsv(records.slice(80)));

    const log = await extension.openExtensionPage('log.html');
    await log.waitForSelector('input#import-file');
    const upload = async (path: string, expected: string) => {
      const input = await log.$('input#import-file');
      await input!.uploadFile(path);
      await log.waitForFunction(
        (text) => document.querySelector('[data-testid="transfer-result"]')?.textContent === text,
        { timeout: 30_000 },
        expected,
      );
    };
    await upload(
      backup,
      'Imported 100 records: 100 added, 0 updated, 0 skipped (already up to date).',
    );
    await upload(csv, 'Imported 40 records: 20 added, 0 updated, 20 skipped (already up to date).');
    const stored = (await readRecords(log)).sort((a, b) => a.id.localeCompare(b.id));
    expect(stored).toEqual([...records].sort((a, b) => a.id.localeCompare(b.id)));
    await log.waitForFunction(() =>
      document.querySelector('[data-testid="log-status"]')?.textContent?.startsWith('120 records'),
    );
    await log.close();
  });
});
