import { afterEach, describe, expect, it } from 'vitest';
import {
  isAudible,
  MIN_AUDIBLE_VOLUME,
  onTrustedPageHide,
  readMedia,
  watchMedia,
  watchPresence,
} from '@/utils/page/attention';

/** A media element in the given state (happy-dom has no decoder, so the state is set). */
function media(state: Partial<Record<keyof HTMLMediaElement, unknown>> = {}, tag = 'audio') {
  const element = document.createElement(tag) as HTMLMediaElement;
  const playing = {
    paused: false,
    ended: false,
    muted: false,
    volume: 1,
    playbackRate: 1,
    readyState: 4,
    duration: 600,
    currentTime: 30,
    ...state,
  };
  for (const [key, value] of Object.entries(playing))
    Object.defineProperty(element, key, { value, configurable: true });
  document.body.append(element);
  return element;
}

describe('which media stands in for a reader', () => {
  afterEach(() => document.body.replaceChildren());

  it('audible media playing in the page does', () => {
    expect(isAudible(media())).toBe(true);
    expect(readMedia(document)).toEqual({ playing: true, lengthMs: 600_000 });
  });

  it.each([
    ['paused', { paused: true }],
    ['ended', { ended: true }],
    ['muted', { muted: true }],
    ['at a whisper', { volume: MIN_AUDIBLE_VOLUME / 2 }],
    ['at no volume', { volume: 0 }],
    ['stalled (not enough data)', { readyState: 2 }],
    ['past its own end', { currentTime: 600, duration: 600 }],
    ['stopped by a rate of 0', { playbackRate: 0 }],
  ])('media %s does not', (_label, state) => {
    expect(isAudible(media(state))).toBe(false);
    expect(readMedia(document).playing).toBe(false);
  });

  it('a player taken out of the page does not, whatever it says of itself', () => {
    const player = media();
    player.remove();
    expect(isAudible(player)).toBe(false);
    expect(readMedia(document)).toEqual({ playing: false, lengthMs: 0 });
  });

  it('gives the longest audible media’s length, and no length for a live stream', () => {
    media({ duration: 120 });
    media({ duration: 3_000 }, 'video');
    media({ duration: 9_000, muted: true });
    expect(readMedia(document)).toEqual({ playing: true, lengthMs: 3_000_000 });
    media({ duration: Infinity, currentTime: 50_000 });
    expect(readMedia(document)).toEqual({ playing: true, lengthMs: Infinity });
  });
});

describe('what a page dispatches itself', () => {
  it('is not heard: synthetic input, media events and pagehide change nothing', () => {
    const heard: string[] = [];
    const controller = new AbortController();
    watchPresence(controller.signal, () => heard.push('input'), window);
    watchMedia(controller.signal, () => heard.push('media'), document);
    onTrustedPageHide(controller.signal, () => heard.push('pagehide'), window);
    for (const type of ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'pagehide'])
      window.dispatchEvent(new Event(type));
    for (const type of ['play', 'playing', 'volumechange']) document.dispatchEvent(new Event(type));
    // The page's own events are not trusted (`isTrusted` is false): none is heard.
    expect(heard).toEqual([]);
    controller.abort();
  });
});
