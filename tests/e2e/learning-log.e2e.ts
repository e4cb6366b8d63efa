import { mkdir } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBrowser } from '@/tests/e2e/each-browser';
import { axeViolations } from '@/tests/e2e/axe';
import { startFixtureServer, type FixtureServer } from '@/tests/e2e/fixture-server';
import { launchWithExtension, type ExtensionBrowser } from '@/tests/e2e/harness';
import {
  detectedFor,
  readRecords,
  seedRecords,
  sleep,
  tabIdOf,
  waitFor,
  type StoredRecord,
} from '@/tests/e2e/extension-state';
import { makeRecords } from '@/tests/support/make-records';

/**
 * The learning log in the BUILT extension: the learner's profile and goal, the popup's
 * CPD reflection (kept when the popup closes), manual entries by keyboard, search, filters,
 * edit, delete with undo, a 10,000-record list, and axe-core on the popup, log and settings.
 */

const ARTIFACTS = new URL('./artifacts/', import.meta.url);
const localToday = () => {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};
const shiftDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describeEachBrowser('The learning log in %s', (browserName) => {
  let server: FixtureServer;
  let extension: ExtensionBrowser;
  /** The log page, kept open behind the others to read the database. */
  let control: Page;

  beforeAll(async () => {
    server = await startFixtureServer();
    extension = await launchWithExtension(browserName);
    control = await extension.openExtensionPage('log.html', { background: true });
    await control.waitForSelector('[data-testid="log-status"]');
  });

  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });

  const text = (page: Page, selector: string) =>
    page.$eval(selector, (element) => element.textContent?.trim() ?? '');
  /** Date inputs are typed differently per locale; the value is set as the picker would. */
  const setDate = (page: Page, selector: string, value: string) =>
    page.$eval(
      selector,
      (input, date) => {
        (input as HTMLInputElement).value = date;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      },
      value,
    );
  const liveRecords = async () =>
    (await readRecords(control)).filter((record) => record.deletedAt === undefined);
  const activeTestId = (page: Page) =>
    page.evaluate(
      () => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id,
    );

  async function openLog(): Promise<Page> {
    const log = await extension.openExtensionPage('log.html');
    await log.setViewport({ width: 1100, height: 900 });
    await log.waitForFunction(
      () => !document.querySelector('[data-testid="log-status"]')?.textContent?.includes('Loading'),
    );
    return log;
  }

  it('sets an NMC profile; the popup asks the NMC questions, keeps an unsaved reflection and shows the goal', async () => {
    const options = await extension.openExtensionPage('options.html');
    await options.waitForSelector('[data-testid="save-profile"]');
    expect(await axeViolations(options)).toEqual([]);

    // Bad input is refused in plain words and nothing is saved.
    await options.click('#regulator-none');
    await options.type('#goal-hours', '0');
    await options.click('[data-testid="save-profile"]');
    await options.waitForSelector('[data-testid="profile-status"]');
    expect(await text(options, '[data-testid="profile-status"]')).toBe(
      'The goal must be at least 1 hour.',
    );
    const stored = () =>
      options.evaluate(async () => {
        const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
        return (await api.storage.local.get('settings')).settings as
          { profile?: unknown } | undefined;
      });
    expect((await stored())?.profile).toBeUndefined();

    await options.click('#regulator-nmc');
    expect(await options.$('#goal-hours')).toBeNull();
    await setDate(options, '#cycle-end-date', '2027-03-31');
    expect(await text(options, '[data-testid="profile-goal"]')).toBe(
      '35 hours of CPD over 3 years, 20 of them participatory (learning with other people).',
    );
    expect(await axeViolations(options)).toEqual([]);
    await options.click('[data-testid="save-profile"]');
    await options.waitForFunction(
      () =>
        document.querySelector('[data-testid="profile-status"]')?.textContent === 'Profile saved.',
    );
    expect((await stored())?.profile).toEqual({ regulator: 'nmc', cycleEndDate: '2027-03-31' });
    await options.close();

    const page = await extension.browser.newPage();
    const url = server.url('/leading-to-change.html?case=nmc');
    await page.goto(url);
    const tabId = await tabIdOf(page, control);
    await waitFor(() => detectedFor(control, url), Boolean, { what: 'the resource' });

    const openPopup = async () => {
      const popup = await extension.openExtensionPage(`popup.html?tab=${tabId}`);
      await popup.setViewport({ width: 400, height: 760 });
      await popup.waitForSelector('#record-learned');
      return popup;
    };
    // Opened and closed untouched, while the page's time comes in: nothing was typed, so there is
    // no draft to restore.
    let popup = await openPopup();
    await sleep(1_500);
    await popup.close();
    popup = await openPopup();
    await sleep(500);
    expect(await popup.$('[data-testid="draft-restored"]')).toBeNull();
    expect(await text(popup, 'label[for="record-learned"]')).toBe('What did you learn from it?');
    expect(await text(popup, 'label[for="record-practice"]')).toBe(
      'How did you change or improve your practice as a result?',
    );
    expect(await popup.$$eval('fieldset.choices input[type="checkbox"]', (e) => e.length)).toBe(4);
    await popup.type('#record-learned', 'Change lands better when people are heard first.');
    await popup.type('#record-tags', 'change, listening');
    // The popup closes when the learner clicks the page; what they typed must survive.
    await popup.close();
    popup = await openPopup();
    await popup.waitForSelector('[data-testid="draft-restored"]');
    expect(await popup.$eval('#record-learned', (e) => (e as HTMLTextAreaElement).value)).toBe(
      'Change lands better when people are heard first.',
    );
    expect(await popup.$eval('#record-tags', (e) => (e as HTMLInputElement).value)).toBe(
      'change, listening',
    );
    const safety = await popup.$$eval('fieldset.choices label', (labels) =>
      labels.findIndex((label) => label.textContent === 'Preserve safety'),
    );
    await popup.click(`#record-standard-${safety}`);
    await popup.click('#record-participatory');
    expect(await axeViolations(popup)).toEqual([]);
    await popup.click('[data-testid="record-anyway"]');
    await popup.waitForSelector('[data-testid="record-saved"]');

    const record = (await readRecords(control)).find((candidate) => candidate.url === url);
    expect(record).toMatchObject({
      whatLearned: 'Change lands better when people are heard first.',
      tags: ['change', 'listening'],
      standards: ['nmc:preserve-safety'],
      participatory: true,
      origin: 'page',
    });
    await popup.waitForFunction(() =>
      document.querySelector('[data-testid="goal-summary"]')?.textContent?.includes('goal'),
    );
    const goal = await text(popup, '[data-testid="goal-summary"]');
    expect(goal).toMatch(/of your 35 hours goal/);
    expect(goal).toMatch(/of 20 hours participatory/);
    expect(goal).toContain('This cycle (1 Apr 2024 to 31 Mar 2027)');
    await popup.close();

    // The kept draft is gone once saved: a new popup starts clean.
    popup = await openPopup();
    expect(await popup.$eval('#record-learned', (e) => (e as HTMLTextAreaElement).value)).toBe('');
    expect(await popup.$('[data-testid="draft-restored"]')).toBeNull();
    await popup.close();
    await page.close();
  });

  it('adds learning by keyboard alone, refusing a future date and showing markup as text', async () => {
    const log = await openLog();
    const before = (await liveRecords()).length;
    await log.focus('[data-testid="add-learning"]');
    await log.keyboard.press('Enter');
    await log.waitForSelector('dialog[open]');
    expect(await activeTestId(log)).toBe('editor-title');
    const title = '<img src=x onerror="window.pwned=1">Dementia study day';
    await log.keyboard.type(title);
    await log.keyboard.press('Tab');
    await log.keyboard.type('https://events.example.org/day');
    await log.keyboard.press('Tab');
    expect(await activeTestId(log)).toBe('editor-type');
    await log.select('#editor-type', 'conference');
    await setDate(log, '#editor-date', shiftDays(localToday(), 1));
    await log.focus('#editor-minutes');
    await log.keyboard.down('Control');
    await log.keyboard.press('a');
    await log.keyboard.up('Control');
    await log.keyboard.type('390');
    await log.keyboard.press('Enter');
    await log.waitForSelector('[data-testid="editor-error"]');
    expect(await text(log, '[data-testid="editor-error"]')).toBe(
      'The date is in the future. Choose today or an earlier day.',
    );
    expect((await liveRecords()).length).toBe(before);

    await setDate(log, '#editor-date', shiftDays(localToday(), -1));
    await log.focus('#editor-participatory');
    await log.keyboard.type(' ');
    await log.focus('#editor-minutes');
    await log.keyboard.press('Enter');
    await log.waitForSelector('dialog[open]', { hidden: true });
    await log.waitForSelector('[data-testid="log-message"]');
    expect(await text(log, '[data-testid="log-message"]')).toBe(
      `Added “${title}” to your learning log.`,
    );
    // Focus returns to the button that opened the form.
    expect(await activeTestId(log)).toBe('add-learning');

    const added = (await liveRecords()).find((record) => record.title === title);
    expect(added).toMatchObject({
      origin: 'manual',
      kind: 'conference',
      url: 'https://events.example.org/day',
      creditedSeconds: 390 * 60,
      participatory: true,
      date: shiftDays(localToday(), -1),
    });
    // The title is shown as text, never as markup.
    await log.waitForSelector('[data-testid="log-row"] h3');
    expect(
      await log.$$eval('[data-testid="log-row"] h3', (headings) =>
        headings.map((heading) => heading.textContent),
      ),
    ).toContain(title);
    expect(await log.$('[data-testid="log-list"] img')).toBeNull();
    expect(await log.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBe(
      undefined,
    );

    // Escape closes the form and changes nothing.
    await log.focus('[data-testid="add-learning"]');
    await log.keyboard.press('Enter');
    await log.waitForSelector('dialog[open]');
    await log.keyboard.type('Not saved');
    await log.keyboard.press('Escape');
    await log.waitForSelector('dialog[open]', { hidden: true });
    expect((await liveRecords()).some((record) => record.title === 'Not saved')).toBe(false);
    await log.close();
  });

  it('searches, filters, edits, and deletes with undo', async () => {
    const seeded = makeRecords(300, { seed: 7, today: localToday() });
    await seedRecords(control, seeded);
    const log = await openLog();
    const total = (await liveRecords()).length;
    expect(await text(log, '[data-testid="log-status"]')).toMatch(
      new RegExp(`^${total} records, .+ in all$`),
    );
    expect(await axeViolations(log)).toEqual([]);
    await mkdir(ARTIFACTS, { recursive: true });
    await log.screenshot({
      path: new URL(`log-${browserName}.png`, ARTIFACTS).pathname as `${string}.png`,
    });

    const matching = (predicate: (record: StoredRecord) => boolean) =>
      liveRecords().then((records) => records.filter(predicate).length);
    const status = (count: number) => `Showing ${count.toLocaleString('en-GB')} of ${total}`;

    await log.type('[data-testid="log-search"]', 'SBAR');
    const sbar = await matching((record) =>
      [record.title, record.tags.join(' '), record.notes, record.whatLearned, record.howWillUse]
        .join(' ')
        .toLowerCase()
        .includes('sbar'),
    );
    expect(sbar).toBeGreaterThan(0);
    await log.waitForFunction(
      (expected) =>
        document.querySelector('[data-testid="log-status"]')?.textContent?.startsWith(expected),
      {},
      status(sbar),
    );
    await log.click('[data-testid="clear-filters"]');
    await log.select('#log-tag', 'dementia');
    const dementia = await matching((record) => record.tags.includes('dementia'));
    await log.waitForFunction(
      (expected) =>
        document.querySelector('[data-testid="log-status"]')?.textContent?.startsWith(expected),
      {},
      status(dementia),
    );
    await log.select('#log-tag', '');

    // Edit one record, found by its unique number.
    const target = seeded[122]!;
    await log.type('[data-testid="log-search"]', `(${123})`);
    await log.waitForFunction(
      () => document.querySelectorAll('[data-testid="log-row"]').length === 1,
    );
    await log.click(`button[aria-label="Edit “${target.title}”"]`);
    await log.waitForSelector('dialog[open]');
    expect(await axeViolations(log)).toEqual([]);
    await log.$eval('#editor-title', (input) => ((input as HTMLInputElement).value = ''));
    await log.type('#editor-title', 'Handover using SBAR: revisited');
    await log.click('[data-testid="editor-save"]');
    await log.waitForSelector('dialog[open]', { hidden: true });
    const edited = (await readRecords(control)).find((record) => record.id === target.id)!;
    expect(edited.title).toBe('Handover using SBAR: revisited');
    expect(edited.updatedAt).toBeGreaterThan(target.updatedAt);

    // Delete, then undo from the keyboard: focus is on "Undo".
    await log.$eval(
      '[data-testid="log-search"]',
      (input) => ((input as HTMLInputElement).value = ''),
    );
    await log.type('[data-testid="log-search"]', 'revisited');
    await log.waitForFunction(
      () => document.querySelectorAll('[data-testid="log-row"]').length === 1,
    );
    await log.click('[data-testid="delete-record"]');
    await log.waitForSelector('[data-testid="undo-bar"]');
    await log.waitForSelector('[data-testid="log-empty"]');
    expect((await readRecords(control)).find((r) => r.id === target.id)?.deletedAt).toEqual(
      expect.any(Number),
    );
    await log.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'undo-delete',
    );
    await log.keyboard.press('Enter');
    await log.waitForSelector('[data-testid="log-row"]');
    expect((await readRecords(control)).find((r) => r.id === target.id)?.deletedAt).toBe(undefined);
    expect(await text(log, '[data-testid="log-message"]')).toBe(
      'Restored “Handover using SBAR: revisited”.',
    );
    expect(await activeTestId(log)).toBe('log-message');

    // Deleted again, and the undo bar dismissed: "Recently deleted" still brings it back, by
    // keyboard, and the restore reaches the database like any undo.
    await log.click('[data-testid="delete-record"]');
    await log.waitForSelector('[data-testid="undo-bar"]');
    await log.click('[data-testid="undo-bar"] button.secondary');
    await log.waitForSelector('[data-testid="undo-bar"]', { hidden: true });
    await log.focus('[data-testid="recently-deleted"] summary');
    await log.keyboard.press('Enter');
    await log.waitForSelector('[data-testid="recently-deleted"][open]');
    expect(await text(log, '[data-testid="recently-deleted"] li')).toMatch(
      /^Handover using SBAR: revisited \(deleted \d{1,2} [A-Z][a-z]{2} \d{4}\)\s*Restore$/,
    );
    expect(await axeViolations(log)).toEqual([]);
    await log.focus('[data-testid="recently-deleted"] li button');
    await log.keyboard.press('Enter');
    await log.waitForSelector('[data-testid="log-row"]');
    expect((await readRecords(control)).find((r) => r.id === target.id)?.deletedAt).toBe(undefined);
    expect(await activeTestId(log)).toBe('log-message');
    // "Open the source" is a plain link to the page, opened apart from the log.
    const link = await log.$eval('[data-testid="log-row"] a', (a) => ({
      href: a.getAttribute('href'),
      target: a.getAttribute('target'),
      rel: a.getAttribute('rel'),
    }));
    expect(link).toEqual({ href: target.url, target: '_blank', rel: 'noopener noreferrer' });
    await log.close();
  });

  it('keeps 10,000 records virtual: few rows in the page, every one reachable', async () => {
    await seedRecords(control, makeRecords(10_000, { seed: 3, today: localToday() }));
    const log = await openLog();
    const total = (await liveRecords()).length;
    expect(total).toBeGreaterThan(10_000);
    const rows = () => log.$$eval('[data-testid="log-row"]', (elements) => elements.length);
    expect(await rows()).toBeLessThan(40);
    await log.$eval('[data-testid="log-scroller"]', (scroller) => {
      scroller.scrollTop = scroller.scrollHeight;
    });
    await log.waitForSelector(`[data-testid="log-row"][aria-posinset="${total}"]`);
    expect(await rows()).toBeLessThan(40);
    expect(await axeViolations(log)).toEqual([]);
    // Deleting far down the list keeps the learner's place.
    await log.click(
      `[data-testid="log-row"][aria-posinset="${total}"] [data-testid="delete-record"]`,
    );
    await log.waitForSelector('[data-testid="undo-bar"]');
    await log.waitForFunction(
      (expected) => !document.querySelector(`[data-testid="log-row"][aria-posinset="${expected}"]`),
      {},
      total,
    );
    expect(
      await log.$eval('[data-testid="log-scroller"]', (scroller) => scroller.scrollTop),
    ).toBeGreaterThan(100_000);
    await log.close();
  });

  it('opens the log at "Add learning" from the popup', async () => {
    const popup = await extension.openExtensionPage('popup.html');
    await popup.waitForSelector('[data-testid="add-other-learning"]');
    const before = new Set(await extension.browser.pages());
    await popup.click('[data-testid="add-other-learning"]');
    // Found as the new tab rather than by its address: Firefox's WebDriver BiDi does not report
    // moz-extension:// addresses to Puppeteer.
    const [log] = await waitFor(
      async () => (await extension.browser.pages()).filter((page) => !before.has(page)),
      (pages) => pages.length === 1,
      { what: 'the log tab' },
    );
    await waitFor(
      () => log!.evaluate(() => location.pathname).catch(() => ''),
      (path) => path === '/log.html',
      { what: 'the log page' },
    );
    await log!.waitForSelector('dialog[open]');
    expect(await text(log!, '#editor-heading')).toBe('Add learning');
    await log!.close();

    // "Export" opens the log at its export section, with the focus there.
    const popupAgain = await extension.openExtensionPage('popup.html');
    await popupAgain.waitForSelector('[data-testid="open-export"]');
    const pagesBefore = new Set(await extension.browser.pages());
    await popupAgain.click('[data-testid="open-export"]');
    const [exportLog] = await waitFor(
      async () => (await extension.browser.pages()).filter((page) => !pagesBefore.has(page)),
      (pages) => pages.length === 1,
      { what: 'the log tab' },
    );
    await waitFor(
      () => exportLog!.evaluate(() => document.activeElement?.id).catch(() => ''),
      (id) => id === 'export',
      { what: 'focus on the export section' },
    );
    await exportLog!.close();
  });
});
