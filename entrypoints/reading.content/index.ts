import { browser, defineContentScript } from '#imports';
import { watchPresence } from '@/entrypoints/reading.content/attention';
import { watchForLateContent } from '@/entrypoints/reading.content/late-content';
import {
  startReadingSession,
  type ReadingSession,
} from '@/entrypoints/reading.content/reading-session';
import { detectResource } from '@/utils/detection';
import { KNOWN_SITE_PATTERNS } from '@/utils/site-access/known-sites';

/** How long after load (or a single-page navigation) late-rendered content is waited for. */
const LATE_CONTENT_MS = 15_000;
/** The DOM has settled when it has not changed for this long. */
const QUIET_MS = 750;

export default defineContentScript({
  // Not in the manifest's content_scripts. The background registers this script for
  // the sites the learner chose (scripting.registerContentScripts) and the popup injects it into
  // the page in front when a site is turned on. These narrow patterns, the known learning
  // sites, become the only install-time host permissions.
  registration: 'runtime',
  matches: [...KNOWN_SITE_PATTERNS],
  runAt: 'document_idle',
  // A second copy (injected when a site is turned on) replaces the first through WXT's
  // in-world event; no window.postMessage tells the page that Learnlog is there.
  noScriptStartedPostMessage: true,
  main(ctx) {
    // Private windows are not watched: nothing is detected, counted or sent. The
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
