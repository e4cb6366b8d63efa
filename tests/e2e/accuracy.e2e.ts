import { mkdir, writeFile } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '@/tests/e2e/axe';
import {
  detectedFor,
  readResources,
  resourceFor,
  sleep,
  waitFor,
} from '@/tests/e2e/extension-state';
import { startFixtureServer, type FixtureServer } from '@/tests/e2e/fixture-server';
import { GroundTruth, timed } from '@/tests/e2e/ground-truth';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from '@/tests/e2e/harness';

/**
 * Reading time you can trust, in the built extension in both browsers:
 * 1. the idle threshold is set on the settings page (bad input refused in plain words);
 * 2. about two minutes of scripted reading (a minute and three quarters of it counted) — tab switches, minimise and restore, an idle stretch,
 *    audio playing without input, a reload and a second window on the same page — against a
 *    ground truth the test keeps with its own clock around every step;
 * 3. a hostile page that fakes a reader.
 * Each browser's run is mostly waiting, so the two run side by side.
 */

const IDLE_SECONDS = 15;
const ARTIFACTS = new URL('./artifacts/', import.meta.url);

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(async () => server?.close());

describe.concurrent.each<BrowserName>(['chromium', 'firefox'])(
  'reading time in %s',
  (browserName) => {
    it(
      'follows the settings page, matches the ground truth and resists a hostile page',
      { timeout: 400_000 },
      async () => {
        const extension = await launchWithExtension(browserName);
        try {
          const control = await extension.openExtensionPage('popup.html', { background: true });
          await setIdleThreshold(extension);
          await measureAgainstGroundTruth(browserName, extension, control);
          await resistHostilePage(extension, control);
        } finally {
          await extension.close();
        }
      },
    );
  },
);

async function setIdleThreshold(extension: ExtensionBrowser): Promise<void> {
  const options = await extension.openExtensionPage('options.html');
  await options.waitForSelector('#idle-seconds');
  expect(await axeViolations(options)).toEqual([]);
  const setIdle = async (value: string) => {
    await options.$eval('#idle-seconds', (input) => ((input as HTMLInputElement).value = ''));
    await options.type('#idle-seconds', value);
    await options.click('[data-testid="save-settings"]');
  };
  const status = () =>
    options.$eval('[data-testid="settings-status"]', (element) => element.textContent);
  await setIdle('5');
  await options.waitForSelector('[data-testid="settings-status"]');
  expect(await status()).toBe('The idle time must be at least 15 seconds.');
  await setIdle(String(IDLE_SECONDS));
  await options.waitForFunction(
    () =>
      document.querySelector('[data-testid="settings-status"]')?.textContent === 'Settings saved.',
  );
  await options.close();
}

