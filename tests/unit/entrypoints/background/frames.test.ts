import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createFrameRelay,
  probeFrame,
  readProbeResults,
  type FrameProbe,
} from '@/entrypoints/background/frames';
import { claimFrame, FRAME_CLAIM_KEY } from '@/utils/page/frame-claim';
import { handleMessage } from '@/entrypoints/background/messages';
import { createPlayers } from '@/entrypoints/background/players';
import { createProgressManager } from '@/entrypoints/background/progress';
import { getTabResource, topDocumentOf } from '@/entrypoints/background/tab-state';
import { createWatchGate } from '@/entrypoints/background/site-access';
import { LearnlogDatabase } from '@/utils/db/database';
import type { ResourceDetection } from '@/utils/detection/schema';
import type { ToContentMessage } from '@/utils/messages/to-content';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { DEFAULT_SITE_ACCESS, SITE_ACCESS_KEY } from '@/utils/site-access/access';
import { loadSiteAccess } from '@/utils/site-access/site-access-store';

const PAGE = 'https://learning.example.org/module/3';
const detection: ResourceDetection = {
  title: 'Safeguarding adults: module 3',
  url: PAGE,
  kind: 'course',
  stated: { seconds: 900, source: 'label-pair', raw: '15 mins' },
  durationSeconds: 900,
};
const topSender = (tabId = 7, url = PAGE) => ({
  id: fakeBrowser.runtime.id,
  url,
  frameId: 0,
  tab: { id: tabId },
});
const frameSender = (tabId = 7, url = 'https://player.example.net/m/3', frameId = 4) => ({
  id: fakeBrowser.runtime.id,
  url,
  frameId,
  tab: { id: tabId },
});
const presence = {
  inputAgoMs: 200,
  media: { playing: false, lengthMs: null },
  viewport: { width: 640, height: 360 },
};

/** The tab's page announces its resource; its frames have been told (and that is forgotten). */
async function shown(
  send: (message: unknown, sender: ReturnType<typeof topSender>) => Promise<unknown>,
  tabId: number,
) {
  await send({ type: 'content:resource-detected', data: { detection } }, topSender(tabId));
  await vi.waitFor(() => expect(sent.some((one) => one.tabId === tabId)).toBe(true));
  sent.length = 0;
}
const sent: { tabId: number; message: ToContentMessage; frameId?: number }[] = [];
/** The frame script injected: into which frames of which tab. */
const injected: { tabId: number; frameId: number; documentId?: string }[] = [];

