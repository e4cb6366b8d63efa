/**
 * Pages that render their content after load (single-page apps, lazy article bodies) are looked
 * at again: while the DOM keeps changing, `onQuiet` runs once it has been quiet for `quietMs`.
 * The watch ends by itself after `maxMs`, or when `stop()` is called, so a page that never becomes
 * a learning resource is left with no observer or timer running.
 */
export interface LateContentOptions {
  target: Node;
  onQuiet: () => void;
  quietMs: number;
  maxMs: number;
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
}

export function watchForLateContent({
  target,
  onQuiet,
  quietMs,
  maxMs,
  timers = globalThis,
}: LateContentOptions): () => void {
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    if (quietTimer !== undefined) timers.clearTimeout(quietTimer);
    quietTimer = timers.setTimeout(onQuiet, quietMs);
  });
  observer.observe(target, { childList: true, subtree: true });
  const deadline = timers.setTimeout(() => stop(), maxMs);

  function stop(): void {
    observer.disconnect();
    if (quietTimer !== undefined) timers.clearTimeout(quietTimer);
    timers.clearTimeout(deadline);
    quietTimer = undefined;
  }
  return stop;
}
