import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessage } from '@/entrypoints/background/messages';
import { createProgressManager } from '@/entrypoints/background/progress';
import { LearnlogDatabase } from '@/utils/db/database';
import type { ResourceDetection } from '@/utils/detection/schema';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings';
import { createWatchGate } from '@/entrypoints/background/site-access';
import { forgetTab, LAST_REPORT_GRACE_MS } from '@/entrypoints/background/tab-state';
import { createReaderEstimates, MIN_GAP_MS } from '@/entrypoints/background/reader-estimate';
import { createPageCopies, readHere } from '@/entrypoints/background/page-copies';
import type { PageCopy } from '@/utils/page/page-copy';
import { loadSiteAccess } from '@/utils/site-access/site-access-store';
import { DEFAULT_SITE_ACCESS, SITE_ACCESS_KEY, type SiteAccess } from '@/utils/site-access/access';

/** The browser's grants, as the test sets them. */
let grantedHosts = new Set<string>(['learning.example.org']);
const isWatchedPage = createWatchGate(loadSiteAccess, async (url) =>
  grantedHosts.has(url.hostname),
);

const watchEverySite: SiteAccess = { ...DEFAULT_SITE_ACCESS, mode: 'all-sites', chosen: true };

const PAGE = 'https://learning.example.org/blog/change';
const detection: ResourceDetection = {
  title: 'Supporting people through change',
  url: PAGE,
  kind: 'blog',
  typeLabel: 'Blog',
  stated: { seconds: 300, source: 'label-pair', raw: '5 mins' },
  durationSeconds: 300,
};
const contentSender = (tabId = 7, url = PAGE) => ({
  id: fakeBrowser.runtime.id,
  url,
  frameId: 0,
  tab: { id: tabId },
});

