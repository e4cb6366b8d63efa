import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBrowser } from '@/tests/e2e/each-browser';
import { axeViolations } from '@/tests/e2e/axe';
import {
  readRecords,
  readStore,
  detectedFor,
  sleep,
  tabIdOf,
  waitFor,
} from '@/tests/e2e/extension-state';
import { startFixtureServer, type FixtureServer } from '@/tests/e2e/fixture-server';
import { launchWithExtension, type ExtensionBrowser } from '@/tests/e2e/harness';
import { DEFAULT_CREDENTIALS, startSyncServer, type SyncServer } from '@/tests/support/sync-server';

/**
 * Sync in the BUILT extension: the learner turns it on in Settings (test connection,
 * the host permission for that one server), a page they record reaches a real LRS on 127.0.0.1,
 * a server outage is retried by alarm after the service worker stops (Chromium: Firefox's event
 * page cannot be stopped from the harness), and turning sync off stops all traffic.
 */
describeEachBrowser('Sync to a learning record store in %s', (browserName) => {
  let pages: FixtureServer;
  let lrs: SyncServer;
  let extension: ExtensionBrowser;
  let control: Page;

  beforeAll(async () => {
    pages = await startFixtureServer();
    lrs = await startSyncServer();
    extension = await launchWithExtension(browserName, {
      // Firefox answers optional-permission requests itself with this preference (its own tests
      // use it); headless Chromium cannot, see below.
      firefoxPrefs: { 'extensions.webextOptionalPermissionPrompts': false },
    });
    control = await extension.openExtensionPage('log.html', { background: true });
    await control.waitForSelector('[data-testid="log-status"]');
  });
  afterAll(async () => {
    await extension?.close();
    await lrs?.close();
    await pages?.close();
  });

  const text = (page: Page, selector: string) =>
    page.$eval(selector, (element) => element.textContent?.trim() ?? '');
  const statementFor = (url: string) =>
    [...lrs.statements.values()].find(
      (statement) => (statement as { object: { id: string } }).object.id === url,
    ) as { id: string; actor: unknown; verb: { id: string } } | undefined;

  async function fill(page: Page, selector: string, value: string) {
    await page.$eval(selector, (input) => ((input as HTMLInputElement).value = ''));
    await page.type(selector, value);
  }

  async function recordPage(path: string): Promise<string> {
    const page = await extension.browser.newPage();
    const url = pages.url(path);
    await page.goto(url);
    const tabId = await tabIdOf(page, control);
    await waitFor(() => detectedFor(control, url), Boolean, { what: 'the resource' });
    const popup = await extension.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitForSelector('#record-learned');
    await popup.type('#record-learned', 'Sync carries my evidence to my organisation.');
    await popup.click('[data-testid="record-anyway"]');
    await popup.waitForSelector('[data-testid="record-saved"]');
    await popup.close();
    await page.close();
    return url;
  }

  it('tests the connection, turns sync on, and sends a recorded page to the LRS', async () => {
    // Headless Chromium cannot show the permission prompt: the site is granted in Chrome's
    // extension settings, and the settings page's request is then answered without one.
    await extension.allowInBrowser('http://127.0.0.1/*');
    const options = await extension.openExtensionPage('options.html');
    await options.waitForSelector('[data-testid="sync-turn-on"]');
    expect(await text(options, '[data-testid="sync-status-text"]')).toBe(
      'Sync is off. Your records stay on this device.',
    );

    // Plain http is refused for anything but this computer.
    await fill(options, '#sync-endpoint', 'http://lrs.example.org/xapi/');
    await options.click('[data-testid="sync-turn-on"]');
    await options.waitForSelector('[data-testid="sync-form-status"]');
    expect(await text(options, '[data-testid="sync-form-status"]')).toContain('https://');

    // A wrong secret: "Test connection" says so in plain words.
    await fill(options, '#sync-endpoint', lrs.xapiBase);
    await fill(options, '#sync-key', DEFAULT_CREDENTIALS.xapi.key);
    await fill(options, '#sync-secret', 'not-the-secret');
    await options.click('[data-testid="sync-test"]');
    await options.waitForFunction(() =>
      document.querySelector('[data-testid="sync-form-status"]')?.textContent?.includes('401'),
    );
    expect(await text(options, '[data-testid="sync-form-status"]')).toContain(
      'did not accept your sign-in details',
    );
    await fill(options, '#sync-secret', DEFAULT_CREDENTIALS.xapi.secret);
    await options.click('[data-testid="sync-test"]');
    await options.waitForFunction(() =>
      document
        .querySelector('[data-testid="sync-form-status"]')
        ?.textContent?.startsWith('Connected'),
    );

    // An LRS needs to know who the learner is: refused until the identity is saved.
    await options.click('[data-testid="sync-turn-on"]');
    await options.waitForFunction(() =>
      document.querySelector('[data-testid="sync-form-status"]')?.textContent?.includes('identity'),
    );
    await fill(options, '#identity-name', 'Sam Carer');
    await fill(options, '#identity-email', 'sam@example.org');
    await options.click('[data-testid="save-identity"]');
    await options.waitForSelector('[data-testid="identity-status"]');

    await options.click('[data-testid="sync-turn-on"]');
    await options.waitForFunction(() =>
      document
        .querySelector('[data-testid="sync-form-status"]')
        ?.textContent?.startsWith('Sync is on'),
    );
    await options.waitForFunction(() =>
      document
        .querySelector('[data-testid="sync-status-text"]')
        ?.textContent?.startsWith('Sync is on.'),
    );
    // Sign-in details are in storage.local only, never storage.sync.
    // The sign-in details are in the extension's IndexedDB: not in storage.local (which content
    // scripts can read), not in storage.sync.
    const stored = await options.evaluate(async () => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return {
        local: JSON.stringify(await api.storage.local.get(null)),
        sync: Object.keys(await api.storage.sync.get(null)),
        // The host permission for the one server, asked for by the settings page.
        granted: await api.permissions.contains({ origins: ['http://127.0.0.1/*'] }),
      };
    });
    expect(stored.local).not.toContain(DEFAULT_CREDENTIALS.xapi.secret);
    expect(stored.local).not.toContain(DEFAULT_CREDENTIALS.xapi.key);
    expect(stored.sync).toEqual([]);
    expect(stored.granted).toBe(true);
    expect(JSON.stringify(await readStore(control, 'syncConfig'))).toContain(
      DEFAULT_CREDENTIALS.xapi.secret,
    );
    expect(await axeViolations(options)).toEqual([]);
    await options.close();

    const url = await recordPage('/leading-to-change.html?case=sync');
    const statement = await waitFor(async () => statementFor(url), Boolean, {
      what: 'the statement on the LRS',
    });
    const record = (await readRecords(control)).find((candidate) => candidate.url === url)!;
    expect(statement!.id).toBe(record.id);
    expect(statement!.actor).toEqual({
      objectType: 'Agent',
      name: 'Sam Carer',
      mbox: 'mailto:sam@example.org',
    });
    expect(lrs.statementWrites.get(record.id)).toBe(1);

    // The log shows it synced.
    const log = await extension.openExtensionPage('log.html');
    await log.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="sync-state"]')].some(
        (element) => element.textContent === 'Synced',
      ),
    );
    expect(await axeViolations(log)).toEqual([]);
    await log.close();
  });

  // Firefox's event page cannot be stopped from the harness.
  if (browserName === 'chromium')
    it('keeps a record waiting through an outage and sends it after the service worker has stopped', async () => {
      lrs.injectFault({ kind: 'status', status: 503 }, { times: 2, match: { method: 'PUT' } });
      const url = await recordPage('/leading-to-change.html?case=outage');
      await waitFor(
        () => Promise.resolve(lrs.requests.filter((r) => r.status === 503).length),
        (count) => count >= 1,
        { what: 'the first failed attempt' },
      );
      expect(statementFor(url)).toBeUndefined();
      const popup = await extension.openExtensionPage('log.html');
      await popup.waitForFunction(() =>
        [...document.querySelectorAll('[data-testid="sync-state"]')].some((element) =>
          element.textContent?.startsWith('Waiting to sync'),
        ),
      );
      await popup.close();

      // The worker stops (as Chrome stops an idle one); the retry alarm wakes it.
      const session = await control.createCDPSession();
      await session.send('ServiceWorker.enable');
      await session.send('ServiceWorker.stopAllWorkers');
      const statement = await waitFor(async () => statementFor(url), Boolean, {
        what: 'the statement after the outage',
        timeout: 60_000,
      });
      expect(statement).toBeDefined();
      const record = (await readRecords(control)).find((candidate) => candidate.url === url)!;
      expect(lrs.statementWrites.get(record.id)).toBe(1);
    });

  it('refuses a wrong secret when saving; a refusal later stops syncing, and Settings and the popup say so', async () => {
    const options = await extension.openExtensionPage('options.html');
    await options.waitForSelector('[data-testid="sync-turn-off"]');
    await fill(options, '#sync-secret', 'changed-by-mistake');
    await options.click('[data-testid="sync-turn-on"]');
    await options.waitForFunction(() =>
      document
        .querySelector('[data-testid="sync-form-status"]')
        ?.textContent?.endsWith('Nothing was changed.'),
    );
    expect(await text(options, '[data-testid="sync-form-status"]')).toContain('error 401');
    await fill(options, '#sync-secret', DEFAULT_CREDENTIALS.xapi.secret);

    // The LRS later refuses the key (it was withdrawn): syncing stops and says why.
    lrs.injectFault({ kind: 'status', status: 401 }, { match: { method: 'PUT' } });
    lrs.injectFault({ kind: 'status', status: 401 }, { match: { method: 'POST' } });
    const url = await recordPage('/leading-to-change.html?case=refused');
    await options.waitForSelector('[role="alert"][data-testid="sync-status-text"]');
    expect(await text(options, '[data-testid="sync-status-text"]')).toMatch(
      /^Sync has stopped\. The server did not accept your sign-in details \(error 401\)/,
    );
    const popup = await extension.openExtensionPage('popup.html');
    await popup.waitForSelector('[role="alert"][data-testid="sync-status-text"]');
    expect(await text(popup, '[data-testid="sync-status-text"]')).toContain('sign-in details');
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();

    // Fixed on the server's side: saving again starts syncing at once.
    lrs.clearFaults();
    await options.click('[data-testid="sync-turn-on"]');
    await waitFor(async () => statementFor(url), Boolean, { what: 'the statement once fixed' });
    await options.waitForFunction(() =>
      document
        .querySelector('[data-testid="sync-status-text"]')
        ?.textContent?.startsWith('Sync is on.'),
    );
    await options.close();
  });

  it('turning sync off stops all traffic to the server', async () => {
    const options = await extension.openExtensionPage('options.html');
    await options.waitForSelector('[data-testid="sync-turn-off"]');
    await options.click('[data-testid="sync-turn-off"]');
    await options.waitForFunction(() =>
      document
        .querySelector('[data-testid="sync-status-text"]')
        ?.textContent?.startsWith('Sync is off'),
    );
    await options.close();
    const before = lrs.requests.length;

    await recordPage('/leading-to-change.html?case=after-off');
    await sleep(5_000);
    expect(lrs.requests.length).toBe(before);
  });
});
