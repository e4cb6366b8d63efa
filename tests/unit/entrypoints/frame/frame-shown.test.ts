import { describe, expect, it, vi } from 'vitest';
import { whenLargeEnough } from '@/entrypoints/frame/frame-shown';
import { MIN_FRAME_SIDE } from '@/utils/page/frame-visibility';

/** A frame's window: its viewport size, and the resize events sent to it. */
function frameWindow(width: number, height: number) {
  const target = new EventTarget();
  const win = {
    innerWidth: width,
    innerHeight: height,
    addEventListener: vi.fn(target.addEventListener.bind(target)),
    removeEventListener: vi.fn(target.removeEventListener.bind(target)),
  };
  const resize = (toWidth: number, toHeight: number) => {
    win.innerWidth = toWidth;
    win.innerHeight = toHeight;
    target.dispatchEvent(new Event('resize'));
  };
  return { win: win as unknown as Window, resize, listeners: win };
}

describe('a frame waits until it is large enough to be a player', () => {
  it('starts at once in a frame of a player’s size', () => {
    const { win, listeners } = frameWindow(640, 360);
    const start = vi.fn();
    whenLargeEnough(win, start);
    expect(start).toHaveBeenCalledExactlyOnceWith(false);
    expect(listeners.addEventListener).not.toHaveBeenCalled();
  });

  it.each([
    ['hidden or zero-sized', 0, 0],
    ['a 1 × 1 beacon', 1, 1],
    ['a thin strip', 728, MIN_FRAME_SIDE - 1],
  ])('does nothing in a frame %s, until it grows', (_label, width, height) => {
    const { win, resize } = frameWindow(width, height);
    const start = vi.fn();
    whenLargeEnough(win, start);
    expect(start).not.toHaveBeenCalled();
    // A resize that leaves it too small (or a fake one: the size is read afresh) starts nothing.
    resize(width, height);
    resize(MIN_FRAME_SIDE - 1, 500);
    expect(start).not.toHaveBeenCalled();
    resize(640, 360);
    expect(start).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('starts once however often it is resized after', () => {
    const { win, resize, listeners } = frameWindow(0, 0);
    const start = vi.fn();
    whenLargeEnough(win, start);
    resize(640, 360);
    resize(800, 450);
    resize(0, 0);
    resize(640, 360);
    expect(start).toHaveBeenCalledTimes(1);
    expect(listeners.removeEventListener).toHaveBeenCalledTimes(1);
  });
});
