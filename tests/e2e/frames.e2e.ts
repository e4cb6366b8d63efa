import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '@/tests/e2e/axe';
import { detectedFor, resourceFor, sleep, tabIdOf, waitFor } from '@/tests/e2e/extension-state';
import { startFixtureServer, type FixtureServer } from '@/tests/e2e/fixture-server';
import { GroundTruth, outsideTruth, timed } from '@/tests/e2e/ground-truth';
import { launchWithExtension, type BrowserName, type ExtensionBrowser } from '@/tests/e2e/harness';
import { FRAME_CLAIM_KEY } from '@/utils/page/frame-claim';

/**
 * Time inside frames and player windows, in the built extension in both browsers, on pages from
 * two hosts (127.0.0.1 and localhost, two servers): a module page whose player is a frame from
 * the other host, with a nested question frame from the first, narration playing in the player,
 * and decoys that must not count — frames hidden, zero-sized, off-screen and transparent playing
 * sound and faking input, a visible frame playing muted, and the page moving focus into a frame
 * no one sees. Then notes written in a frame the page wrote itself (srcdoc) and shows later, the module opened in
 * a player window, and a page the module opens that plays nothing. Each step is compared with a ground
 * truth the test keeps with its own clock, and with the popup's countdown.
 */

const IDLE_SECONDS = 15;
/** The module states 15 minutes. */
const REQUIRED_SECONDS = 15 * 60;
/** The narration in the player lasts 20 s: longer than the idle time. */
const NARRATION_SECONDS = 20;

let server: FixtureServer;
let playerServer: FixtureServer;
/** The player's host: the same machine under another name, so another origin and site. */
let playerOrigin: string;

beforeAll(async () => {
  server = await startFixtureServer();
  playerServer = await startFixtureServer();
  playerOrigin = playerServer.origin.replace('127.0.0.1', 'localhost');
});
afterAll(async () => {
  await server?.close();
  await playerServer?.close();
});

/** The error allowed: 2 s per 10 minutes, as for the page, and the harness's own half second. */
const allowance = (truth: GroundTruth) => (2_000 * truth.maxMs) / 600_000 + 500;

async function setIdleThreshold(extension: ExtensionBrowser): Promise<void> {
  const options = await extension.openExtensionPage('options.html');
  await options.waitForSelector('#idle-seconds');
  await options.$eval('#idle-seconds', (input) => ((input as HTMLInputElement).value = ''));
  await options.type('#idle-seconds', String(IDLE_SECONDS));
  await options.click('[data-testid="save-settings"]');
  await options.waitForFunction(
    () =>
      document.querySelector('[data-testid="settings-status"]')?.textContent === 'Settings saved.',
  );
  await options.close();
}

/** The frame whose address contains `part`, once it has loaded. */
function frameOf(page: Page, part: string): Promise<Frame> {
  return waitFor(async () => page.frames().find((frame) => frame.url().includes(part)), Boolean, {
    what: `the frame ${part}`,
  }) as Promise<Frame>;
}

