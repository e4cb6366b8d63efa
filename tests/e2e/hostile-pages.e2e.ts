import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import type { ResourceDetection } from '@/utils/detection/schema';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBrowser } from '@/tests/e2e/each-browser';
import {
  detectedFor,
  readResources,
  resourceFor,
  sleep,
  tabIdOf,
  waitFor,
} from '@/tests/e2e/extension-state';
import { startFixtureServer, type FixtureServer } from '@/tests/e2e/fixture-server';
import { launchWithExtension, OUTPUT_DIRS, type ExtensionBrowser } from '@/tests/e2e/harness';

/**
 * Hostile pages and extension-page safety in the BUILT extension. A page that puts
 * markup in its title and metadata, replaces the DOM's and JavaScript's built-ins in its own
 * scripts and holds about 3 MB of text must not crash the reading script, forge a duration,
 * inject markup into the popup or reach the extension; a page that watches for an extension
 * sees nothing of the reading script; extension pages refuse eval and remote scripts (content
 * security policy). (Forged visibility, focus and input: accuracy.e2e.ts.)
 */
describeEachBrowser('Hostile pages in %s', (browserName) => {
  let server: FixtureServer;
  let extension: ExtensionBrowser;
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

  it('a page that tampers with its built-ins and forges text is read as it is, and counted fairly', async () => {
    const url = server.url('/tampered.html');
    const page = await extension.browser.newPage();
    const opened = Date.now();
    await page.goto(url);
    const tabId = await tabIdOf(page, control);
    const resource = await waitFor(() => detectedFor(control, url), Boolean, {
      what: 'the tampered resource',
    });
    // The page's "99 hours" everywhere did not reach the content script.
    expect(resource!.stated).toMatchObject({ seconds: 10, raw: '10 secs' });
    expect(resource!.durationSeconds).toBe(10);
    await sleep(4_000);
    await control.bringToFront();
    const shownFor = Date.now() - opened;
    const counted = await waitFor(
      async () => (await resourceFor(control, url))?.spentMs ?? 0,
      (spent) => spent >= 2_000,
      { what: 'time on the tampered page' },
    );
    expect(counted).toBeLessThanOrEqual(shownFor + 250);

    // Its title reaches the popup as text: no element made, no script run.
    const popup = await extension.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitForSelector('[data-testid="current-title"], h2');
    const injected = await popup.evaluate(() => ({
      images: document.querySelectorAll('main img').length,
      bold: document.querySelectorAll('main b').length,
      pwned: (window as unknown as { pwned?: number }).pwned,
      text: document.body.textContent ?? '',
    }));
    expect(injected).toMatchObject({ images: 0, bold: 0 });
    expect(injected.pwned).toBeUndefined();
    expect(injected.text).toContain('Tampered');
    await popup.close();
    await page.close();
  });

  it('a web page cannot message or read the extension', async () => {
    const page = await extension.browser.newPage();
    await page.goto(server.url('/leading-to-change.html?case=reach'));
    const id = new URL(extension.extensionOrigin).host;
    const attempt = await page.evaluate(async (extensionId) => {
      const api = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome;
      const send = api?.runtime?.sendMessage as
        ((id: string, message: unknown) => Promise<unknown>) | undefined;
      if (typeof send !== 'function') return 'no messaging API for web pages';
      try {
        return JSON.stringify(
          await send(extensionId, { type: 'popup:get-tab-resource', data: {} }),
        );
      } catch (error) {
        return `refused: ${String(error)}`;
      }
    }, id);
    expect(attempt === 'no messaging API for web pages' || attempt.startsWith('refused')).toBe(
      true,
    );
    // Nor can it see the extension's storage or database from its own world.
    const databases = await page.evaluate(async () =>
      'databases' in indexedDB ? (await indexedDB.databases()).map((db) => db.name) : [],
    );
    expect(databases).not.toContain('learnlog');
    await page.close();
  });

  it('a page cannot tell Learnlog is reading it: no event, message, DOM change or global', async () => {
    // The id a page could know: the store extension's id, or the add-on's public gecko id.
    const manifest = JSON.parse(
      await readFile(join(OUTPUT_DIRS[browserName], 'manifest.json'), 'utf8'),
    ) as { browser_specific_settings?: { gecko?: { id?: string } } };
    const publicId =
      manifest.browser_specific_settings?.gecko?.id ?? new URL(extension.extensionOrigin).host;
    const url = server.url('/spy.html');
    const page = await extension.browser.newPage();
    await page.goto(`${url}#id=${encodeURIComponent(publicId)}`);
    // Learnlog reads the page (it is detected, and counts the reader's input)…
    await waitFor(() => detectedFor(control, url), Boolean, { what: 'the page read' });
    await page.mouse.move(40, 40);
    await page.keyboard.press('Shift');
    await sleep(1_500);
    // …follows the page's own single-page navigation to its next lesson…
    await page.evaluate(() =>
      (window as unknown as { __spy: { nextLesson(): void } }).__spy.nextLesson(),
    );
    const next = `${url}?lesson=2`;
    const second = await waitFor(() => detectedFor(control, next), Boolean, {
      what: 'the next lesson read',
    });
    expect(second!.title).toBe('Recognising deterioration: part 2');
    // Read long enough to be stored (three seconds).
    await page.mouse.move(60, 60);
    await sleep(3_500);
    await control.bringToFront();
    await waitFor(
      async () => (await resourceFor(control, next))?.spentMs ?? 0,
      (spent) => spent >= 3_000,
      { what: 'time counted on the next lesson' },
    );
    // …and the page saw none of it.
    const report = await page.evaluate(() =>
      (
        window as unknown as { __spy: { report(): { seen: string[]; newGlobals: string[] } } }
      ).__spy.report(),
    );
    expect(report).toEqual({ seen: [], newGlobals: [], fetched: [] });
    // The copies of the page Learnlog read (three: load, the next lesson, settled) loaded
    // nothing, not even what the page shows only without scripts.
    expect(server.requested).toContain('/spy.html');
    expect(server.requested).not.toContain('/noscript-pixel.gif');
    await page.close();
  });

  it('a page cannot tell Learnlog counted its text as Reader View would, nor does it fetch anything', async () => {
    const manifest = JSON.parse(
      await readFile(join(OUTPUT_DIRS[browserName], 'manifest.json'), 'utf8'),
    ) as { browser_specific_settings?: { gecko?: { id?: string } } };
    const publicId =
      manifest.browser_specific_settings?.gecko?.id ?? new URL(extension.extensionOrigin).host;
    // The page states no time: it is estimated, and once idle the estimate script reads it.
    const url = server.url('/spy.html?mode=estimate');
    const page = await extension.browser.newPage();
    await page.goto(`${url}#id=${encodeURIComponent(publicId)}`);
    // Its six paragraphs are 311 words; Learnlog's quick count also takes in the notices below
    // them (about 150 more), Reader View's does not.
    await waitFor(
      async () => (await detectedFor(control, url)) as ResourceDetection | undefined,
      (found) => !!found?.estimate && !found.stated && found.estimate.words < 400,
      { what: 'the estimate from Reader View’s count' },
    );
    await sleep(1_000);
    const report = await page.evaluate(() =>
      (
        window as unknown as {
          __spy: { report(): { seen: string[]; newGlobals: string[]; fetched: string[] } };
        }
      ).__spy.report(),
    );
    // Reader View filled the lazy picture in on its copy of the page, which loads nothing.
    expect(report).toEqual({ seen: [], newGlobals: [], fetched: [] });
    await page.close();
  });

  it('media a page plays on its own after one click does not keep the clock running', async () => {
    // Away after 15 s without input, so the test is short.
    const options = await extension.openExtensionPage('options.html');
    await options.waitForSelector('#idle-seconds');
    await options.$eval('#idle-seconds', (input) => ((input as HTMLInputElement).value = ''));
    await options.type('#idle-seconds', '15');
    await options.click('[data-testid="save-settings"]');
    await options.waitForSelector('[data-testid="settings-status"]');
    await options.close();

    /** Opens the page, clicks Start once (the reader's only input), and lets `then` run. */
    const listen = async (mode: string, then: (page: Page) => Promise<unknown>) => {
      const url = server.url(`/whisper.html?mode=${mode}`);
      const page = await extension.browser.newPage();
      await page.goto(url);
      await waitFor(() => detectedFor(control, url), Boolean, { what: `the ${mode} page read` });
      await page.click('#start');
      const started = Date.now();
      await page.waitForFunction(
        () => document.getElementById('status')?.textContent === 'Playing',
      );
      await then(page);
      const listened = Date.now() - started;
      await control.bringToFront();
      await sleep(1_000);
      const spent = (await resourceFor(control, url))?.spentMs ?? 0;
      await page.close();
      return { spent, listened };
    };

    // A file looped at a whisper: not audible, so the reader is away 15 s after the click.
    const whisper = await listen('whisper', () => sleep(21_000));
    expect(whisper.listened).toBeGreaterThan(20_000);
    expect(whisper.spent).toBeGreaterThan(12_000);
    expect(whisper.spent).toBeLessThanOrEqual(17_500);

    // Full volume, then taken out of the page while it plays: it counted while in the page,
    // and stops at the next report (5 s at most) after it is gone.
    let removedAfter = 0;
    const removed = await listen('removed', async (page) => {
      await sleep(18_000);
      removedAfter = Date.now();
      await page.evaluate(() => (window as unknown as { removePlayer(): void }).removePlayer());
      await sleep(8_000);
    });
    expect(removed.spent).toBeGreaterThan(16_000);
    expect(removed.spent).toBeLessThanOrEqual(18_000 + 5_000 + 1_500);
    expect(removedAfter).toBeGreaterThan(0);
  });

  it('extension pages refuse eval and remote scripts (content security policy)', async () => {
    const manifest = JSON.parse(
      await readFile(join(OUTPUT_DIRS[browserName], 'manifest.json'), 'utf8'),
    ) as { content_security_policy?: { extension_pages?: string } };
    const policy = manifest.content_security_policy?.extension_pages ?? '';
    expect(policy).toMatch(/script-src 'self';/);
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    const options = await extension.openExtensionPage('options.html');
    await options.waitForSelector('main');
    // The test's own evaluation is exempt from the policy, so the page is made to compile code
    // itself: a string timer (eval) and an inline script, each reported as a violation.
    const refused = await options.evaluate(
      () =>
        new Promise<{ directives: string[]; ran: boolean[] }>((resolve) => {
          const directives: string[] = [];
          document.addEventListener('securitypolicyviolation', (event) =>
            directives.push(`${event.effectiveDirective} ${event.blockedURI}`),
          );
          const page = window as unknown as { stringTimerRan?: boolean; inlineRan?: boolean };
          (setTimeout as unknown as (code: string, ms: number) => void)(
            'window.stringTimerRan = true',
            0,
          );
          const inline = document.createElement('script');
          inline.textContent = 'window.inlineRan = true';
          document.head.append(inline);
          setTimeout(
            () =>
              resolve({
                directives,
                ran: [Boolean(page.stringTimerRan), Boolean(page.inlineRan)],
              }),
            500,
          );
        }),
    );
    expect(refused.ran).toEqual([false, false]);
    expect(refused.directives.join(' ')).toContain('script-src');
    const remote = await options.evaluate(
      (src) =>
        new Promise<string>((resolve) => {
          const script = document.createElement('script');
          script.src = src;
          script.onload = () => resolve('loaded');
          script.onerror = () => resolve('blocked');
          document.head.append(script);
          setTimeout(() => resolve('no answer'), 5_000);
        }),
      server.url('/evil.js'),
    );
    expect(remote).toBe('blocked');
    expect(await options.evaluate(() => (window as { evilRan?: boolean }).evilRan)).toBeUndefined();
    await options.close();
    // Nothing was stored for the evil script's address or any non-resource.
    expect((await readResources(control)).some((r) => r.url.includes('evil'))).toBe(false);
  });
});
