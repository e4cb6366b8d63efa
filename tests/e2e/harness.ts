import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * Launches Debian's Chromium or Firefox ESR with the BUILT extension loaded (`npm run build:all`
 * first), and opens extension pages. Nothing here reaches into the extension's code: tests
 * look at it the way a learner's browser would.
 */

export type BrowserName = 'chromium' | 'firefox';

export const OUTPUT_DIRS: Record<BrowserName, string> = {
  chromium: fileURLToPath(new URL('../../.output/chrome-mv3/', import.meta.url)),
  firefox: fileURLToPath(new URL('../../.output/firefox-mv3/', import.meta.url)),
};

export const EXECUTABLES: Record<BrowserName, string> = {
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
};

/** Flags for Debian's Chromium on this machine: no network beyond loopback, fresh profile. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface ExtensionBrowser {
  name: BrowserName;
  browser: Browser;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  extensionOrigin: string;
  /**
   * Opens an extension page (e.g. `popup.html?tab=3`) in a new tab; with `background` the tab
   * opens behind the current one, so the page in front stays visible.
   */
  openExtensionPage(path: string, options?: { background?: boolean }): Promise<Page>;
  /**
   * Stands in for the learner answering "Allow" to the browser's prompt for `pattern`, which
   * headless browsers cannot show. Chromium: the site is granted in Chrome's own extension
   * settings first, and `permissions.request` then resolves without a prompt. Firefox: the
   * harness's preference answers every optional-permission prompt.
   */
  allowInBrowser(pattern: string): Promise<void>;
  /** The reading script's registered `matches` (empty when none is registered). */
  registeredMatches(): Promise<string[]>;
  close(): Promise<void>;
}

/** Where the harness lets the extension watch before a test starts. */
export type SiteAccessSetUp =
  /** As a learner would: the first-run page's "Detect learning on all sites", allowed. */
  | 'all-sites'
  /** The first-run page is closed unanswered: known learning sites only. */
  | 'unanswered'
  /** The first-run page stays open for the person at the screen (`npm run demo`). */
  | 'left-to-learner';

