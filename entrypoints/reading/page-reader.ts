import { watchPresence } from '@/entrypoints/reading/attention';
import { watchForLateContent } from '@/entrypoints/reading/late-content';
import {
  startReadingSession,
  type ReadingSession,
  type SessionPorts,
} from '@/entrypoints/reading/reading-session';
import type { ScriptContext } from '@/entrypoints/reading/script-context';
import { detectResource } from '@/utils/detection';

/** How long after load (or a single-page navigation) late-rendered content is waited for. */
const LATE_CONTENT_MS = 15_000;
/** The DOM has settled when it has not changed for this long. */
const QUIET_MS = 750;

export interface PageReaderPorts extends Omit<SessionPorts, 'context'> {
  context: ScriptContext;
  doc: Document;
  win: Window;
}

/**
 * Reads one page for as long as this copy of the script lives: is it a learning resource, and
 * while it is, one reading session counts the learner's time on it. Looks again when content
 * renders late, when a single-page app moves to its next page, and when the main media's length
 * becomes known. Not a learning resource: nothing is sent, nothing is stored.
 */
export function readPage(ports: PageReaderPorts): void {
  const { context, doc, win } = ports;
  let session: ReadingSession | undefined;
  let stopWatching: (() => void) | undefined;
  // Presence outlives sessions: arriving on the page is the reader's act, and later sessions
  // (single-page navigation) start from the page's real last input. One set of listeners for
  // the page; the current session hears of each input from here.
  let lastInputAt = ports.now();
  watchPresence(
    context.signal,
    () => {
      lastInputAt = ports.now();
      session?.input();
    },
    win,
  );

  const detect = () => {
    const detection = detectResource(doc, new URL(win.location.href));
    if (session && detection?.url === session.url) {
      // Same resource, better information (late content, media metadata): update it.
      session.update(detection);
      return;
    }
    session?.stop();
    session = detection ? startReadingSession(ports, detection, lastInputAt) : undefined;
  };

  /** Looks again each time the DOM settles, for a while; then no observer is left running. */
  const watchWhileContentArrives = () => {
    stopWatching?.();
    stopWatching = watchForLateContent({
      target: doc.documentElement,
      onQuiet: () => {
        if (context.isValid()) detect();
      },
      quietMs: QUIET_MS,
      maxMs: LATE_CONTENT_MS,
    });
  };
  context.signal.addEventListener('abort', () => {
    stopWatching?.();
    session?.stop();
  });

  detect();
  watchWhileContentArrives();

  // Single-page apps change the address without a reload, usually before they render the new
  // page: the old session ends at once, and the new page is read once the DOM has settled (or
  // shortly, if it does not change at all). One pending look at a time, however fast a page
  // changes its address.
  let lookAfterNavigation: ReturnType<typeof setTimeout> | undefined;
  context.onLocationChange(() => {
    session?.stop();
    session = undefined;
    watchWhileContentArrives();
    context.clearTimeout(lookAfterNavigation);
    lookAfterNavigation = context.setTimeout(() => {
      if (!session) detect();
    }, QUIET_MS * 2);
  });

  // The main video or audio states its length once its metadata loads.
  doc.addEventListener(
    'loadedmetadata',
    (event) => {
      if (event.isTrusted && context.isValid() && !session?.detection.stated) detect();
    },
    { capture: true, signal: context.signal },
  );
}