describe('background message handling', () => {
  let db: LearnlogDatabase;
  let clock: number;
  const showBadge = vi.fn(async () => undefined);
  const notifyReady = vi.fn(async () => undefined);
  let settings: Settings;
  let progress: ReturnType<typeof createProgressManager>;

  beforeEach(async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ [SITE_ACCESS_KEY]: watchEverySite });
    grantedHosts = new Set(['learning.example.org']);
    db = new LearnlogDatabase(`test-${crypto.randomUUID()}`);
    clock = 1_800_000_000_000;
    showBadge.mockClear();
    notifyReady.mockClear();
    settings = structuredClone(DEFAULT_SETTINGS);
    progress = createProgressManager({
      db,
      now: () => clock,
      getSettings: async () => settings,
      showBadge,
      notifyReady,
    });
  });

  const drain = vi.fn(async () => undefined);
  const settingsChanged = vi.fn(async () => undefined);
  // No frames and no player windows here (tests/unit/entrypoints/background/frames.test.ts).
  const frames = {
    presence: vi.fn(async () => ({ watching: false })),
    tellFrames: vi.fn(async () => undefined),
  };
  const players = { playsFor: vi.fn(async () => false) };
  /** What the estimate script answers from the page, as the test sets it. */
  let scriptAnswer: unknown = { words: 1200, cjkCharacters: 0, images: 2 };
  const runEstimateScript = vi.fn(async () => scriptAnswer);
  let readerEstimates = createReaderEstimates({ runEstimateScript, now: () => clock });
  /** The copies the background has read, as Firefox's background page reads them. */
  const here = readHere(new DOMParser());
  const readCopy = vi.fn((copy: PageCopy) => here.read(copy));
  const send = (message: unknown, sender: Parameters<typeof handleMessage>[1]) =>
    handleMessage(message, sender, {
      progress,
      sync: { drain, settingsChanged },
      isWatchedPage,
      frames,
      players,
      readerEstimates,
      pageCopies: createPageCopies({ read: readCopy }),
    });

  it("counts a closing window's promised stretch written after the other window's later report", async () => {
    const counted = (tabId: number, countedMs: number) =>
      send(
        { type: 'content:time-counted', data: { url: detection.url, countedMs } },
        contentSender(tabId),
      );
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender(7));
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender(8));
    clock += 5_000;
    await counted(8, 5_000);
    // Window 8 closes at +10 s; window 7, back in front, reports first…
    clock += 5_600;
    await counted(7, 400);
    // …and only then is window 8's promise for its last 5 s written.
    await progress.portClosedWhileCounting(8, detection.url, undefined, clock - 5_600, clock - 600);
    expect((await db.resources.get(detection.url))!.spentMs).toBe(10_400);
  });

  it('starts a sync when an extension page asks, and only then', async () => {
    drain.mockClear();
    const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/log.html') };
    expect(await send({ type: 'page:sync-now', data: {} }, page)).toBeNull();
    expect(drain).toHaveBeenCalledTimes(1);
    // A web page cannot make Learnlog contact the sync server.
    expect(await send({ type: 'page:sync-now', data: {} }, contentSender())).toBeUndefined();
    expect(await send({ type: 'page:sync-now', data: 'now' }, page)).toBeUndefined();
    expect(drain).toHaveBeenCalledTimes(1);
  });

  it('restarts sync when an extension page saved its settings, and only then', async () => {
    settingsChanged.mockClear();
    const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
    expect(await send({ type: 'page:sync-settings-changed', data: {} }, page)).toBeNull();
    expect(settingsChanged).toHaveBeenCalledTimes(1);
    expect(
      await send({ type: 'page:sync-settings-changed', data: {} }, contentSender()),
    ).toBeUndefined();
    expect(settingsChanged).toHaveBeenCalledTimes(1);
  });

  it('hears nothing from a page the learner paused, never watches or did not choose', async () => {
    const detect = () =>
      send({ type: 'content:resource-detected', data: { detection } }, contentSender());
    const count = () =>
      send(
        { type: 'content:time-counted', data: { url: PAGE, countedMs: 1_000 } },
        contentSender(),
      );
    expect(await detect()).toMatchObject({ spentMs: 0 });
    clock += 1_000;
    const refusedUnder = async (access: SiteAccess) => {
      await fakeBrowser.storage.local.set({ [SITE_ACCESS_KEY]: access });
      clock += 1_000;
      expect(await count()).toBeUndefined();
      expect(await detect()).toBeUndefined();
    };
    await refusedUnder({ ...watchEverySite, paused: true });
    await refusedUnder({ ...watchEverySite, neverWatch: ['example.org'] });
    await refusedUnder({ ...watchEverySite, mode: 'chosen-sites' });
    // Chosen, but the learner took the site back in the browser's settings.
    grantedHosts = new Set();
    await refusedUnder(watchEverySite);
    grantedHosts = new Set(['learning.example.org']);
    expect(await db.resources.get(PAGE)).toBeUndefined();
    // Chosen again: heard again.
    await fakeBrowser.storage.local.set({
      [SITE_ACCESS_KEY]: {
        ...watchEverySite,
        mode: 'chosen-sites',
        sites: ['learning.example.org'],
      },
    });
    expect(await detect()).toMatchObject({ url: PAGE });
  });

  it('answers a detection with its progress and a badge, and stores nothing until time counts', async () => {
    const reply = await send(
      { type: 'content:resource-detected', data: { detection } },
      contentSender(),
    );
    expect(reply).toEqual({ url: PAGE, spentMs: 0, requiredMs: 300_000, idleMs: 60_000 });
    expect(showBadge).toHaveBeenCalledWith(7, reply);
    // A page detected in a tab never brought to the front (or never read) leaves no trace.
    expect(await db.resources.count()).toBe(0);
    clock += 3_000;
    await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 3_000 } },
      contentSender(),
    );
    expect(await db.resources.get(PAGE)).toMatchObject({ title: detection.title, spentMs: 3_000 });
  });

  it('a page that changes its address in a loop stores nothing, even with the reader there', async () => {
    for (let index = 0; index < 50; index += 1) {
      const url = `${PAGE}?step=${index}`;
      await send(
        { type: 'content:resource-detected', data: { detection: { ...detection, url } } },
        contentSender(),
      );
      // Each address lasts a second or two, and reports what it counted as the next one comes.
      clock += 1_500;
      await send(
        { type: 'content:time-counted', data: { url, countedMs: 1_500 } },
        contentSender(),
      );
    }
    expect(await db.resources.count()).toBe(0);
  });

  it('short stretches on one resource add up: the tab holds them until there is enough to store', async () => {
    const popup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender());
    // A learner who glances at the page between other tabs: 1.2 s at a time.
    for (let stretch = 1; stretch <= 2; stretch += 1) {
      clock += 1_200;
      const reply = await send(
        { type: 'content:time-counted', data: { url: PAGE, countedMs: 1_200 } },
        contentSender(),
      );
      // The badge and the popup show the time held, though nothing is stored yet.
      expect(reply).toMatchObject({ spentMs: 1_200 * stretch });
    }
    expect(await db.resources.count()).toBe(0);
    expect(await send({ type: 'popup:get-tab-resource', data: { tabId: 7 } }, popup)).toMatchObject(
      { unstoredMs: 2_400 },
    );
    // Reloaded: the same resource keeps what the tab held.
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender());
    clock += 1_200;
    await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 1_200 } },
      contentSender(),
    );
    expect(await db.resources.get(PAGE)).toMatchObject({ spentMs: 3_600 });
    expect(await send({ type: 'popup:get-tab-resource', data: { tabId: 7 } }, popup)).toMatchObject(
      { unstoredMs: 0 },
    );
    // Another resource in the tab starts from nothing.
    const other = { ...detection, url: `${PAGE}/next` };
    await send({ type: 'content:resource-detected', data: { detection: other } }, contentSender());
    expect(await send({ type: 'popup:get-tab-resource', data: { tabId: 7 } }, popup)).toMatchObject(
      { unstoredMs: 0 },
    );
  });

  it('two reports from one tab at once are taken in turn: neither loses the time the other held', async () => {
    const popup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender());
    clock += 1_000;
    await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 1_000 } },
      contentSender(),
    );
    // A second's reading, reported in two halves that arrive together.
    clock += 1_000;
    await Promise.all([
      send({ type: 'content:time-counted', data: { url: PAGE, countedMs: 500 } }, contentSender()),
      send({ type: 'content:time-counted', data: { url: PAGE, countedMs: 500 } }, contentSender()),
    ]);
    expect(await send({ type: 'popup:get-tab-resource', data: { tabId: 7 } }, popup)).toMatchObject(
      { unstoredMs: 2_000 },
    );
  });

  it('adds counted time, and keeps it across a new detection (a reload)', async () => {
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender());
    clock += 5_000;
    await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 5_000 } },
      contentSender(),
    );
    const reply = await send(
      { type: 'content:resource-detected', data: { detection } },
      contentSender(),
    );
    expect(reply).toMatchObject({ spentMs: 5_000 });
  });

  it('never counts more than the wall time since the tab last reported', async () => {
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender());
    clock += 2_000;
    const reply = await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 60_000 } },
      contentSender(),
    );
    expect(reply).toMatchObject({ spentMs: 3_000 }); // 2 s plus 1 s of slack for latency
  });

  it.each([
    ['an hour', 3_600_000],
    ['a day', 86_400_000],
  ])(
    'keeps counting when the system clock is put back %s (a fast laptop corrected by NTP)',
    async (_label, jump) => {
      await send({ type: 'content:resource-detected', data: { detection } }, contentSender());
      clock += 5_000;
      const count = (countedMs: number) =>
        send({ type: 'content:time-counted', data: { url: PAGE, countedMs } }, contentSender());
      expect(await count(5_000)).toMatchObject({ spentMs: 5_000 });
      // The clock goes back: the stored marks (the tab's last report, the resource's counted-
      // until) now lie in the future. The page's next report is still kept…
      clock -= jump;
      clock += 5_000;
      expect(await count(5_000)).toMatchObject({ spentMs: 10_000 });
      // …and so is every one after it, at once, not once real time has caught up.
      clock += 5_000;
      expect(await count(5_000)).toMatchObject({ spentMs: 15_000 });
      // A report is still bounded by the time that has passed on the new clock.
      clock += 2_000;
      expect(await count(60_000)).toMatchObject({ spentMs: 17_000 });
      const stored = await db.resources.get(PAGE);
      expect(stored!.countedUntil).toBeLessThanOrEqual(clock);
    },
  );

  it('a report after the clock went back carries at most one report’s worth of time', async () => {
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender());
    clock -= 3_600_000;
    const reply = await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 60_000 } },
      contentSender(),
    );
    // How long really passed is unknown: never a negative time, never more than a report holds.
    const { spentMs } = reply as { spentMs: number };
    expect(spentMs).toBeGreaterThan(0);
    expect(spentMs).toBeLessThanOrEqual(7_000);
  });

  it('a fresh detection of the same resource does not cut the next report short', async () => {
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender());
    clock += 4_000;
    // Late content: the page announces the same resource again, then reports the 4.1 s it
    // counted since the first announcement.
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender());
    clock += 100;
    const reply = await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 4_100 } },
      contentSender(),
    );
    expect(reply).toMatchObject({ spentMs: 4_100 });
  });

  it('never counts one moment twice when two tabs show the same resource', async () => {
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender(7));
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender(8));
    clock += 5_000;
    await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 5_000 } },
      contentSender(7),
    );
    clock += 100;
    const reply = await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 5_000 } },
      contentSender(8),
    );
    expect(reply).toMatchObject({ spentMs: 5_100 });
    // Later stretches from either tab add up.
    clock += 4_000;
    const later = await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 3_000 } },
      contentSender(7),
    );
    expect(later).toMatchObject({ spentMs: 8_100 });
  });

  it('still counts a moment once when another tab announces the resource in between', async () => {
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender(7));
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender(8));
    clock += 5_000;
    await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 5_000 } },
      contentSender(7),
    );
    // Tab 8 reloads and announces the resource again, then reports the same five seconds.
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender(8));
    clock += 100;
    const reply = await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 5_000 } },
      contentSender(8),
    );
    expect(reply).toMatchObject({ spentMs: 5_100 });
  });

  it('applies the required-time percentage and the idle setting', async () => {
    settings.tracking.requiredPercent = 50;
    settings.tracking.idleSeconds = 15;
    const reply = await send(
      { type: 'content:resource-detected', data: { detection } },
      contentSender(),
    );
    expect(reply).toMatchObject({ requiredMs: 150_000, idleMs: 15_000 });
  });

  it('tells the learner once, when the required time is first reached', async () => {
    const short = {
      ...detection,
      durationSeconds: 8,
      stated: { seconds: 8, source: 'label-pair' as const, raw: '8 secs' },
    };
    await send({ type: 'content:resource-detected', data: { detection: short } }, contentSender());
    clock += 5_000;
    await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 5_000 } },
      contentSender(),
    );
    expect(notifyReady).not.toHaveBeenCalled();
    clock += 5_000;
    await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 5_000 } },
      contentSender(),
    );
    expect(notifyReady).toHaveBeenCalledTimes(1);
    clock += 5_000;
    await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 5_000 } },
      contentSender(),
    );
    expect(notifyReady).toHaveBeenCalledTimes(1);
  });

  it('refuses a detection whose address still holds a secret or a fragment', async () => {
    for (const url of [`${PAGE}?token=abc`, `${PAGE}#part-2`, `${PAGE}?utm_source=mail`]) {
      const reply = await send(
        { type: 'content:resource-detected', data: { detection: { ...detection, url } } },
        contentSender(7),
      );
      // Not answered at all, as any message of the wrong shape.
      expect(reply, url).toBeUndefined();
    }
    const popup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    expect(await send({ type: 'popup:get-tab-resource', data: { tabId: 7 } }, popup)).toBeNull();
  });

  it("a page's last report, arriving after a reload began, counts once, and only within the grace", async () => {
    const report = (countedMs: number) =>
      send({ type: 'content:time-counted', data: { url: PAGE, countedMs } }, contentSender(7));
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender(7));
    clock += 4_000;
    await report(4_000);
    // The learner reloads: the tab is forgotten as the navigation starts, and the old page's
    // pagehide report arrives after.
    clock += 3_000;
    await forgetTab(7, clock);
    clock += 100;
    expect(await report(3_000)).toBeNull();
    expect((await db.resources.get(PAGE))?.spentMs).toBe(7_000);
    // A second report in flight cannot count the same moments again.
    clock += 200;
    await report(3_000);
    expect((await db.resources.get(PAGE))?.spentMs).toBe(7_200);
    // The tab shows nothing meanwhile: no resource for the popup, no badge put back.
    const popup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    expect(await send({ type: 'popup:get-tab-resource', data: { tabId: 7 } }, popup)).toBeNull();
    // Past the grace, nothing more counts.
    clock += LAST_REPORT_GRACE_MS + 1;
    await report(5_000);
    expect((await db.resources.get(PAGE))?.spentMs).toBe(7_200);
  });

  it('ignores time for a resource the tab did not announce', async () => {
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender(7));
    clock += 5_000;
    const reply = await send(
      { type: 'content:time-counted', data: { url: PAGE, countedMs: 5_000 } },
      contentSender(8),
    );
    expect(reply).toBeNull();
    expect(await db.resources.get(PAGE)).toBeUndefined();
  });

  it.each([
    ['no envelope', 'hello'],
    ['an unknown type', { type: 'content:steal-log', data: {} }],
    [
      'a detection for another origin',
      {
        type: 'content:resource-detected',
        data: { detection: { ...detection, url: 'https://other.example/x' } },
      },
    ],
    [
      'a malformed detection',
      {
        type: 'content:resource-detected',
        data: { detection: { ...detection, durationSeconds: -1 } },
      },
    ],
    [
      'a script address',
      {
        type: 'content:resource-detected',
        data: { detection: { ...detection, url: 'javascript:alert(1)' } },
      },
    ],
  ])('drops %s and stores nothing', async (_why, message) => {
    expect(await send(message, contentSender())).toBeUndefined();
    expect(await db.resources.count()).toBe(0);
  });

  describe('a copy of the page, read for the reading script', () => {
    const resourcePage = `<html lang="en-GB"><head><title>Supporting people through change</title></head>
      <body><main><h1>Supporting people through change</h1>
      <p><strong>Type</strong><br>Blog</p><p><strong>Duration</strong><br>5 mins</p>
      <p>${'Change is hard for the people who live it, and leaders can help them through it. '.repeat(12)}</p>
      </main></body></html>`;
    const copyOf = (html: string, url = PAGE) => ({ url, html, media: [] });
    const readPage = (data: unknown, sender = contentSender()) =>
      send({ type: 'content:read-page', data }, sender);

    beforeEach(() => {
      readCopy.mockClear();
    });

    it('answers with the resource the copy shows, or why it is none', async () => {
      expect(await readPage(copyOf(resourcePage))).toEqual({
        detection: expect.objectContaining({ url: PAGE, durationSeconds: 300, kind: 'blog' }),
        notResource: null,
      });
      const shop = `<html><head><title>Socks</title><script type="application/ld+json">
        {"@context":"https://schema.org","@type":"Product","name":"Socks"}</script></head>
        <body><h1>Socks</h1><p>£4.99</p><button>Add to basket</button></body></html>`;
      expect(await readPage(copyOf(shop))).toEqual({ detection: null, notResource: 'product' });
      // Nothing about the page is stored by reading it.
      expect(await db.resources.count()).toBe(0);
    });

    it('reads no copy from a page the learner does not let Learnlog watch, a frame or an extension page', async () => {
      await fakeBrowser.storage.local.set({
        [SITE_ACCESS_KEY]: { ...watchEverySite, paused: true },
      });
      expect(await readPage(copyOf(resourcePage))).toBeUndefined();
      await fakeBrowser.storage.local.set({ [SITE_ACCESS_KEY]: watchEverySite });
      grantedHosts = new Set();
      expect(await readPage(copyOf(resourcePage))).toBeUndefined();
      grantedHosts = new Set(['learning.example.org']);
      expect(
        await readPage(copyOf(resourcePage), { ...contentSender(), frameId: 3 }),
      ).toBeUndefined();
      const pageSender = {
        id: fakeBrowser.runtime.id,
        url: fakeBrowser.runtime.getURL('/popup.html'),
      };
      expect(
        await send({ type: 'content:read-page', data: copyOf(resourcePage) }, pageSender),
      ).toBeUndefined();
      expect(readCopy).not.toHaveBeenCalled();
    });

    it('refuses a copy out of shape without reading it', async () => {
      for (const data of [
        { url: PAGE, html: 5, media: [] },
        { url: PAGE, html: '', media: [Number.NaN] },
        { url: PAGE, html: '', media: new Array(201).fill(1) },
        { url: 'x'.repeat(70_000), html: '', media: [] },
        { url: PAGE, html: '' },
      ])
        expect(await readPage(data)).toBeUndefined();
      expect(readCopy).not.toHaveBeenCalled();
    });

    it('answers no reading, not "nothing found", when the reader fails or answers out of shape', async () => {
      readCopy.mockRejectedValueOnce(new Error('The offscreen document closed'));
      expect(await readPage(copyOf(resourcePage))).toBeUndefined();
      readCopy.mockResolvedValueOnce({ detection: { title: 'Forged' }, notResource: null });
      expect(await readPage(copyOf(resourcePage))).toBeUndefined();
    });
  });

  it('drops content messages that come from an extension page, and popup messages from a page', async () => {
    const pageSender = {
      id: fakeBrowser.runtime.id,
      url: fakeBrowser.runtime.getURL('/popup.html'),
    };
    expect(
      await send({ type: 'content:resource-detected', data: { detection } }, pageSender),
    ).toBeUndefined();
    expect(
      await send({ type: 'popup:get-tab-resource', data: { tabId: 7 } }, contentSender()),
    ).toBeUndefined();
  });

  it('tells the popup which resource a tab shows', async () => {
    const pageSender = {
      id: fakeBrowser.runtime.id,
      url: fakeBrowser.runtime.getURL('/popup.html'),
    };
    expect(
      await send({ type: 'popup:get-tab-resource', data: { tabId: 7 } }, pageSender),
    ).toBeNull();
    await send({ type: 'content:resource-detected', data: { detection } }, contentSender(7));
    // With what the page said of it: the popup shows a resource before any time is stored.
    expect(await send({ type: 'popup:get-tab-resource', data: { tabId: 7 } }, pageSender)).toEqual({
      detection,
      unstoredMs: 0,
    });
  });

  describe("Reader View's count of a page that states no time", () => {
    const estimated: ResourceDetection = {
      title: 'Night shifts and sleep',
      url: PAGE,
      kind: 'article',
      estimate: { seconds: 240, words: 900, images: 0, mediaSeconds: 0, wordsPerMinute: 238 },
      durationSeconds: 240,
    };
    const ask = (sender: Parameters<typeof handleMessage>[1] = contentSender(), url = PAGE) =>
      send({ type: 'content:reader-count', data: { url } }, sender);

    beforeEach(() => {
      readerEstimates = createReaderEstimates({ runEstimateScript, now: () => clock });
      runEstimateScript.mockClear();
      scriptAnswer = { words: 1200, cjkCharacters: 0, images: 2 };
    });

    it('runs the estimate script in the tab that shows the resource, and answers its count', async () => {
      await send(
        { type: 'content:resource-detected', data: { detection: estimated } },
        contentSender(),
      );
      expect(await ask()).toEqual({ words: 1200, cjkCharacters: 0, images: 2 });
      expect(runEstimateScript).toHaveBeenCalledWith(7, undefined);
    });

    it('is not run for another resource, a resource that states its time, a frame or a page', async () => {
      await send(
        { type: 'content:resource-detected', data: { detection: estimated } },
        contentSender(),
      );
      expect(await ask(contentSender(), 'https://learning.example.org/other')).toBeNull();
      // A tab that shows no resource.
      expect(await ask(contentSender(8))).toBeNull();
      expect(await ask({ ...contentSender(), frameId: 3 })).toBeUndefined();
      const page = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/log.html') };
      expect(await ask(page)).toBeUndefined();
      await send({ type: 'content:resource-detected', data: { detection } }, contentSender(9));
      expect(await ask(contentSender(9))).toBeNull();
      expect(runEstimateScript).not.toHaveBeenCalled();
    });

    it('answers nothing when what the page gave back is out of shape', async () => {
      await send(
        { type: 'content:resource-detected', data: { detection: estimated } },
        contentSender(),
      );
      scriptAnswer = { words: -5, cjkCharacters: 0, images: 0 };
      expect(await ask()).toBeNull();
      clock += MIN_GAP_MS;
      scriptAnswer = 'a great many words';
      expect(await ask()).toBeNull();
      expect(runEstimateScript).toHaveBeenCalledTimes(2);
    });

    it('runs once per tab at a time, and not again within the gap, whatever the page asks', async () => {
      await send(
        { type: 'content:resource-detected', data: { detection: estimated } },
        contentSender(),
      );
      const answers = await Promise.all([ask(), ask(), ask()]);
      expect(answers.filter((answer) => answer !== null)).toHaveLength(1);
      expect(await ask()).toBeNull();
      expect(runEstimateScript).toHaveBeenCalledTimes(1);
      clock += MIN_GAP_MS;
      expect(await ask()).toEqual(scriptAnswer);
      expect(runEstimateScript).toHaveBeenCalledTimes(2);
    });

    it('never starts a second run in a tab while one is still going, even after the gap', async () => {
      await send(
        { type: 'content:resource-detected', data: { detection: estimated } },
        contentSender(),
      );
      let finish!: (value: unknown) => void;
      runEstimateScript.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
      const first = ask();
      await vi.waitFor(() => expect(runEstimateScript).toHaveBeenCalledTimes(1));
      clock += MIN_GAP_MS;
      expect(await ask()).toBeNull();
      finish(scriptAnswer);
      expect(await first).toEqual(scriptAnswer);
      expect(runEstimateScript).toHaveBeenCalledTimes(1);
    });

    it('lets the next resource in the same tab be counted at once', async () => {
      const next = { ...estimated, url: 'https://learning.example.org/next', title: 'Next' };
      await send(
        { type: 'content:resource-detected', data: { detection: estimated } },
        contentSender(),
      );
      expect(await ask()).toEqual(scriptAnswer);
      await send({ type: 'content:resource-detected', data: { detection: next } }, contentSender());
      expect(await ask(contentSender(), next.url)).toEqual(scriptAnswer);
      // The same resource again, within the gap: not run.
      expect(await ask(contentSender(), next.url)).toBeNull();
      expect(runEstimateScript).toHaveBeenCalledTimes(2);
    });
  });
});
