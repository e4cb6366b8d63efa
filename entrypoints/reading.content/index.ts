import { watchPresence } from '@/entrypoints/reading.content/attention';
import { watchForLateContent } from '@/entrypoints/reading.content/late-content';
import {
  startReadingSession,
  type ReadingSession,
} from '@/entrypoints/reading.content/reading-session';
import { detectResource } from '@/utils/detection';

/** How long after load (or a single-page navigation) late-rendered content is waited for. */
const LATE_CONTENT_MS = 15_000;
/** The DOM has settled when it has not changed for this long. */
const QUIET_MS = 750;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    // Private windows are not watched (issue #8): nothing is detected, counted or sent. The
    // background also ignores any message from a private tab.
    if (browser.extension.inIncognitoContext) return;
    let session: ReadingSession | undefined;
    let stopWatching: (() => void) | undefined;
    // Presence outlives sessions: arriving on the page is the reader's act, and later sessions
    // (single-page navigation) start from the page's real last input. One set of listeners for
    // the page; the current session hears of each input from here.
    let lastInputAt = performance.now();
    watchPresence(ctx.signal, () => {
      lastInputAt = performance.now();
      session?.input();
    });

    const detect = () => {
      const detection = detectResource(document, new URL(location.href));
      if (session && detection?.url === session.url) {
        // Same resource, better information (late content, media metadata): update it.
        session.update(detection);
        return;
      }
      session?.stop();
      // Not a learning resource: nothing is sent, nothing is stored.
      session = detection ? startReadingSession(ctx, detection, lastInputAt) : undefined;
    };

    /** Looks again each time the DOM settles, for a while; then no observer is left running. */
    const watchWhileContentArrives = () => {
      stopWatching?.();
      stopWatching = watchForLateContent({
        target: document.documentElement,
        onQuiet: detect,
        quietMs: QUIET_MS,
        maxMs: LATE_CONTENT_MS,
      });
    };
    ctx.onInvalidated(() => stopWatching?.());

    detect();
    watchWhileContentArrives();

    // Single-page apps change the address without a reload, usually before they render the new
    // page: the old session ends at once, and the new page is read once the DOM has settled (or
    // shortly, if it does not change at all).
    // One pending look at a time, however fast a page changes its address.
    let lookAfterNavigation: number | undefined;
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      session?.stop();
      session = undefined;
      watchWhileContentArrives();
      clearTimeout(lookAfterNavigation);
      lookAfterNavigation = ctx.setTimeout(() => {
        if (!session) detect();
      }, QUIET_MS * 2);
    });

    // The main video or audio states its length once its metadata loads (signal 5).
    ctx.addEventListener(
      document,
      'loadedmetadata',
      (event) => {
        if (event.isTrusted && !session?.detection.stated) detect();
      },
      { capture: true },
    );
  },
});
