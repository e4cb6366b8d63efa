import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startScriptContext, type ScriptContextPorts } from '@/utils/page/script-context';

describe('the reading script’s own context', () => {
  let runtimeId: string | undefined;
  let address: string;
  let scriptGlobal: Record<symbol, unknown>;
  const ports = (extra: Partial<ScriptContextPorts> = {}): ScriptContextPorts => ({
    runtimeId: () => runtimeId,
    scriptGlobal,
    location: () => address,
    ...extra,
  });

  beforeEach(() => {
    vi.useFakeTimers();
    runtimeId = 'learnlog@learnlog.app';
    address = 'https://learning.example.org/course/1';
    scriptGlobal = {};
  });
  afterEach(() => vi.useRealTimers());

  it('a newer copy in the page ends the older one', () => {
    const first = startScriptContext(ports());
    const second = startScriptContext(ports());
    expect(first.signal.aborted).toBe(true);
    expect(first.isValid()).toBe(false);
    expect(second.isValid()).toBe(true);
  });

  it('ends when the extension goes (reloaded, updated or removed), and runs no timer after', () => {
    const context = startScriptContext(ports());
    const ran = vi.fn();
    context.setTimeout(ran, 1_000);
    runtimeId = undefined;
    vi.advanceTimersByTime(1_000);
    expect(ran).not.toHaveBeenCalled();
    expect(context.signal.aborted).toBe(true);
  });

  it('clears its pending timers when it ends', () => {
    const context = startScriptContext(ports());
    const ran = vi.fn();
    context.setTimeout(ran, 1_000);
    context.end();
    vi.advanceTimersByTime(5_000);
    expect(ran).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('hears a single-page app change its address (polling where there is no Navigation API)', () => {
    const context = startScriptContext(ports());
    const changed = vi.fn();
    context.onLocationChange(changed);
    vi.advanceTimersByTime(3_000);
    expect(changed).not.toHaveBeenCalled();
    address = 'https://learning.example.org/course/2';
    vi.advanceTimersByTime(1_000);
    expect(changed).toHaveBeenCalledTimes(1);
    context.end();
    address = 'https://learning.example.org/course/3';
    vi.advanceTimersByTime(5_000);
    expect(changed).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('uses the Navigation API where the browser has it, and then does not poll', () => {
    const navigation = new EventTarget();
    const context = startScriptContext(ports({ navigation }));
    const changed = vi.fn();
    context.onLocationChange(changed);
    expect(vi.getTimerCount()).toBe(0);
    address = 'https://learning.example.org/course/2';
    navigation.dispatchEvent(new Event('navigate'));
    vi.advanceTimersByTime(0);
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('announces nothing to the page: no DOM event, message or attribute', () => {
    const dispatched = vi.spyOn(EventTarget.prototype, 'dispatchEvent');
    const posted = vi.spyOn(window, 'postMessage');
    const attributesBefore = document.documentElement.getAttributeNames();
    const windowKeysBefore = Object.keys(window);
    const first = startScriptContext({
      ...ports(),
      scriptGlobal: globalThis as unknown as Record<symbol, unknown>,
    });
    first.onLocationChange(() => undefined);
    const second = startScriptContext({
      ...ports(),
      scriptGlobal: globalThis as unknown as Record<symbol, unknown>,
    });
    address = 'https://learning.example.org/course/2';
    vi.advanceTimersByTime(2_000);
    second.end();
    expect(dispatched.mock.calls.filter(([event]) => event.type !== 'abort')).toEqual([]);
    expect(posted).not.toHaveBeenCalled();
    expect(document.documentElement.getAttributeNames()).toEqual(attributesBefore);
    // The copies find each other through a symbol, which Object.keys (or a page) never lists.
    expect(Object.keys(window)).toEqual(windowKeysBefore);
  });
});
