import { describe, expect, it } from 'vitest';
import {
  createFrameMedia,
  FRAME_MEDIA_FRESH_MS,
  frameMayCount,
  listPageFrames,
  type PageFrame,
} from '@/entrypoints/reading/frames';
import { createTimeAccountant } from '@/utils/tracking/accountant';

const PLAYER = 'https://player.example.org';
const player: PageFrame = {
  origin: PLAYER,
  host: 'player.example.org',
  width: 640,
  height: 360,
  shown: true,
};

describe('which frame reports may count', () => {
  it('a shown player of that origin and size counts', () => {
    expect(frameMayCount([player], PLAYER, { width: 640, height: 360 })).toBe(true);
  });

  it('a transparent frame of the same host as a visible player does not', () => {
    const overlay: PageFrame = { ...player, width: 180, height: 150, shown: false };
    expect(frameMayCount([player, overlay], PLAYER, { width: 180, height: 150 })).toBe(false);
    // Rounding of a pixel or two still finds the player.
    expect(frameMayCount([player, overlay], PLAYER, { width: 641, height: 359 })).toBe(true);
  });

  it('a frame the page does not hold (nested, or moved to another host) needs a shown frame', () => {
    const quiz = { width: 520, height: 150 };
    expect(frameMayCount([player], 'https://learn.example.org', quiz)).toBe(true);
    expect(frameMayCount([{ ...player, shown: false }], 'https://learn.example.org', quiz)).toBe(
      false,
    );
    expect(frameMayCount([], PLAYER, quiz)).toBe(false);
  });

  it("names a frame's origin by its address, and the page's own for srcdoc and about:blank", () => {
    document.body.innerHTML = `
      <iframe src="https://player.example.org/m/1"></iframe>
      <iframe srcdoc="<p>Hi</p>"></iframe>
      <iframe src="about:blank"></iframe>
      <iframe></iframe>
      <iframe src="javascript:void 0"></iframe>`;
    const frames = listPageFrames(document);
    expect(frames.map((frame) => [frame.origin, frame.host])).toEqual([
      [PLAYER, 'player.example.org'],
      [location.origin, undefined],
      [location.origin, undefined],
      [location.origin, undefined],
      [location.origin, undefined],
    ]);
    document.body.innerHTML = '';
  });
});

describe('media playing in frames', () => {
  it('stands in for the reader as the page’s own media does, from several frames, until each stops', () => {
    let clock = 0;
    const media = createFrameMedia(() => clock);
    const accountant = createTimeAccountant({
      now: () => clock,
      maxStepMs: 10_000,
      idleMs: 15_000,
      initial: { visible: true, focused: true, mediaPlaying: false, mediaLengthMs: 0 },
      lastInputAt: 0,
    });
    const sync = () => {
      const now = media.current();
      accountant.update({ mediaPlaying: now.playing, mediaLengthMs: now.lengthMs });
    };
    // Two frames play (a video and its audio description); reports every 5 s.
    const beat = (until: number, frames: number[]) => {
      while (clock < until) {
        clock += 5_000;
        for (const frameId of frames)
          expect(media.report(frameId, { playing: true, lengthMs: 600_000 })).toBe(false);
        sync();
        accountant.peek();
      }
    };
    expect(media.report(3, { playing: true, lengthMs: 600_000 })).toBe(true);
    expect(media.report(4, { playing: true, lengthMs: 600_000 })).toBe(true);
    sync();
    beat(60_000, [3, 4]);
    // One stops: the other still plays.
    expect(media.report(3, { playing: false, lengthMs: null })).toBe(true);
    sync();
    beat(90_000, [4]);
    expect(accountant.take()).toBe(90_000);
    // The last frame is removed while playing: it reports no more, and expires. The session
    // reads attention at each of its reports (every 5 s): counting stops at the first one past
    // the expiry.
    for (let step = 0; step < 12; step++) {
      clock += 5_000;
      sync();
    }
    expect(media.current().playing).toBe(false);
    expect(accountant.take()).toBe(Math.ceil((FRAME_MEDIA_FRESH_MS + 1) / 5_000) * 5_000);
  });

  it('a live stream has no length; a frame forgotten no longer plays', () => {
    const media = createFrameMedia(() => 0);
    media.report(9, { playing: true, lengthMs: null });
    expect(media.current()).toEqual({ playing: true, lengthMs: Infinity });
    expect(media.forget(9)).toBe(true);
    expect(media.current()).toEqual({ playing: false, lengthMs: 0 });
  });
});