/** Polls from inside the page; evaluation errors while the document is swapped are retried. */
async function waitUntilLoaded(page: Page, url: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const loaded = await page
      .evaluate((expected) => location.href === expected && document.readyState === 'complete', url)
      .catch(() => false);
    if (loaded) return;
    if (Date.now() > deadline) throw new Error(`${url} did not load within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function launchWithExtension(
  name: BrowserName,
  options: {
    headless?: boolean;
    /** Reuse a browser profile (to test a restart); it is then left for the caller to delete. */
    profileDir?: string;
    /** Extra Firefox preferences. */
    firefoxPrefs?: Record<string, unknown>;
    /** Extra Chromium flags. */
    chromiumArgs?: string[];
    /** Default `all-sites`: the fixture pages on 127.0.0.1 are watched. */
    siteAccess?: SiteAccessSetUp;
  } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = OUTPUT_DIRS[name];
  const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const ownProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), `learnlog-${name}-`)));
  const headless = options.headless ?? true;
  let browser: Browser;
  let extensionOrigin: string;

  if (name === 'chromium') {
    browser = await puppeteer.launch({
      executablePath: EXECUTABLES.chromium,
      headless,
      pipe: true,
      enableExtensions: [extensionDir],
      args: [...CHROMIUM_ARGS, ...(options.chromiumArgs ?? []), `--user-data-dir=${profileDir}`],
    });
    const worker = await browser.waitForTarget(
      (target) =>
        target.type() === 'service_worker' && target.url().startsWith('chrome-extension://'),
      { timeout: 20_000 },
    );
    extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
  } else {
    const geckoId = manifest.browser_specific_settings?.gecko?.id;
    if (!geckoId)
      throw new Error('The Firefox build has no gecko id: run `npm run build:firefox`.');
    const uuid = randomUUID();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: EXECUTABLES.firefox,
      headless,
      userDataDir: profileDir,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        // Pin the moz-extension:// UUID so the harness can open the extension's pages.
        'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
        'datareporting.policy.dataSubmissionEnabled': false,
        'browser.shell.checkDefaultBrowser': false,
        // Optional permissions asked for from a click are granted without a prompt, which
        // headless Firefox could not show (see allowInBrowser).
        'extensions.webextOptionalPermissionPrompts': false,
        ...options.firefoxPrefs,
      },
    });
    await browser.installExtension(extensionDir);
    extensionOrigin = `moz-extension://${uuid}`;
  }

  const openExtensionPage: ExtensionBrowser['openExtensionPage'] = async (
    path,
    { background = false } = {},
  ) => {
    const page = await browser.newPage({ background });
    const url = `${extensionOrigin}/${path}`;
    if (name === 'chromium') {
      await page.goto(url);
    } else {
      // Firefox over WebDriver BiDi never reports the load of a moz-extension:// page to
      // Puppeteer, so the navigation is started and its end watched from inside the page.
      page.goto(url).catch(() => undefined);
      await waitUntilLoaded(page, url);
    }
    return page;
  };

  const extension: ExtensionBrowser = {
    name,
    browser,
    extensionOrigin,
    openExtensionPage,
    async allowInBrowser(pattern) {
      if (name === 'chromium')
        await grantSiteAccessInChromeSettings(browser, extensionOrigin, pattern);
    },
    async registeredMatches() {
      const page = await openExtensionPage('options.html', { background: true });
      try {
        return await page.evaluate(async () => {
          const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
          const scripts = await api.scripting.getRegisteredContentScripts();
          return scripts.flatMap((script) => script.matches ?? []);
        });
      } finally {
        await page.close();
      }
    },
    async close() {
      await browser.close().catch(() => undefined);
      if (ownProfile) await rm(profileDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };

  await answerFirstRun(extension, options.siteAccess ?? 'all-sites');
  return extension;
}

/**
 * Learnlog opens its first-run page on installation. The harness waits for that tab and
 * closes it, so that it can never come to the front in the middle of a test, from a
 * first-run page of its own (`own`). Firefox over BiDi does not report moz-extension://
 * addresses, so the tab is found with the extension's API: it sees its own pages' addresses.
 */
async function closeFirstRunTab(own: Page, welcomeUrl: string): Promise<void> {
  const closed = await own.evaluate(async (welcome) => {
    const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    const self = (await api.tabs.getCurrent())?.id;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const tab = (await api.tabs.query({})).find((one) => one.url === welcome && one.id !== self);
      if (tab?.id !== undefined) {
        await api.tabs.remove(tab.id);
        return true;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }, welcomeUrl);
  if (!closed) throw new Error('Learnlog did not open its first-run page on installation.');
}

/** Closes the first-run tab and, for `all-sites`, answers it as a learner who allows it. */
async function answerFirstRun(extension: ExtensionBrowser, siteAccess: SiteAccessSetUp) {
  if (siteAccess === 'left-to-learner') return;
  if (siteAccess === 'all-sites') await extension.allowInBrowser('*://*/*');
  const welcome = await extension.openExtensionPage('welcome.html');
  try {
    await closeFirstRunTab(welcome, `${extension.extensionOrigin}/welcome.html`);
    if (siteAccess !== 'all-sites') return;
    await welcome.waitForSelector('[data-testid="choose-all-sites"]');
    await welcome.click('[data-testid="choose-all-sites"]');
    // Registered once the background has seen the choice and the grant.
    await welcome.waitForFunction(
      async () => {
        const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
        const scripts = await api.scripting.getRegisteredContentScripts();
        return scripts.some((script) => script.matches?.includes('*://*/*'));
      },
      { polling: 100, timeout: 10_000 },
    );
  } finally {
    await welcome.close();
  }
}

/**
 * Grants the extension a site where a learner can: Chrome's own extension settings
 * (chrome://extensions, "Site access", "On specific sites"). Headless Chromium cannot show the
 * permission prompt of `permissions.request`; once the site is granted there, the browser
 * answers the request without one. Chromium only.
 */
async function grantSiteAccessInChromeSettings(
  browser: Browser,
  extensionOrigin: string,
  pattern: string,
): Promise<void> {
  const id = new URL(extensionOrigin).host;
  const settings = await browser.newPage();
  await settings.goto(`chrome://extensions/?id=${id}`);
  await settings.evaluate(
    async (extensionId, host) => {
      const developer = (
        chrome as unknown as {
          developerPrivate: {
            updateExtensionConfiguration(update: object): Promise<void>;
            addHostPermission(id: string, host: string): Promise<void>;
          };
        }
      ).developerPrivate;
      await developer.updateExtensionConfiguration({ extensionId, hostAccess: 'ON_CLICK' });
      await developer.addHostPermission(extensionId, host);
      await developer.updateExtensionConfiguration({ extensionId, hostAccess: 'ON_ALL_SITES' });
    },
    id,
    pattern,
  );
  await settings.close();
}
