import { browser } from '#imports';
import type { ProgressManager } from '@/entrypoints/background/progress';
import { getTabResource, unstoredMsOf } from '@/entrypoints/background/tab-state';
import type { ResourceDetection } from '@/utils/detection/schema';
import { CountingHintSchema } from '@/utils/messages/protocol';
import { READING_PORT } from '@/utils/messages/reading-port';
import { classifySender } from '@/utils/messages/sender';

type ReadingPort = ReturnType<typeof browser.runtime.connect>;

/** The clocks a port needs: wall time for stretches, a clock that does not jump for lengths. */
export interface PortClocks {
  now: () => number;
  /** Monotonic milliseconds: a port lives within one worker, so this never jumps meanwhile. */
  monotonic: () => number;
}

const SYSTEM_CLOCKS: PortClocks = { now: Date.now, monotonic: () => performance.now() };

/**
 * One reading port per content-script session (see READING_PORT). It carries only counting
 * hints, validated like every message; when it closes while the page was counting, the promised
 * stretch is counted. State lives in this closure: the worker stays awake while a page is
 * counting, because counting pages report every few seconds. How long passed since the hint is
 * measured on the monotonic clock, so a system clock put back meanwhile loses nothing.
 */
export function handleReadingPort(
  port: ReadingPort,
  progress: ProgressManager,
  isWatchedPage: (pageUrl: URL) => Promise<boolean>,
  clocks: PortClocks = SYSTEM_CLOCKS,
): void {
  if (port.name !== READING_PORT) return;
  const from = classifySender(port.sender ?? {}, browser.runtime.id, browser.runtime.getURL('/'));
  if (from.kind !== 'content') {
    port.disconnect();
    return;
  }
  let hint:
    { detection: ResourceDetection; at: number; forMs: number; unstoredMs: number } | undefined;
  port.onMessage.addListener((message: unknown) => {
    const parsed = CountingHintSchema.safeParse(message);
    if (!parsed.success) return;
    const at = clocks.monotonic();
    const { url, countingForMs } = parsed.data.data;
    // Only the resource this tab announced.
    // (A tab the learner stops watching is forgotten, so its hints fail this check too.)
    void getTabResource(from.tabId).then((tab) => {
      if (tab?.url === url)
        hint = {
          detection: tab.detection,
          at,
          forMs: countingForMs,
          unstoredMs: unstoredMsOf(tab),
        };
    });
  });
  port.onDisconnect.addListener(() => {
    if (!hint || hint.forMs <= 0) return;
    const { detection, at, forMs, unstoredMs } = hint;
    const promised = Math.min(Math.max(0, clocks.monotonic() - at), forMs);
    const end = clocks.now();
    // Paused or stopped since the hint: the promised stretch is not the learner's to keep.
    void isWatchedPage(from.pageUrl).then((watched) => {
      if (watched)
        void progress.portClosedWhileCounting(detection, end - promised, end, unstoredMs);
    });
  });
}
