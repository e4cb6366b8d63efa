import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBrowser } from '@/tests/e2e/each-browser';
import { axeViolations } from '@/tests/e2e/axe';
import { startFixtureServer, type FixtureServer } from '@/tests/e2e/fixture-server';
import { launchWithExtension, type ExtensionBrowser } from '@/tests/e2e/harness';
import {
  detectedFor,
  readResources,
  resourceFor,
  sleep,
  tabIdOf,
  waitFor,
} from '@/tests/e2e/extension-state';

/**
 * Host access is the learner's choice, in the BUILT extension. Chromium walks the
 * "Only on sites I choose" path with the real toolbar button (so `activeTab` is what tells the
 * popup the site); Firefox ESR the "all sites" path with the never-watch list. Both pause.
 */

const KNOWN_SITES = ['https://leadingtochange.scot/*', 'https://learn.nes.nhs.scot/*'];

/** Long enough for a watched page to be detected and to send a report (every 5 s). */
const QUIET_MS = 6_000;

describeEachBrowser('Site access in %s', (browserName) => {
  let server: FixtureServer;
  let extension: ExtensionBrowser;
  let control: Page;

  beforeAll(async () => {
    server = await startFixtureServer();
    extension = await launchWithExtension(browserName, {
      siteAccess: browserName === 'chromium' ? 'unanswered' : 'all-sites',
    });
    control = await extension.openExtensionPage('log.html', { background: true });
  });

  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });

  const text = (page: Page, testId: string) =>
    page.$eval(`[data-testid="${testId}"]`, (element) => element.textContent?.trim() ?? '');

  async function openFixture(path: string) {
    const page = await extension.browser.newPage();
    const url = server.url(path);
    await page.goto(url);
    return { page, url, tabId: await tabIdOf(page, control) };
  }

  async function openPopupFor(tabId: number) {
    const popup = await extension.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitForSelector('[data-testid="site-state"]');
    return popup;
  }

  /**
   * The popup as a learner opens it: the toolbar button pressed on `page` (Chromium), which
   * grants `activeTab` for that tab. Firefox has no such hook; there the popup is opened as a
   * page for the tab, and all-site access lets it see the address.
   */
  async function openToolbarPopup(page: Page): Promise<Page> {
    const [target] = await Promise.all([
      extension.browser.waitForTarget((one) => one.url().endsWith('/popup.html')),
      page.triggerExtensionAction(
        (await extension.browser.extensions()).get(new URL(extension.extensionOrigin).host)!,
      ),
    ]);
    const popup = (await target.asPage())!;
    await popup.waitForSelector('[data-testid="site-state"]');
    return popup;
  }

  const popupFor = (page: Page, tabId: number) =>
    browserName === 'chromium' ? openToolbarPopup(page) : openPopupFor(tabId);

  /** A trusted mouse move: the reader is there (the idle threshold is 60 s). */
  let nudges = 0;
  const nudge = (page: Page) => page.mouse.move(40 + (++nudges % 7) * 10, 60);

  /** The resource's time now, and again after a quiet spell with its page in front. */
  async function timeGrowsOn(page: Page, url: string): Promise<boolean> {
    const before = (await resourceFor(control, url))?.spentMs ?? 0;
    await page.bringToFront();
    await nudge(page);
    await sleep(QUIET_MS);
    return ((await resourceFor(control, url))?.spentMs ?? 0) > before;
  }

  /** Clicks the button whose text is `name`, as a learner would choose it by its words. */
  const press = (page: Page, name: string) =>
    page.$$eval(
      'button',
      (buttons, wanted) => buttons.find((button) => button.textContent === wanted)!.click(),
      name,
    );

  /**
   * A watched learning page, seen counting, whose site the learner then stops watching from
   * the popup. Returns the page, still open.
   */
  async function stopWatchingCountingPage() {
    const { page, url, tabId } = await openFixture('/short-resource.html');
    await waitFor(() => detectedFor(control, url), Boolean, { what: 'the page read' });
    // Counting before, so that "no more time" afterwards means something.
    expect(await timeGrowsOn(page, url)).toBe(true);
    const popup = await openPopupFor(tabId);
    expect(await text(popup, 'site-state')).toBe('Learnlog watches 127.0.0.1 for learning.');
    await press(popup, 'Stop watching this site');
    await popup.waitForSelector('[data-testid="site-status"]');
    await popup.close();
    return { page, url };
  }

  /** A learning page opened now on the fixture site is not read: not detected, not timed. */
  async function expectNewPageNotRead() {
    const count = (await readResources(control)).length;
    const { page, url } = await openFixture('/leading-to-change.html?case=unread');
    await nudge(page);
    await sleep(QUIET_MS);
    expect(await detectedFor(control, url)).toBeUndefined();
    expect((await readResources(control)).length).toBe(count);
    await page.close();
  }

  const permitted = (origin: string) =>
    control.evaluate(async (pattern) => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return api.permissions.contains({ origins: [pattern] });
    }, origin);

  if (browserName === 'chromium') {
    it('first run: "Only on sites I choose" watches the known learning sites only', async () => {
      const welcome = await extension.openExtensionPage('welcome.html');
      await welcome.waitForSelector('[data-testid="choose-chosen-sites"]');
      expect(await axeViolations(welcome)).toEqual([]);
      await welcome.click('[data-testid="choose-chosen-sites"]');
      await welcome.waitForSelector('[data-testid="watch-mode-status"]');
      expect(await text(welcome, 'watch-mode-status')).toContain('only the known learning sites');
      await welcome.close();
      expect(await extension.registeredMatches()).toEqual(expect.arrayContaining(KNOWN_SITES));
      expect(await extension.registeredMatches()).not.toContain('*://*/*');

      // A learning page on another site is not read at all.
      const { page, url } = await openFixture('/short-resource.html?case=unread');
      await nudge(page);
      await sleep(QUIET_MS);
      expect(await detectedFor(control, url)).toBeUndefined();
      expect(await readResources(control)).toEqual([]);
      await page.close();
    });

    it('"Watch this site" from the toolbar button reads the open page and later ones', async () => {
      // Granted first: a real popup closes as soon as another page takes the focus.
      await extension.allowInBrowser('*://127.0.0.1/*');
      const { page, url } = await openFixture('/short-resource.html');
      // The toolbar button: the popup learns the site from activeTab, not a "tabs" permission.
      const popup = await openToolbarPopup(page);
      expect(await text(popup, 'site-state')).toBe('Learnlog is not watching 127.0.0.1.');
      expect(await axeViolations(popup)).toEqual([]);

      await press(popup, 'Watch this site');
      await popup.waitForSelector('[data-testid="site-status"]');
      expect(await text(popup, 'site-status')).toBe('Learnlog now watches 127.0.0.1 for learning.');
      // The open page is read at once, without a reload.
      await waitFor(() => detectedFor(control, url), Boolean, { what: 'the open page read' });
      expect(await extension.registeredMatches()).toContain('*://127.0.0.1/*');
      await popup.close().catch(() => undefined);
      await page.close();

      // A page loaded later on the same site is read by the registered script.
      const later = await openFixture('/min-read-blog.html');
      await waitFor(() => detectedFor(control, later.url), Boolean, { what: 'a later page' });
      await later.page.close();
    });

    it('"Stop watching this site" gives the permission back and reads nothing more', async () => {
      const { page, url } = await stopWatchingCountingPage();
      await waitFor(
        () => extension.registeredMatches(),
        (matches) => !matches.includes('*://127.0.0.1/*'),
        { what: 'the site unregistered' },
      );
      expect(await permitted('*://127.0.0.1/*')).toBe(false);
      // The page's running script is no longer heard.
      expect(await timeGrowsOn(page, url)).toBe(false);
      await page.close();
      await expectNewPageNotRead();
    });
  } else {
    it('all sites: "Stop watching this site" puts it on the never-watch list', async () => {
      const { page, url } = await stopWatchingCountingPage();
      expect(await timeGrowsOn(page, url)).toBe(false);
      await page.close();

      // Listed in Settings; a new page on that site is not read.
      const options = await extension.openExtensionPage('options.html');
      await options.waitForSelector('[data-testid="never-watch"]');
      expect(await text(options, 'never-watch')).toContain('127.0.0.1');
      await expectNewPageNotRead();

      // A bad address is refused and changes nothing; removing the site watches it again.
      await options.bringToFront();
      await options.type('#never-watch-site', 'javascript:alert(1)');
      await options.click('[data-testid="add-never-watch"]');
      await options.waitForSelector('[data-testid="sites-status"]');
      expect(await text(options, 'sites-status')).toContain('not a web site address');
      expect(await options.$$eval('[data-testid="never-watch"] li', (items) => items.length)).toBe(
        1,
      );
      expect(await axeViolations(options)).toEqual([]);
      await options.click('[aria-label="Remove 127.0.0.1 from the never-watch list"]');
      await options.waitForSelector('[data-testid="never-watch-empty"]');
      await options.close();
      const again = await openFixture('/leading-to-change.html');
      await waitFor(() => detectedFor(control, again.url), Boolean, {
        what: 'the site watched again',
      });
      await again.page.close();
    });
  }

  it('pause stops all counting at once, and resume starts it again', async () => {
    // Chromium: watched again (the previous test stopped it); granted before the popup opens.
    if (browserName === 'chromium') await extension.allowInBrowser('*://127.0.0.1/*');
    const { page, url, tabId } = await openFixture('/long-resource.html');
    let popup = await popupFor(page, tabId);
    if ((await text(popup, 'site-state')).includes('not watching')) {
      await press(popup, 'Watch this site');
      await popup.waitForSelector('[data-testid="site-status"]');
    }
    await waitFor(() => detectedFor(control, url), Boolean, { what: 'the page read' });
    await popup.close();
    // Counting before the pause, so that "no time while paused" means something.
    expect(await timeGrowsOn(page, url)).toBe(true);
    popup = await popupFor(page, tabId);
    await popup.click('[data-testid="pause"]');
    await popup.waitForFunction(() =>
      document.querySelector('[data-testid="site-state"]')?.textContent?.includes('paused'),
    );
    await popup.close();
    await waitFor(
      () => extension.registeredMatches(),
      (matches) => matches.length === 0,
      {
        what: 'nothing registered while paused',
      },
    );
    expect(await timeGrowsOn(page, url)).toBe(false);

    popup = await popupFor(page, tabId);
    await popup.click('[data-testid="pause"]');
    await popup.waitForFunction(
      () => !document.querySelector('[data-testid="site-state"]')?.textContent?.includes('paused'),
    );
    await popup.close();
    // The page's script was never stopped: its next report re-announces the page (up to 5 s)
    // and the one after is counted.
    const before = (await resourceFor(control, url))?.spentMs ?? 0;
    await page.bringToFront();
    await nudge(page);
    await waitFor(
      async () => (await resourceFor(control, url))?.spentMs ?? 0,
      (spent) => spent > before,
      { timeout: 15_000, what: 'counting after resume' },
    );
    await page.close();
  });
});
