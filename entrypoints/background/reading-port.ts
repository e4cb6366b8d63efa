import { browser } from '#imports';
import type { ProgressManager } from '@/entrypoints/background/progress';
import { getTabResource } from '@/entrypoints/background/tab-state';
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

/** Two stretches this close (wall and monotonic readings of one moment) are one. */
const STRETCHES_MEET_MS = 1_000;

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
  /** The page's open promise: "I go on counting for `forMs` from `at` (monotonic)". */
  let promise: { url: string; at: number; forMs: number } | undefined;
  /**
   * The stretch the previous promise covered until the page's latest hint (wall time), which
   * the report sent with that hint also carries. Kept because a closing tab's last report may
   * be lost (Firefox drops messages from a page being closed) while its "stopped" hint, sent
   * when the closing window lost the focus, arrives.
   */
  let reported: { url: string; from: number; to: number } | undefined;
  /** The tab's detection of the hinted resource, read once per address, for a tab gone by then. */
  let known: ResourceDetection | undefined;
  port.onMessage.addListener((message: unknown) => {
    const parsed = CountingHintSchema.safeParse(message);
    if (!parsed.success) return;
    const { url, countingForMs } = parsed.data.data;
    const at = clocks.monotonic();
    const wall = clocks.now();
    const covered = promise ? Math.min(Math.max(0, at - promise.at), promise.forMs) : 0;
    reported =
      promise && covered > 0 ? { url: promise.url, from: wall - covered, to: wall } : undefined;
    promise = countingForMs > 0 ? { url, at, forMs: countingForMs } : undefined;
    if (known?.url === url) return;
    void getTabResource(from.tabId).then((tab) => {
      if (tab?.detection.url === url) known = tab.detection;
    });
  });
  port.onDisconnect.addListener(() => {
    const end = clocks.now();
    // The open promise, from its hint (placed by the clock that does not jump) for as long as it
    // promised, never up to now: a page that hung after its hint promised no more.
    const elapsed = promise ? Math.max(0, clocks.monotonic() - promise.at) : 0;
    const open = promise && {
      url: promise.url,
      from: end - elapsed,
      to: end - elapsed + Math.min(elapsed, promise.forMs),
    };
    const before = reported && (!open || reported.url === open.url) ? reported : undefined;
    const url = open?.url ?? before?.url;
    if (!url) return;
    // One stretch when they meet (the one before ends at the hint the open one starts from);
    // each on its own when the wall clock moved between them.
    const stretches =
      open && before && Math.abs(open.from - before.to) > STRETCHES_MEET_MS
        ? [before, open]
        : [{ from: before?.from ?? open!.from, to: open?.to ?? before!.to }];
    const lastKnown = known?.url === url ? known : undefined;
    // Paused or stopped since the hint: the stretch is not the learner's to keep. Counted less
    // anything a report that did arrive covered, so a stretch is never counted twice.
    void isWatchedPage(from.pageUrl).then(async (watched) => {
      if (!watched) return;
      for (const stretch of stretches)
        await progress.portClosedWhileCounting(
          from.tabId,
          url,
          lastKnown,
          stretch.from,
          stretch.to,
        );
    });
  });
}
