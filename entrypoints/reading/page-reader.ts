import { watchPresence } from '@/utils/page/attention';
import { watchFrameLoads } from '@/utils/page/frame-loads';
import {
  createFrameMedia,
  frameMayCount,
  listPageFrames,
  type RelayedPresence,
} from '@/entrypoints/reading/frames';
import { watchForLateContent } from '@/entrypoints/reading/late-content';
import { createReaderEstimate } from '@/entrypoints/reading/reader-estimate';
import {
  startReadingSession,
  type ReadingSession,
  type SessionPorts,
} from '@/entrypoints/reading/reading-session';
import type { ScriptContext } from '@/utils/page/script-context';
import type { CopyReading } from '@/utils/detection/page-copy';
import type { NotResourceKind } from '@/utils/detection/page-kinds';
import type { PageCopy } from '@/utils/page/page-copy';
import type { ResourceDetection } from '@/utils/detection/schema';
import type {
  CountForOpenerReply,
  FrameHostsReply,
  PageKindReply,
  ToContentMessage,
} from '@/utils/messages/to-content';

/** How long after load (or a single-page navigation) late-rendered content is waited for. */
const LATE_CONTENT_MS = 15_000;
/** The DOM has settled when it has not changed for this long. */
const QUIET_MS = 750;

export interface PageReaderPorts extends Omit<SessionPorts, 'context' | 'onHeard'> {
  context: ScriptContext;
  doc: Document;
  win: Window;
  /**
   * Messages from the extension (already checked: from the extension, of a known shape); the
   * handler's promise is the reply.
   */
  onExtensionMessage(
    signal: AbortSignal,
    handler: (message: ToContentMessage) => Promise<unknown> | undefined,
  ): void;
  /** Runs `handler` once, when the page is idle (`requestIdleCallback`). */
  whenIdle(handler: () => void): void;
  /** A copy of the page as it is now (utils/page/page-copy.ts). */
  copyPage(): PageCopy;
  /**
   * Detection's answer for a copy, read in an extension document; undefined when the background
   * would not read it (the learner paused Learnlog, or stopped watching the site).
   */
  readCopy(copy: PageCopy): Promise<CopyReading | undefined>;
}

/**
 * A copy the background could not read (its reader failing for a moment) or would not (the
 * learner paused Learnlog while the page was open) is sent again after these waits, and then at
 * the learner's next input on the page, at most once in `LOOK_AGAIN_AT_INPUT_MS`: a page opened
 * while paused starts counting soon after the learner resumes and reads on.
 */
const LOOK_AGAIN_MS = [1_000, 4_000];
const LOOK_AGAIN_AT_INPUT_MS = 15_000;

/** At most this many frame hosts are named to the popup. */
const MAX_FRAME_HOSTS = 10;
/** Frame loads in a burst are told to the background once. */
const FRAME_LOADS_SETTLE_MS = 500;

/**
 * Reads one page for as long as this copy of the script lives: is it a learning resource, and
 * while it is, one reading session counts the learner's time on it. Looks again when content
 * renders late, when a single-page app moves to its next page, and when the main media's length
 * becomes known. Detection runs on a copy of the page in an extension document, not here: its
 * code would be compiled afresh on every page load (docs/performance.md). Not a learning
 * resource: nothing is stored, and the copy is kept nowhere.
 */