describe('frames and player windows in the background', () => {
  let granted: Set<string>;
  let replies: (tabId: number, message: ToContentMessage) => unknown;
  /** The frames of a tab, as they see themselves. */
  let frameProbes: (tabId: number) => FrameProbe[];

  beforeEach(async () => {
    fakeBrowser.reset();
    sent.length = 0;
    injected.length = 0;
    replies = () => undefined;
    frameProbes = () => [];
    granted = new Set(['learning.example.org', 'player.example.net', 'elsewhere.example.com']);
    await fakeBrowser.storage.local.set({
      [SITE_ACCESS_KEY]: { ...DEFAULT_SITE_ACCESS, mode: 'all-sites', chosen: true },
    });
  });

  function background() {
    const db = new LearnlogDatabase(`frames-${crypto.randomUUID()}`);
    const isWatchedPage = createWatchGate(loadSiteAccess, async (url) => granted.has(url.hostname));
    const sendToTab = async (tabId: number, message: ToContentMessage, frameId?: number) => {
      sent.push({ tabId, message, frameId });
      return replies(tabId, message);
    };
    const frames = createFrameRelay({
      sendToTab,
      isWatchedPage,
      probeFrames: async (tabId) => frameProbes(tabId),
      injectFrameScript: async (tabId, frame) =>
        void injected.push({ tabId, frameId: frame.frameId, documentId: frame.documentId }),
      announcedBy: topDocumentOf,
    });
    const players = createPlayers({ sendToTab, wait: async () => undefined });
    const progress = createProgressManager({
      db,
      now: () => 1_800_000_000_000,
      getSettings: async () => DEFAULT_SETTINGS,
      showBadge: async () => undefined,
      notifyReady: async () => undefined,
    });
    const readerEstimates = { count: vi.fn(async () => null) };
    const send = (message: unknown, sender: Parameters<typeof handleMessage>[1]) =>
      handleMessage(message, sender, {
        progress,
        sync: { drain: vi.fn(), settingsChanged: vi.fn() },
        isWatchedPage,
        frames,
        players,
        readerEstimates,
        pageCopies: { read: vi.fn(async () => ({ detection: null, notResource: null })) },
      });
    return { send, players };
  }

  it('a frame of a tab with no resource is told to go quiet, and nothing is passed on', async () => {
    const { send } = background();
    expect(await send({ type: 'frame:presence', data: presence }, frameSender())).toEqual({
      watching: false,
    });
    expect(sent).toEqual([]);
  });

  it('once the tab shows a resource, its frames are told, and a report goes to its top frame only', async () => {
    const { send } = background();
    await send({ type: 'content:resource-detected', data: { detection } }, topSender());
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      tabId: 7,
      message: { type: 'background:frames-watch', data: { watching: true } },
      frameId: undefined,
    });
    expect(await send({ type: 'frame:presence', data: presence }, frameSender())).toEqual({
      watching: true,
    });
    expect(sent[1]).toEqual({
      tabId: 7,
      frameId: 0,
      message: {
        type: 'background:frame-presence',
        data: { ...presence, frameId: 4, origin: 'https://player.example.net' },
      },
    });
  });

  it('runs the frame script only in a tab that shows a resource, in the frames that lack it, on watched sites', async () => {
    const { send } = background();
    const probe = (
      frameId: number,
      url: string,
      origin = new URL(url).origin,
      running = false,
    ) => ({
      frameId,
      url,
      origin,
      running,
    });
    frameProbes = () => [
      probe(0, PAGE),
      probe(4, 'https://player.example.net/m/3'),
      probe(5, 'https://player.example.net/quiz', undefined, true),
      probe(6, 'https://ads.example.com/slot'),
      probe(9, 'about:srcdoc', 'https://learning.example.org'),
      probe(10, 'about:srcdoc', 'null'),
      probe(11, 'data:text/html,hi', 'null'),
    ];
    await fakeBrowser.storage.local.set({
      [SITE_ACCESS_KEY]: {
        ...DEFAULT_SITE_ACCESS,
        mode: 'all-sites',
        chosen: true,
        neverWatch: ['ads.example.com'],
      },
    });
    granted.add('ads.example.com');
    // A page that is not a resource: its frames are not even looked at.
    expect(await send({ type: 'content:frames-changed', data: {} }, topSender(7))).toBeNull();
    expect(injected).toEqual([]);
    expect(sent).toEqual([]);

    await send({ type: 'content:resource-detected', data: { detection } }, topSender(7));
    await vi.waitFor(() => expect(sent).toHaveLength(3));
    // Not the top frame, not the quiz already listening, not the never-watched ad, not a
    // sandboxed frame with no site; the frame the page wrote is on the page's site.
    expect(injected).toEqual([
      { tabId: 7, frameId: 4, documentId: undefined },
      { tabId: 7, frameId: 9, documentId: undefined },
    ]);
    // Each new copy is told to listen, then every frame (the copies already running).
    expect(sent.map(({ message, frameId }) => [message.type, frameId])).toEqual([
      ['background:frames-watch', 4],
      ['background:frames-watch', 9],
      ['background:frames-watch', undefined],
    ]);

    // All of them listening now: a frame that loads again injects nothing new.
    frameProbes = () => [
      probe(0, PAGE),
      probe(4, 'https://player.example.net/m/3', undefined, true),
    ];
    await send({ type: 'content:frames-changed', data: {} }, frameSender(7));
    expect(injected).toHaveLength(2);
    expect(sent).toHaveLength(4);
  });

  it('reaches the frames only while the tab still shows the document that announced the resource', async () => {
    const { send } = background();
    const player = {
      frameId: 4,
      documentId: 'player-1',
      url: 'https://player.example.net/m/3',
      origin: 'https://player.example.net',
      running: false,
    };
    const top = { frameId: 0, url: PAGE, origin: 'https://learning.example.org', running: false };
    await send(
      { type: 'content:resource-detected', data: { detection } },
      { ...topSender(7), documentId: 'page-1' },
    );
    // The tab is on its way elsewhere: its top document is another one, or out of reach.
    for (const probes of [[{ ...top, documentId: 'page-2' }, player], [player]]) {
      frameProbes = () => probes;
      await send({ type: 'content:frames-changed', data: {} }, topSender(7));
    }
    expect(injected).toEqual([]);
    // Still the page that announced it: the player's document is reached by its id.
    frameProbes = () => [{ ...top, documentId: 'page-1' }, player];
    await send({ type: 'content:frames-changed', data: {} }, topSender(7));
    expect(injected).toEqual([{ tabId: 7, frameId: 4, documentId: 'player-1' }]);
  });

  it('reads the probes’ answers only in shape, and a probe sees the frame script’s mark', () => {
    expect(
      readProbeResults([
        {
          frameId: 3,
          result: { url: 'https://a.example/', origin: 'https://a.example', running: false },
        },
        { frameId: 4, result: { url: 5, origin: 'https://a.example', running: false } },
        { frameId: 5 },
        { result: { url: 'https://a.example/', origin: 'https://a.example', running: true } },
      ]),
    ).toEqual([
      { frameId: 3, url: 'https://a.example/', origin: 'https://a.example', running: false },
    ]);

    const world = globalThis as unknown as Record<symbol, unknown>;
    Reflect.deleteProperty(world, Symbol.for(FRAME_CLAIM_KEY));
    expect(probeFrame(FRAME_CLAIM_KEY).running).toBe(false);
    let alive = true;
    claimFrame(world, () => alive);
    expect(probeFrame(FRAME_CLAIM_KEY)).toEqual({
      url: location.href,
      origin: self.origin,
      running: true,
    });
    // A copy left by an extension since reloaded is not running.
    alive = false;
    expect(probeFrame(FRAME_CLAIM_KEY).running).toBe(false);
    Reflect.deleteProperty(world, Symbol.for(FRAME_CLAIM_KEY));
  });

  it('remembers which document announced the tab’s resource, where the browser says', async () => {
    const { send } = background();
    await send(
      { type: 'content:resource-detected', data: { detection } },
      { ...topSender(7), documentId: 'doc-A' },
    );
    expect(await topDocumentOf(7)).toBe('doc-A');
    // A frame cannot set it.
    await send(
      { type: 'content:resource-detected', data: { detection } },
      {
        ...frameSender(7),
        documentId: 'doc-B',
      },
    );
    expect(await topDocumentOf(7)).toBe('doc-A');
  });

  it('a frame speaks only for its own tab, and only in a shape it may', async () => {
    const { send } = background();
    await shown(send, 7);
    // Tab 8 shows nothing: its frame's report reaches no tab.
    expect(await send({ type: 'frame:presence', data: presence }, frameSender(8))).toEqual({
      watching: false,
    });
    // A top frame cannot pose as a frame, nor a frame as a top frame.
    expect(await send({ type: 'frame:presence', data: presence }, topSender(7))).toBeUndefined();
    expect(
      await send(
        { type: 'content:time-counted', data: { url: PAGE, countedMs: 1_000 } },
        frameSender(7),
      ),
    ).toBeUndefined();
    // Out of shape: input from a minute ago, a huge viewport.
    for (const data of [
      { ...presence, inputAgoMs: 60_000 },
      { ...presence, viewport: { width: 1e9, height: 10 } },
      { ...presence, media: { playing: 'yes', lengthMs: null } },
    ])
      expect(await send({ type: 'frame:presence', data }, frameSender(7))).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it('a frame from a site the learner does not let Learnlog watch is not heard', async () => {
    const { send } = background();
    await shown(send, 7);
    await fakeBrowser.storage.local.set({
      [SITE_ACCESS_KEY]: {
        ...DEFAULT_SITE_ACCESS,
        mode: 'all-sites',
        chosen: true,
        neverWatch: ['player.example.net'],
      },
    });
    expect(await send({ type: 'frame:presence', data: presence }, frameSender())).toBeUndefined();
    expect(sent).toEqual([]);
  });

  it('a frame the page made (srcdoc) speaks with its maker’s origin', async () => {
    const { send } = background();
    await shown(send, 7);
    const srcdoc = { ...frameSender(7, 'about:srcdoc', 9), origin: 'https://learning.example.org' };
    expect(await send({ type: 'frame:presence', data: presence }, srcdoc)).toEqual({
      watching: true,
    });
    expect(sent[0]!.message).toMatchObject({
      data: { frameId: 9, origin: 'https://learning.example.org' },
    });
  });

  it('a player window counts for its opener’s resource, on the site it opened on', async () => {
    const { send, players } = background();
    await send({ type: 'content:resource-detected', data: { detection } }, topSender(7));
    // Opened from tab 7: the module's player, on another host.
    await players.opened({ id: 12, openerTabId: 7 });
    replies = (tabId, message) =>
      message.type === 'background:count-for-opener' && tabId === 12
        ? { origin: 'https://player.example.net', counting: true }
        : undefined;
    await players.loaded(12);
    expect(sent.at(-1)).toMatchObject({
      tabId: 12,
      frameId: 0,
      message: { type: 'background:count-for-opener', data: { detection, origin: null } },
    });
    // Its page may announce the opener's resource, and its time counts for it.
    const playerTop = topSender(12, 'https://player.example.net/launch');
    expect(
      await send({ type: 'content:resource-detected', data: { detection } }, playerTop),
    ).toMatchObject({ url: PAGE });
    expect((await getTabResource(12))?.detection.url).toBe(PAGE);
    // Next time it loads, it is told where it first ran (and stops if the learner browsed off).
    // (The tab's frames are told it shows a resource meanwhile.)
    await vi.waitFor(() =>
      expect(
        sent.some((one) => one.tabId === 12 && one.message.type === 'background:frames-watch'),
      ).toBe(true),
    );
    await players.loaded(12);
    expect(sent.at(-1)?.message).toMatchObject({
      data: { origin: 'https://player.example.net' },
    });
    // Closed: no longer a player.
    await players.closed(12);
    expect(await players.playsFor(12, PAGE)).toBe(false);
  });

  it('a tab not opened by the resource cannot announce another site’s resource', async () => {
    const { send, players } = background();
    await send({ type: 'content:resource-detected', data: { detection } }, topSender(7));
    // Opened from a tab with no resource, or in a private window: no player.
    await players.opened({ id: 13, openerTabId: 99 });
    await players.opened({ id: 14, openerTabId: 7, incognito: true });
    for (const tabId of [13, 14, 15])
      expect(
        await send(
          { type: 'content:resource-detected', data: { detection } },
          topSender(tabId, 'https://elsewhere.example.com/'),
        ),
      ).toBeUndefined();
  });
});