/** Where on the page (top-frame coordinates) an element inside a frame is. */
async function centreOf(frame: Frame, selector: string): Promise<{ x: number; y: number }> {
  const box = await (await frame.waitForSelector(selector))!.boundingBox();
  if (!box) throw new Error(`${selector} has no box`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Trusted mouse moves over `at` (inside a frame) every 2 s for `ms`; the last one's time. */
async function moveOver(page: Page, at: { x: number; y: number }, ms: number): Promise<number> {
  const end = Date.now() + ms;
  let last = Date.now();
  let step = 0;
  while (Date.now() < end) {
    step += 1;
    last = (await timed(() => page.mouse.move(at.x + (step % 5) * 4, at.y + (step % 3) * 3))).hi;
    await sleep(Math.max(0, Math.min(2_000, end - Date.now())));
  }
  return last;
}

/** The resource the tab shows, as the background holds it (undefined: none). */
function tabShows(control: Page, tabId: number): Promise<string | undefined> {
  return control.evaluate(async (id) => {
    const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    const key = `tab:${id}`;
    const entry = (await api.storage.session.get(key))[key] as
      { detection?: { url?: string } } | undefined;
    return entry?.detection?.url;
  }, tabId);
}

/** The addresses of the tab's frames that run a live frame script (the mark it leaves). */
function framesListening(control: Page, tabId: number): Promise<string[]> {
  return control.evaluate(
    async (id, claimKey) => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      const results = await api.scripting.executeScript({
        target: { tabId: id, allFrames: true },
        func: (key: string) => {
          const mark = (globalThis as unknown as Record<symbol, { alive?: () => boolean }>)[
            Symbol.for(key)
          ];
          return mark?.alive?.() === true ? location.href : null;
        },
        args: [claimKey],
      });
      return results.flatMap((result) =>
        typeof result.result === 'string' ? [result.result] : [],
      );
    },
    tabId,
    FRAME_CLAIM_KEY,
  );
}

/** The popup's countdown for the tab, in seconds left. */
async function countdownSeconds(extension: ExtensionBrowser, tabId: number): Promise<number> {
  const popup = await extension.openExtensionPage(`popup.html?tab=${tabId}`);
  try {
    const text = await waitFor(
      () =>
        popup
          .$eval('[data-testid="countdown"]', (element) => element.textContent ?? '')
          .catch(() => ''),
      (shown) => /till you can record/.test(shown),
      { what: 'the countdown' },
    );
    const minutes = Number(/(\d+) minutes?/.exec(text)?.[1] ?? 0);
    const seconds = Number(/(\d+) seconds?/.exec(text)?.[1] ?? 0);
    return minutes * 60 + seconds;
  } finally {
    await popup.close();
  }
}

/**
 * A module worked in its player (another host) and the question frame inside it, its narration,
 * the decoys, notes in a srcdoc frame, its player window and a shop it opens.
 */
async function playerAndWindows(name: BrowserName, extension: ExtensionBrowser, control: Page) {
  const url = `${server.url('/frames/module.html')}?player=${encodeURIComponent(playerOrigin)}`;
  const page = await extension.browser.newPage();
  const truth = new GroundTruth();
  const opened = await timed(() => page.goto(url));
  const resource = await waitFor(() => detectedFor(control, url), Boolean, {
    what: 'the module page read',
  });
  truth.start(opened);
  const tabId = await tabIdOf(page, control);
  const player = await frameOf(page, '/frames/player.html');
  const quiz = await frameOf(page, '/frames/quiz.html');

  // The decoys really play: otherwise "they count nothing" would prove nothing.
  const decoys = page.frames().filter((frame) => frame.url().includes('/frames/decoy.html'));
  expect(decoys.length).toBe(4);
  await waitFor(
    async () => {
      let playing = 0;
      for (const decoy of decoys)
        if (
          await decoy
            .$eval('#loop', (audio) => !(audio as HTMLAudioElement).paused)
            .catch(() => false)
        )
          playing += 1;
      return playing;
    },
    (playing) => playing >= 3,
    { what: 'the decoys playing' },
  );

  // 1. Ten seconds working in the player (another host), then eight in its question frame:
  // only frame input, past the 15 s the page's own arrival gives.
  await moveOver(page, await centreOf(player, '#slide-text'), 10_000);
  await moveOver(page, await centreOf(quiz, 'form p'), 8_000);

  // 2. The narration plays in the player with no input at all, to its end.
  const narrate = await centreOf(player, '#narrate');
  await page.mouse.click(narrate.x, narrate.y);
  await player.waitForFunction(
    () => document.getElementById('narration-state')?.textContent === 'Narration playing',
  );
  let before = Date.now();
  await waitFor(
    async () => {
      before = Date.now();
      return player.$eval('#narration-state', (element) => element.textContent);
    },
    (state) => state === 'Narration ended',
    { what: 'the narration to end', timeout: (NARRATION_SECONDS + 15) * 1000, interval: 200 },
  );
  truth.stop({ lo: before, hi: Date.now() });

  // 3. Nothing more: the decoys play on and fake input, the page moves focus into a frame.
  await sleep(6_000);
  const measured = (await resourceFor(control, resource!.url))!.spentMs;
  console.info(
    `Frames ${JSON.stringify({ browser: name, truthMinMs: truth.minMs, truthMaxMs: truth.maxMs, measured })}`,
  );
  expect(outsideTruth(truth, measured)).toBeLessThanOrEqual(allowance(truth));
  // Without the frames, the page alone would have stopped at 15 s.
  expect(measured).toBeGreaterThan(IDLE_SECONDS * 1000 + 15_000);
  const left = await countdownSeconds(extension, tabId);
  expect(Math.abs(REQUIRED_SECONDS - measured / 1000 - left)).toBeLessThanOrEqual(1.5);

  // 4. Notes written in a frame the page wrote itself (srcdoc, the page's origin), hidden until
  // the page's own script shows it (a frame too small to play waits, and asks once it has
  // grown): heard too. The page is idle by now, so only that frame's input can make it count.
  await page.bringToFront();
  // The learner works in it once they can see it: after the page has shown it (two frames).
  await page.evaluate(async () => {
    document.querySelector<HTMLIFrameElement>('.notes-frame')!.hidden = false;
    for (let frame = 0; frame < 2; frame += 1)
      await new Promise((resolve) => requestAnimationFrame(resolve));
  });
  const notes = (await (await page.$('.notes-frame'))!.boundingBox())!;
  await moveOver(page, { x: notes.x + 60, y: notes.y + 40 }, 4_000);
  await control.bringToFront();
  await sleep(1_500);
  const afterNotes = (await resourceFor(control, resource!.url))!.spentMs;
  expect(afterNotes - measured).toBeGreaterThanOrEqual(3_000);

  // The frame script reaches frames that change after the page was read: the question frame
  // moving to its next question (a new document, inside the player from the other host), and a
  // player frame the page adds.
  await player.evaluate((next) => {
    document.querySelector<HTMLIFrameElement>('#quiz')!.src = next;
  }, `${server.origin}/frames/quiz.html?question=2`);
  await page.evaluate((src) => {
    const added = Object.assign(document.createElement('iframe'), { src, title: 'Added' });
    added.style.cssText = 'position:absolute;left:10px;top:600px;width:300px;height:120px';
    document.body.append(added);
  }, `${playerOrigin}/frames/quiz.html?added=1`);
  await waitFor(
    () => framesListening(control, tabId),
    (listening) =>
      listening.some((href) => href.endsWith('?question=2')) &&
      listening.some((href) => href.endsWith('?added=1')),
    { what: 'the frame script in the changed frames' },
  );
  // The tab still shows its resource once the loads are over (Chrome reports the tab as loading
  // when a frame loads, and the background looks at the tab again when it has loaded).
  await sleep(2_000);
  expect(await tabShows(control, tabId)).toBe(resource!.url);

  // 5. The module opened in a player window: its time counts for this page's resource.
  const windowTruth = new GroundTruth();
  const opening = extension.browser.waitForTarget((target) =>
    target.url().includes('/frames/player-window.html'),
  );
  // A click needs the page laid out, so it is in front (a hidden tab renders nothing).
  await page.bringToFront();
  await page.click('#open-window');
  const playerWindow = (await (await opening).asPage())!;
  await playerWindow.waitForSelector('#next');
  await playerWindow.bringToFront();
  // The player counts from when its reading script has the opener's resource (how soon that is
  // depends on when the browser runs the script): the truth starts there, and what the opener
  // counted until it was hidden is already reported.
  const playerTab = await tabIdOf(playerWindow, control);
  let lookedAt = Date.now();
  await waitFor(
    async () => {
      lookedAt = Date.now();
      return tabShows(control, playerTab);
    },
    (shown) => shown === resource!.url,
    { what: 'the player window counting', interval: 100 },
  );
  windowTruth.start({ lo: lookedAt, hi: Date.now() });
  const spentBefore = (await resourceFor(control, resource!.url))!.spentMs;
  await moveOver(playerWindow, { x: 60, y: 20 }, 10_000);
  windowTruth.stop(
    await timed(async () => {
      await playerWindow.close();
      await control.bringToFront();
    }),
  );
  // Known gap, Firefox only: on a loaded machine the closing player window's last stretch (up to
  // one report, 5 s) has been lost, its report and its port's promise both missing (seen once
  // in a full run; docs/tracking.md). Everything before it must be there.
  const lastReportMayGo = name === 'firefox' ? 5_500 : 0;
  const spent = await waitFor(
    async () => (await resourceFor(control, resource!.url))!.spentMs - spentBefore,
    (added) => added >= windowTruth.minMs - 500 - lastReportMayGo,
    { what: 'the player window’s time' },
  );
  await sleep(1_500);
  const added = (await resourceFor(control, resource!.url))!.spentMs - spentBefore;
  console.info(
    `Player window ${JSON.stringify({ browser: name, truthMinMs: windowTruth.minMs, truthMaxMs: windowTruth.maxMs, added, first: spent })}`,
  );
  if (lastReportMayGo === 0 || added >= windowTruth.minMs - allowance(windowTruth))
    expect(outsideTruth(windowTruth, added)).toBeLessThanOrEqual(allowance(windowTruth));
  else expect(added).toBeGreaterThanOrEqual(windowTruth.minMs - lastReportMayGo);
  // The page that opened it shows the time too.
  const leftAfter = await countdownSeconds(extension, tabId);
  expect(Math.abs(REQUIRED_SECONDS - (spentBefore + added) / 1000 - leftAfter)).toBeLessThanOrEqual(
    1.5,
  );

  // 6. A page on another site the resource opens that plays nothing (a shop, from a link) is
  // not its player. The module hidden first, so all it counted is reported.
  await control.bringToFront();
  await sleep(1_500);
  const spentBeforeShop = (await resourceFor(control, resource!.url))!.spentMs;
  const shopOpening = extension.browser.waitForTarget((target) =>
    target.url().includes('/shop.html'),
  );
  // The resource's own tab counts while it is in front, until the shop is: that is all it may gain.
  const frontFrom = Date.now();
  await page.bringToFront();
  await page.evaluate((shopUrl) => {
    // Nothing returned: a window is not something the test can be handed.
    window.open(shopUrl, '_blank');
  }, `${playerOrigin}/shop.html`);
  const shop = (await (await shopOpening).asPage())!;
  await shop.waitForSelector('h1');
  const shopInFront = (await timed(() => shop.bringToFront())).hi;
  await moveOver(shop, { x: 60, y: 20 }, 6_000);
  await control.bringToFront();
  await sleep(1_500);
  const gained = (await resourceFor(control, resource!.url))!.spentMs - spentBeforeShop;
  // Six seconds of reading in the shop would show here. The module's own moment in front, and
  // the browser's switch between the tabs, may add a second or so (1.3 s seen under load).
  expect(gained).toBeLessThanOrEqual(shopInFront - frontFrom + 2_500);
  await shop.close();
  await page.close();

  // 7. A page that is not a resource, with a video player in a frame: no frame of it ever runs
  // the frame script, whatever the learner does there.
  const videoShop = await extension.browser.newPage();
  await videoShop.goto(server.url('/frames/shop-video.html'));
  const productVideo = await frameOf(videoShop, '/frames/player.html');
  await moveOver(videoShop, await centreOf(productVideo, '#slide-text'), 2_000);
  await sleep(1_500);
  expect(await framesListening(control, await tabIdOf(videoShop, control))).toEqual([]);
  await videoShop.close();
}

/** "Only on sites I choose" with the player's site not chosen, then allowed from the popup. */
async function siteNotChosen(name: BrowserName, extension: ExtensionBrowser, control: Page) {
  // "Only on sites I choose", with the module's own site chosen and the player's not.
  await control.evaluate(async () => {
    const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
    const { siteAccess } = (await api.storage.local.get('siteAccess')) as {
      siteAccess: Record<string, unknown>;
    };
    await api.storage.local.set({
      siteAccess: { ...siteAccess, mode: 'chosen-sites', sites: ['127.0.0.1'] },
    });
  });
  await waitFor(
    () => extension.registeredMatches(),
    (matches) => matches.includes('*://127.0.0.1/*') && !matches.includes('*://*/*'),
    { what: 'the chosen site registered' },
  );
  const url = `${server.url('/frames/module.html')}?player=${encodeURIComponent(playerOrigin)}&case=chosen`;
  const page = await extension.browser.newPage();
  await page.goto(url);
  const resource = await waitFor(() => detectedFor(control, url), Boolean, {
    what: 'the module page read',
  });
  const tabId = await tabIdOf(page, control);
  const player = await frameOf(page, '/frames/player.html');

  const popup = await extension.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.waitForSelector('[data-testid="frame-host"]');
  expect(
    await popup.$eval('[data-testid="frame-host"]', (element) => element.textContent?.trim()),
  ).toBe('This page plays its content from localhost. Learnlog cannot see your activity there.');
  expect(await axeViolations(popup)).toEqual([]);

  // Work in the player only: not heard, so the page's time stops at the idle time.
  await page.bringToFront();
  await moveOver(page, await centreOf(player, '#slide-text'), IDLE_SECONDS * 1000 + 2_000);
  await sleep(1_000);
  // Nothing at all once the arrival's 15 s have passed (perhaps not even stored yet).
  const unheard = (await resourceFor(control, resource!.url))?.spentMs ?? 0;
  expect(unheard).toBeLessThanOrEqual(IDLE_SECONDS * 1000 + 1_000);

  // Its question frame is from the chosen site: heard, though it sits inside the player Learnlog
  // may not read (the browser runs the frame script in the frames it may reach, and only those).
  const quiz = await frameOf(page, '/frames/quiz.html');
  const quizFrom = Date.now();
  const quizLast = await moveOver(page, await centreOf(quiz, 'form p'), 8_000);
  await sleep(5_500);
  const beforeGrant = (await resourceFor(control, resource!.url))?.spentMs ?? 0;
  expect(beforeGrant - unheard).toBeGreaterThanOrEqual(quizLast - quizFrom - 1_000);
  // The question frame moves to its next question: nothing of Learnlog's in the player hears
  // it load. Chrome reports the tab as loading then, and the background looks at the frames
  // again; Firefox reports nothing (a known gap: docs/tracking.md), so it is only logged there.
  await quiz.evaluate(() => location.assign(`${location.pathname}?question=2`));
  const nextQuestion = await waitFor(
    () => framesListening(control, tabId),
    (listening) => name === 'firefox' || listening.some((href) => href.endsWith('?question=2')),
    { what: 'the frame script in the next question' },
  );
  console.info(
    `Next question inside an unread player ${JSON.stringify({ browser: name, listening: nextQuestion.some((href) => href.endsWith('?question=2')) })}`,
  );

  // Allowed from the popup: the player counts from then on.
  await popup.bringToFront();
  // A real click: Firefox grants a permission only from the learner's own input.
  await popup.click('[data-testid="frames"] button');
  await popup.waitForSelector('[data-testid="frames-status"]');
  expect(await popup.$eval('[data-testid="frames-status"]', (element) => element.textContent)).toBe(
    'Learnlog now sees your activity in content from localhost.',
  );
  expect(await popup.$('[data-testid="frame-host"]')).toBeNull();
  await popup.close();
  await page.bringToFront();
  const allowed = Date.now();
  const last = await moveOver(page, await centreOf(player, '#slide-text'), 20_000);
  await sleep(5_500);
  const heard = ((await resourceFor(control, resource!.url))?.spentMs ?? 0) - beforeGrant;
  // Heard: counting went on past the idle time since the grant (the question frame's last input
  // would have kept it going about 8 s).
  expect(heard).toBeGreaterThanOrEqual(last - allowed + 2_000);
  await page.close();
}

// Each browser's run is mostly waiting, so the two run side by side (as the accuracy file does);
// within a browser, the steps run in order.
describe.concurrent.each<BrowserName>(['chromium', 'firefox'])(
  'Frames and player windows in %s',
  (name) => {
    it(
      'counts a player, its frames and its window once, never a decoy; names a player it may not read',
      { timeout: 400_000 },
      async () => {
        const extension = await launchWithExtension(name, {
          // The decoys play sound on their own, as ads and trackers can where the browser allows.
          chromiumArgs: ['--autoplay-policy=no-user-gesture-required'],
          firefoxPrefs: { 'media.autoplay.default': 0, 'media.autoplay.blocking_policy': 0 },
        });
        try {
          const control = await extension.openExtensionPage('log.html', { background: true });
          await setIdleThreshold(extension);
          await playerAndWindows(name, extension, control);
          await siteNotChosen(name, extension, control);
        } finally {
          await extension.close();
        }
      },
    );
  },
);
