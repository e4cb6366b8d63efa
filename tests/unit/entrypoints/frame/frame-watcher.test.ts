import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MEDIA_BEAT_MS,
  REPORT_EVERY_MS,
  startFrameWatcher,
  type FrameWatcherPorts,
} from '@/entrypoints/frame/frame-watcher';
import type { MediaState } from '@/utils/page/attention';
import type { FramePresence } from '@/utils/messages/to-content';

/** A frame as the watcher sees it, under the test's control. */
function frame({ tabHasResource = true } = {}) {
  let clock = 0;
  let media: MediaState = { playing: false, lengthMs: 0 };
  const sent: FramePresence[] = [];
  let input: () => void = () => undefined;
  let mediaChanged: () => void = () => undefined;
  let shownChanged: ((shown: boolean) => void) | undefined;
  let pageHide: () => void = () => undefined;
  const controller = new AbortController();
  const ports: FrameWatcherPorts = {
    signal: controller.signal,
    now: () => clock,
    setTimeout: (handler, ms) => setTimeout(handler, ms),
    clearTimeout: (id) => clearTimeout(id),
    send: async (report) => {
      sent.push(report);
      return { watching: tabHasResource };
    },
    readMedia: () => media,
    viewport: () => ({ width: 640, height: 360 }),
    watchInput: (_signal, onInput) => {
      input = onInput;
    },
    watchMedia: (_signal, onChange) => {
      mediaChanged = onChange;
    },
    watchShown: (_signal, onChange) => {
      shownChanged = onChange;
    },
    onPageHide: (_signal, handler) => {
      pageHide = handler;
    },
  };
  const watcher = startFrameWatcher(ports);
  return {
    watcher,
    sent,
    async advance(ms: number) {
      for (let left = ms; left > 0; left -= 100) {
        clock += Math.min(100, left);
        await vi.advanceTimersByTimeAsync(Math.min(100, left));
      }
    },
    input: () => input(),
    setMedia(next: MediaState) {
      media = next;
      mediaChanged();
    },
    shown: (value: boolean) => shownChanged?.(value),
    observing: () => shownChanged !== undefined,
    hide: () => pageHide(),
    end: () => controller.abort(),
  };
}

describe('the frame watcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends nothing, and observes nothing, until the tab is said to show a resource', async () => {
    const player = frame();
    for (let index = 0; index < 20; index++) {
      player.input();
      await player.advance(500);
    }
    player.setMedia({ playing: true, lengthMs: 60_000 });
    await player.advance(20_000);
    expect(player.sent).toEqual([]);
    expect(player.observing()).toBe(false);
    // Told: it watches from now, and what it heard a moment ago counts.
    player.watcher.setWatching(true);
    player.shown(true);
    await player.advance(0);
    expect(player.sent).toHaveLength(1);
  });

  it('while the reader works in it, sends at most one report every few seconds, never a stale input', async () => {
    const player = frame();
    player.watcher.setWatching(true);
    player.shown(true);
    // A pointer moving over the player for 30 s, many events a second.
    for (let index = 0; index < 300; index++) {
      player.input();
      await player.advance(100);
    }
    const reports = player.sent.length;
    expect(reports).toBeGreaterThanOrEqual(30_000 / REPORT_EVERY_MS - 1);
    expect(reports).toBeLessThanOrEqual(30_000 / REPORT_EVERY_MS + 1);
    // Each says how long ago the latest input was, at most one report's spacing.
    for (const report of player.sent) {
      expect(report.inputAgoMs).not.toBeNull();
      expect(report.inputAgoMs!).toBeLessThanOrEqual(REPORT_EVERY_MS);
      expect(report.viewport).toEqual({ width: 640, height: 360 });
    }
    // The reader stops: no timer, no report.
    await player.advance(60_000);
    expect(player.sent.length).toBeLessThanOrEqual(reports + 1);
  });

  it('says audible media plays, beats while it does, and says at once when it stops', async () => {
    const player = frame();
    player.watcher.setWatching(true);
    player.shown(true);
    player.setMedia({ playing: true, lengthMs: 75_000 });
    await player.advance(0);
    expect(player.sent.at(-1)!.media).toEqual({ playing: true, lengthMs: 75_000 });
    await player.advance(MEDIA_BEAT_MS * 4 + 100);
    expect(player.sent.length).toBe(5);
    expect(player.sent.every((report) => report.inputAgoMs === null)).toBe(true);
    // Stopped a moment after a beat: said now, not at the next report.
    await player.advance(500);
    player.setMedia({ playing: false, lengthMs: 0 });
    expect(player.sent.at(-1)!.media.playing).toBe(false);
    // And the beat stops with it.
    const count = player.sent.length;
    await player.advance(MEDIA_BEAT_MS * 3);
    expect(player.sent.length).toBe(count);
  });

  it('a volume change that changes nothing sends nothing; a live stream has no length', async () => {
    const player = frame();
    player.watcher.setWatching(true);
    player.shown(true);
    player.setMedia({ playing: true, lengthMs: Infinity });
    await player.advance(0);
    expect(player.sent.at(-1)!.media).toEqual({ playing: true, lengthMs: null });
    const count = player.sent.length;
    for (let index = 0; index < 30; index++) {
      player.setMedia({ playing: true, lengthMs: Infinity });
      await player.advance(50);
    }
    expect(player.sent.length).toBe(count);
  });

  it('a page toggling its player cannot flood the extension', async () => {
    const player = frame();
    player.watcher.setWatching(true);
    player.shown(true);
    for (let index = 0; index < 100; index++) {
      player.setMedia({ playing: index % 2 === 0, lengthMs: 60_000 });
      await player.advance(30);
    }
    // 3 s of toggling: a couple of reports a spacing at most.
    expect(player.sent.length).toBeLessThanOrEqual(2 * Math.ceil(3_000 / REPORT_EVERY_MS) + 1);
  });

  it('a frame not shown reports no input and no media; hidden while playing, it says so', async () => {
    const player = frame();
    player.watcher.setWatching(true);
    player.shown(false);
    player.input();
    player.setMedia({ playing: true, lengthMs: 60_000 });
    await player.advance(10_000);
    expect(player.sent).toEqual([]);
    player.shown(true);
    await player.advance(0);
    expect(player.sent.at(-1)!.media.playing).toBe(true);
    player.shown(false);
    await player.advance(0);
    expect(player.sent.at(-1)!.media.playing).toBe(false);
  });

  it('goes quiet when the background says the tab shows no resource', async () => {
    const ad = frame({ tabHasResource: false });
    ad.watcher.setWatching(true);
    ad.shown(true);
    ad.input();
    await ad.advance(0);
    expect(ad.sent).toHaveLength(1);
    expect(ad.watcher.watching).toBe(false);
    for (let index = 0; index < 20; index++) {
      ad.input();
      await ad.advance(1_000);
    }
    expect(ad.sent).toHaveLength(1);
  });

  it('a player going away while it plays says its media stopped', async () => {
    const player = frame();
    player.watcher.setWatching(true);
    player.shown(true);
    player.setMedia({ playing: true, lengthMs: 60_000 });
    await player.advance(1_000);
    player.hide();
    expect(player.sent.at(-1)!.media.playing).toBe(false);
  });

  it('ends with its script: no timer left running', async () => {
    const player = frame();
    player.watcher.setWatching(true);
    player.shown(true);
    player.setMedia({ playing: true, lengthMs: 60_000 });
    await player.advance(0);
    const count = player.sent.length;
    player.end();
    await player.advance(MEDIA_BEAT_MS * 3);
    expect(player.sent.length).toBe(count);
  });
});
