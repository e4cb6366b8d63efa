import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from '#imports';
import { createProgressManager } from '@/entrypoints/background/progress';
import { handleReadingPort } from '@/entrypoints/background/reading-port';
import { forgetTab, setTabResource } from '@/entrypoints/background/tab-state';
import { LearnlogDatabase } from '@/utils/db/database';
import type { ResourceDetection } from '@/utils/detection/schema';
import { READING_PORT } from '@/utils/messages/reading-port';
import { DEFAULT_SETTINGS } from '@/utils/settings';

const PAGE = 'https://learning.example.org/blog/change';
const detection: ResourceDetection = {
  title: 'Supporting people through change',
  url: PAGE,
  kind: 'blog',
  stated: { seconds: 300, source: 'label-pair', raw: '5 mins' },
  durationSeconds: 300,
};

/** A port as the background sees one: it can be sent hints and be disconnected. */
function fakePort(tabId = 7) {
  const messageListeners: ((message: unknown) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  const port = {
    name: READING_PORT,
    sender: { id: fakeBrowser.runtime.id, url: PAGE, frameId: 0, tab: { id: tabId } },
    onMessage: {
      addListener: (listener: (message: unknown) => void) => messageListeners.push(listener),
    },
    onDisconnect: { addListener: (listener: () => void) => disconnectListeners.push(listener) },
    disconnect: () => undefined,
  };
  return {
    port: port as unknown as Parameters<typeof handleReadingPort>[0],
    hint: (countingForMs: number) =>
      messageListeners.forEach((listener) =>
        listener({ type: 'content:counting-hint', data: { url: PAGE, countingForMs } }),
      ),
    close: () => disconnectListeners.forEach((listener) => listener()),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the reading port: time a closing tab had promised', () => {
  let db: LearnlogDatabase;
  let wall: number;
  let monotonic: number;
  let progress: ReturnType<typeof createProgressManager>;

  beforeEach(async () => {
    fakeBrowser.reset();
    db = new LearnlogDatabase(`port-${crypto.randomUUID()}`);
    wall = 1_800_000_000_000;
    monotonic = 50_000;
    progress = createProgressManager({
      db,
      now: () => wall,
      getSettings: async () => DEFAULT_SETTINGS,
      showBadge: async () => undefined,
      notifyReady: async () => undefined,
    });
    await setTabResource(7, { lastReportAt: wall, detection });
  });

  const open = () => {
    const fake = fakePort();
    handleReadingPort(fake.port, progress, async () => true, {
      now: () => wall,
      monotonic: () => monotonic,
    });
    return fake;
  };
  /** The record the closing port wrote: waited for, since a slow machine may take longer to write. */
  const written = () =>
    vi.waitFor(
      async () => {
        const resource = await db.resources.get(PAGE);
        if (!resource) throw new Error('not written yet');
        return resource;
      },
      { timeout: 3_000, interval: 20 },
    );
  const advance = (ms: number) => {
    wall += ms;
    monotonic += ms;
  };

  it('counts the promised stretch, up to when the port closed', async () => {
    const port = open();
    port.hint(6_000);
    await settle();
    advance(4_500);
    port.close();
    expect((await written()).spentMs).toBe(4_500);
  });

  it('a tab closed soon after a glance keeps the time it held with the promised stretch', async () => {
    await setTabResource(7, { lastReportAt: wall, detection, unstoredMs: 2_000 });
    const port = open();
    port.hint(6_000);
    await settle();
    advance(1_500);
    port.close();
    expect((await written()).spentMs).toBe(3_500);
  });

  it('never more than was promised', async () => {
    const port = open();
    port.hint(6_000);
    await settle();
    advance(60_000);
    port.close();
    expect((await written()).spentMs).toBe(6_000);
  });

  it.each([
    ['an hour', 3_600_000],
    ['a day', 86_400_000],
  ])('keeps the stretch when the system clock is put back %s meanwhile', async (_label, jump) => {
    const port = open();
    port.hint(6_000);
    await settle();
    advance(3_000);
    wall -= jump; // the wall clock is corrected; the time that really passed is still 3 s
    port.close();
    const stored = await written();
    expect(stored.spentMs).toBe(3_000);
    expect(stored.countedUntil).toBeLessThanOrEqual(wall);
  });

  it("keeps the stretch a closing page last reported, when only its 'stopped' hint arrives", async () => {
    // Firefox: the window closing takes the focus first, so the page reports its stretch and
    // says it stopped; the report is lost with the closing tab, the hint is not.
    const port = open();
    port.hint(6_000);
    await settle();
    advance(4_000);
    port.hint(0);
    await settle();
    advance(2_000);
    port.close();
    await settle();
    expect((await db.resources.get(PAGE))!.spentMs).toBe(4_000);
  });

  it('counts no more than the last promise for a page that hung after its last hint', async () => {
    const port = open();
    port.hint(6_000);
    await settle();
    advance(4_000);
    // Its report of those 4 s is lost; the page promises 6 s more, then hangs for a minute.
    port.hint(6_000);
    await settle();
    advance(60_000);
    port.close();
    expect((await written()).spentMs).toBe(4_000 + 6_000);
  });

  it('counts both stretches when the system clock is put back between the last two hints and the close', async () => {
    const port = open();
    port.hint(6_000);
    await settle();
    advance(4_000);
    port.hint(6_000);
    await settle();
    advance(2_000);
    wall -= 3_600_000;
    port.close();
    await vi.waitFor(async () => expect((await db.resources.get(PAGE))?.spentMs).toBe(6_000), {
      timeout: 3_000,
      interval: 20,
    });
  });

  it('never counts a reported stretch twice when its report did arrive', async () => {
    const port = open();
    port.hint(6_000);
    await settle();
    advance(4_000);
    // The report for those 4 s arrives, with the page's "stopped" hint.
    await progress.timeCounted(7, PAGE, 4_000);
    port.hint(0);
    await settle();
    advance(60_000);
    port.close();
    await settle();
    expect((await db.resources.get(PAGE))!.spentMs).toBe(4_000);
  });

  it("counts the promised stretch of a closed tab when the port's own look at the tab found nothing", async () => {
    // The port looks the tab's resource up when a hint comes; that look can miss it (the tab
    // closed while it was under way). The tab is forgotten at once when it closes.
    await browser.storage.session.clear();
    const port = open();
    port.hint(6_000);
    await settle();
    await setTabResource(7, { lastReportAt: wall, detection });
    advance(4_000);
    await forgetTab(7, wall);
    port.close();
    expect((await written()).spentMs).toBe(4_000);
  });

  it('a closed tab forgotten before its port closed keeps what it held, counted once', async () => {
    await setTabResource(7, { lastReportAt: wall, detection, unstoredMs: 2_000 });
    const port = open();
    port.hint(6_000);
    await settle();
    advance(1_500);
    await forgetTab(7, wall);
    port.close();
    expect((await written()).spentMs).toBe(3_500);
    // The page's last report, late, for the same stretch: nothing more.
    await progress.timeCounted(7, PAGE, 1_500);
    expect((await db.resources.get(PAGE))!.spentMs).toBe(3_500);
  });

  it('counts nothing for a page that promised nothing', async () => {
    const port = open();
    port.hint(0);
    await settle();
    advance(5_000);
    port.close();
    await settle();
    // Nothing counted: nothing stored either.
    expect(await db.resources.get(PAGE)).toBeUndefined();
  });
});