export function readPage(ports: PageReaderPorts): void {
  const { context, doc, win } = ports;
  let session: ReadingSession | undefined;
  let stopWatching: (() => void) | undefined;
  // What the page's frames heard: their media stands in for the reader as the page's own does.
  const frameMedia = createFrameMedia(ports.now);
  const sessionPorts: SessionPorts = {
    ...ports,
    onHeard: (url) => readerEstimate.heard(url),
    readAttention: () => {
      const own = ports.readAttention();
      const frames = frameMedia.current();
      return frames.playing
        ? {
            ...own,
            mediaPlaying: true,
            mediaLengthMs: Math.max(own.mediaPlaying ? own.mediaLengthMs : 0, frames.lengthMs),
          }
        : own;
    },
  };
  /** A page opened by a tab showing a resource (a player window) counts for that resource. */
  let borrowed: ResourceDetection | undefined;
  /** The opener's resource, while this page did not look like its player yet. */
  let opener: { detection: ResourceDetection; origin: string | null } | undefined;
  // Presence outlives sessions: arriving on the page is the reader's act, and later sessions
  // (single-page navigation) start from the page's real last input. One set of listeners for
  // the page; the current session hears of each input from here.
  let lastInputAt = ports.now();

  /**
   * What the page needs only once the background has answered for it (it watches the page): the
   * reader's presence, the extension's messages, frames loading. Wired then, not as the script
   * starts, so that a page's load pays little more than the copy (docs/performance.md). Until
   * then a page has nothing to say: the background asks a player window again for 8 s, and a
   * popup opened before the answer shows that Learnlog found no resource here.
   */
  let wired = false;
  const wire = () => {
    if (wired) return;
    wired = true;
    watchPresence(
      context.signal,
      () => {
        lastInputAt = ports.now();
        if (!session && opener) countForOpener(opener.detection, opener.origin);
        session?.input();
      },
      win,
    );

    ports.onExtensionMessage(context.signal, (message) => {
      switch (message.type) {
        case 'background:frame-presence':
          framePresence(message.data);
          return undefined;
        case 'background:count-for-opener':
          return Promise.resolve(countForOpener(message.data.detection, message.data.origin));
        case 'popup:list-frames': {
          const hosts = new Set<string>();
          for (const frame of listPageFrames(doc))
            if (frame.shown && frame.host) hosts.add(frame.host);
          const reply: FrameHostsReply = { hosts: [...hosts].slice(0, MAX_FRAME_HOSTS) };
          return Promise.resolve(reply);
        }
        case 'popup:page-kind': {
          const reply: PageKindReply = { kind: session ? null : notResource };
          return Promise.resolve(reply);
        }
        default:
          return undefined;
      }
    });

    // A frame loaded (a player added, its next page): the background tells the new frames the
    // tab shows a resource. Told once per burst, and only while there is a resource.
    let framesSettle: ReturnType<typeof setTimeout> | undefined;
    watchFrameLoads(context.signal, doc, () => {
      if (!session || framesSettle !== undefined) return;
      framesSettle = context.setTimeout(() => {
        framesSettle = undefined;
        if (session) ports.send('content:frames-changed', {}).catch(() => undefined);
      }, FRAME_LOADS_SETTLE_MS);
    });
  };

  /** Why the page is not a resource, for the popup; never stored or sent anywhere else. */
  let notResource: NotResourceKind | null = null;
  // A resource that states no time is estimated again from Reader View's count, once idle.
  const readerEstimate = createReaderEstimate({
    ask: async (url) => (await ports.send('content:reader-count', { url })) ?? null,
    whenIdle: (handler) =>
      ports.whenIdle(() => {
        if (context.isValid()) handler();
      }),
    counted: () => apply(),
    language: () => doc.documentElement.getAttribute('lang'),
  });
  /** The latest answer about the page, and the copy it was for; late answers are dropped. */
  let reading: CopyReading | undefined;
  let answered: PageCopy | undefined;
  let looks = 0;
  let lookedAt = -Infinity;
  let lookingAgain = 0;
  /** Listening for the learner's next input, to look again (see `LOOK_AGAIN_MS`). */
  let atInput: AbortController | undefined;
  const lookAgainLater = () => {
    const wait = LOOK_AGAIN_MS[lookingAgain];
    if (wait !== undefined) {
      lookingAgain += 1;
      context.setTimeout(() => look(), wait);
      return;
    }
    if (atInput) return;
    atInput = new AbortController();
    const listening = atInput;
    context.signal.addEventListener('abort', () => listening.abort());
    watchPresence(
      listening.signal,
      () => {
        if (ports.now() - lookedAt < LOOK_AGAIN_AT_INPUT_MS) return;
        listening.abort();
        atInput = undefined;
        look();
      },
      win,
    );
  };
  /** Sends a copy of the page to be read; its answer is applied when it is the latest look's. */
  const look = () => {
    let copy: PageCopy;
    try {
      copy = ports.copyPage();
    } catch {
      return;
    }
    // Nothing changed since the answer in hand (a DOM that changed and changed back).
    if (reading && answered && sameCopy(copy, answered)) return;
    const asked = ++looks;
    lookedAt = ports.now();
    ports.readCopy(copy).then(
      (answer) => {
        if (!context.isValid()) return;
        if (!answer) {
          if (asked === looks) lookAgainLater();
          return;
        }
        lookingAgain = 0;
        atInput?.abort();
        atInput = undefined;
        wire();
        if (asked !== looks) return;
        reading = answer;
        answered = copy;
        apply();
      },
      () => {
        if (context.isValid() && asked === looks) lookAgainLater();
      },
    );
  };
  /** Starts, updates or ends the session from the latest answer (and the opener's resource). */
  const apply = () => {
    // A page that is a resource itself counts for itself, even in a player window.
    notResource = reading?.notResource ?? null;
    const own = reading?.detection ?? undefined;
    const detection = (own ? readerEstimate.apply(own) : undefined) ?? borrowed;
    if (session && detection?.url === session.url) {
      // Same resource, better information (late content, media metadata): update it.
      session.update(detection);
      return;
    }
    session?.stop();
    frameMedia.clear();
    session = detection ? startReadingSession(sessionPorts, detection, lastInputAt) : undefined;
  };

  /** Looks again each time the DOM settles, for a while; then no observer is left running. */
  const watchWhileContentArrives = () => {
    stopWatching?.();
    stopWatching = watchForLateContent({
      target: doc.documentElement,
      onQuiet: () => {
        if (context.isValid()) look();
      },
      quietMs: QUIET_MS,
      maxMs: LATE_CONTENT_MS,
    });
  };
  context.signal.addEventListener('abort', () => {
    stopWatching?.();
    session?.stop();
  });

  look();
  watchWhileContentArrives();

  // Single-page apps change the address without a reload, usually before they render the new
  // page: the old session ends at once, and the new page is read once the DOM has settled (or
  // shortly, if it does not change at all). One pending look at a time, however fast a page
  // changes its address.
  let lookAfterNavigation: ReturnType<typeof setTimeout> | undefined;
  context.onLocationChange(() => {
    session?.stop();
    session = undefined;
    // An answer still on its way is about the page that was left.
    looks++;
    reading = undefined;
    answered = undefined;
    watchWhileContentArrives();
    context.clearTimeout(lookAfterNavigation);
    lookAfterNavigation = context.setTimeout(() => {
      if (!session) look();
    }, QUIET_MS * 2);
  });

  /** A frame heard the reader: it counts as the page's own input and media, if it is shown. */
  const framePresence = (report: RelayedPresence) => {
    if (!session) return;
    if (!frameMayCount(listPageFrames(doc), report.origin, report.viewport)) {
      if (frameMedia.forget(report.frameId)) session.attentionChanged();
      return;
    }
    if (report.inputAgoMs !== null) {
      const at = ports.now() - report.inputAgoMs;
      lastInputAt = Math.max(lastInputAt, at);
      session.input(at);
    }
    if (frameMedia.report(report.frameId, report.media)) session.attentionChanged();
  };

  const countForOpener = (
    detection: ResourceDetection,
    origin: string | null,
  ): CountForOpenerReply => {
    const here = win.location.origin;
    // A player window counts while it stays on the site it opened on, not once the learner
    // browses elsewhere in that tab; and only a page that plays something (a frame shown, a
    // video or audio element) or is the resource's own site: a shop or a news page opened from
    // a link in the resource is not its player.
    const playsSomething =
      doc.querySelector('video, audio') !== null ||
      listPageFrames(doc).some((frame) => frame.shown) ||
      new URL(detection.url).origin === here;
    const onItsSite = origin === null || origin === here;
    // A tab opened behind the current one is not laid out yet, so its frames are not shown:
    // looked at again at the learner's first input there.
    opener = onItsSite && !playsSomething ? { detection, origin } : undefined;
    if (onItsSite && playsSomething) {
      borrowed = detection;
      if (!session) apply();
    }
    return { origin: here, counting: session?.url === detection.url };
  };

  // The main video or audio states its length once its metadata loads.
  doc.addEventListener(
    'loadedmetadata',
    (event) => {
      if (event.isTrusted && context.isValid() && !session?.detection.stated) look();
    },
    { capture: true, signal: context.signal },
  );
}

const sameCopy = (a: PageCopy, b: PageCopy) =>
  a.url === b.url &&
  a.html === b.html &&
  a.media.length === b.media.length &&
  a.media.every((seconds, index) => seconds === b.media[index]);