async function measureAgainstGroundTruth(
  browserName: BrowserName,
  extension: ExtensionBrowser,
  control: Page,
): Promise<void> {
  const truth = new GroundTruth();
  const url = server.url('/long-resource.html');
  const page = await extension.browser.newPage();
  let x = 10;
  /** Reads for `ms` with a trusted pointer movement every 2.5 s; returns the last input's time. */
  const read = async (target: Page, ms: number) => {
    const end = Date.now() + ms;
    let lastInput = Date.now();
    while (Date.now() < end) {
      x = (x + 37) % 600;
      lastInput = (await timed(() => target.mouse.move(x + 20, 200))).hi;
      // The mouse move may take the time past `end`: never a negative wait.
      await sleep(Math.max(0, Math.min(2_500, end - Date.now())));
    }
    return lastInput;
  };

  // 1. Open and read for 20 s.
  const opened = await timed(() => page.goto(url));
  await waitFor(() => detectedFor(control, url), Boolean, { what: 'the resource' });
  truth.start(opened);
  await read(page, 20_000);

  // 2. Another tab in front for 8 s, then back for 15 s of reading.
  truth.stop(await timed(() => control.bringToFront()));
  await sleep(8_000);
  truth.start(await timed(() => page.bringToFront()));
  await read(page, 15_000);

  // 3. The window minimised for 8 s, then restored: 8 s of reading.
  const window = await page.windowId();
  truth.stop(
    await timed(() => extension.browser.setWindowBounds(window, { windowState: 'minimized' })),
  );
  await sleep(8_000);
  truth.start(
    await timed(async () => {
      await extension.browser.setWindowBounds(window, { windowState: 'normal' });
      await page.bringToFront();
    }),
  );
  const lastInput = await read(page, 8_000);

  // 4. Idle: no input for 20 s; time stops IDLE_SECONDS after the last input.
  await sleep(20_000);
  truth.stop({
    lo: lastInput + IDLE_SECONDS * 1000 - 300,
    hi: lastInput + IDLE_SECONDS * 1000 + 300,
  });

  // 5. The audio plays for 25 s without any input (10 s past the idle threshold), then is paused.
  truth.start(await timed(() => page.click('#play')));
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Playing');
  await sleep(25_000);
  await page.click('#pause');

  // 6. A reload: time continues after it.
  const reloaded = await timed(() => page.reload());
  truth.stop(reloaded);
  truth.start(reloaded);
  await read(page, 12_000);

  // 7. A second window on the same page: the same moments are never counted twice.
  const second = await extension.browser.newPage({ type: 'window' });
  await second.goto(url);
  await read(second, 10_000);
  truth.stop(
    await timed(async () => {
      await second.close({ runBeforeUnload: true });
      await control.bringToFront();
    }),
  );

  await waitFor(
    async () => (await resourceFor(control, url))!.spentMs,
    (spent) => spent >= truth.minMs - 5_000,
    { what: 'the last reports' },
  );
  await sleep(1_500);
  const measured = (await resourceFor(control, url))!.spentMs;

  const midpoint = (truth.minMs + truth.maxMs) / 2;
  const allowance = (2_000 * truth.maxMs) / 600_000; // 2 s per 10 minutes of true reading
  const outside =
    measured < truth.minMs
      ? truth.minMs - measured
      : measured > truth.maxMs
        ? measured - truth.maxMs
        : 0;
  const summary = {
    browser: browserName,
    truthMinSeconds: truth.minMs / 1000,
    truthMaxSeconds: truth.maxMs / 1000,
    measuredSeconds: measured / 1000,
    errorFromMidpointSeconds: (measured - midpoint) / 1000,
    errorOutsideTruthRangeSeconds: outside / 1000,
  };
  console.info(`Accuracy ${JSON.stringify(summary)}`);
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(
    new URL(`accuracy-${browserName}.json`, ARTIFACTS),
    JSON.stringify(summary, null, 2),
  );
  expect(outside).toBeLessThanOrEqual(allowance);
  await page.close();
}

/**
 * A page that lies about its visibility and focus in its own scripts, floods synthetic input,
 * scrolls itself and navigates in a loop: with no real input, time stops
 * at the idle threshold after arrival; hidden, it stops at once; and the content script still
 * answers real input afterwards.
 */
async function resistHostilePage(extension: ExtensionBrowser, control: Page): Promise<void> {
  const base = server.url('/hostile.html');
  const spentOnHostile = async () =>
    (await readResources(control))
      .filter((resource) => resource.url.startsWith(base))
      .reduce((sum, resource) => sum + resource.spentMs, 0);
  const page = await extension.browser.newPage();
  const arrived = Date.now();
  await page.goto(base);
  await sleep(IDLE_SECONDS * 1000 + 8_000);
  const hidden = Date.now();
  await control.bringToFront();
  await sleep(1_500);
  const atHide = await spentOnHostile();
  // Never more than the idle threshold after arrival, however many events the page fakes.
  expect(hidden - arrived).toBeGreaterThan(IDLE_SECONDS * 1000 + 5_000);
  expect(atHide).toBeGreaterThan(IDLE_SECONDS * 1000 - 5_000);
  expect(atHide).toBeLessThanOrEqual(IDLE_SECONDS * 1000 + 1_000);
  await sleep(4_000);
  expect(await spentOnHostile()).toBe(atHide);
  // Still responsive: real input counts again at once.
  await page.bringToFront();
  await page.mouse.move(200, 200);
  await sleep(3_000);
  await control.bringToFront();
  const after = await waitFor(spentOnHostile, (spent) => spent >= atHide + 2_000, {
    what: 'time after real input',
  });
  expect(after).toBeLessThanOrEqual(atHide + 4_500);
  await page.close();
}
