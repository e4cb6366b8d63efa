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
  close(): Promise<void>;
}

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
    /** Extra Firefox preferences, e.g. to answer optional-permission prompts. */
    firefoxPrefs?: Record<string, unknown>;
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
      args: [...CHROMIUM_ARGS, `--user-data-dir=${profileDir}`],
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
        ...options.firefoxPrefs,
      },
    });
    await browser.installExtension(extensionDir);
    extensionOrigin = `moz-extension://${uuid}`;
  }

  return {
    name,
    browser,
    extensionOrigin,
    async openExtensionPage(path, { background = false } = {}) {
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
    },
    async close() {
      await browser.close().catch(() => undefined);
      if (ownProfile) await rm(profileDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
