import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchForLateContent } from '@/entrypoints/reading/late-content';

describe('watchForLateContent', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  // happy-dom delivers mutation records on a timer.
  const flushMutations = () => vi.advanceTimersByTimeAsync(0);

  it('looks again once the page has been quiet, however often it changed', async () => {
    const onQuiet = vi.fn();
    watchForLateContent({ target: document.body, onQuiet, quietMs: 750, maxMs: 15_000 });
    for (let index = 0; index < 5; index++) {
      document.body.append(document.createElement('p'));
      await flushMutations();
      vi.advanceTimersByTime(200);
    }
    expect(onQuiet).not.toHaveBeenCalled();
    vi.advanceTimersByTime(750);
    expect(onQuiet).toHaveBeenCalledTimes(1);
  });

  it('leaves no observer or timer behind after its time is up', async () => {
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    const onQuiet = vi.fn();
    watchForLateContent({ target: document.body, onQuiet, quietMs: 750, maxMs: 15_000 });
    vi.advanceTimersByTime(15_000);
    expect(disconnect).toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    document.body.append(document.createElement('p'));
    await flushMutations();
    vi.advanceTimersByTime(5_000);
    expect(onQuiet).not.toHaveBeenCalled();
  });

  it('stops at once when asked', async () => {
    // Count only the watcher's own timers (happy-dom keeps some of its own).
    const active = new Set<unknown>();
    const timers = {
      setTimeout: ((callback: () => void, ms: number) => {
        const id = setTimeout(() => {
          active.delete(id);
          callback();
        }, ms);
        active.add(id);
        return id;
      }) as typeof setTimeout,
      clearTimeout: ((id: ReturnType<typeof setTimeout>) => {
        active.delete(id);
        clearTimeout(id);
      }) as typeof clearTimeout,
    };
    const onQuiet = vi.fn();
    const stop = watchForLateContent({
      target: document.body,
      onQuiet,
      quietMs: 750,
      maxMs: 15_000,
      timers,
    });
    document.body.append(document.createElement('p'));
    await flushMutations();
    expect(active.size).toBe(2);
    stop();
    expect(active.size).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(onQuiet).not.toHaveBeenCalled();
  });
});
