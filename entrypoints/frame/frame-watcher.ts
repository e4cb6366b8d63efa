import type { MediaState } from '@/utils/page/attention';
import { MAX_INPUT_AGO_MS, type FramePresence } from '@/utils/messages/to-content';

/**
 * The frame script's rules: in a frame of a page (a player, a quiz, a video embed), hear the
 * reader — trusted input, audible media — and tell the background, which passes it to the tab's
 * reading script, the one that counts. Nothing is detected or counted here.
 *
 * Quiet by default: until the background says the tab shows a resource (`setWatching(true)`),
 * nothing is sent and no timer runs; input only updates a number. While watching, a frame sends
 * at most one report every `REPORT_EVERY_MS` while the reader gives input, and while its media
 * plays audibly one every `MEDIA_BEAT_MS` (so the reading script knows it still plays). Only a
 * frame that is shown counts: on screen, with some size, not hidden by a same-origin parent.
 */

/** At most one report this often while the reader gives input in the frame. */
export const REPORT_EVERY_MS = 3_000;
/** While media plays audibly, a report this often says it still does. */
export const MEDIA_BEAT_MS = 5_000;

export interface FrameWatcherPorts {
  /** Aborts when this copy of the script ends. */
  signal: AbortSignal;
  /** Monotonic milliseconds. */
  now: () => number;
  setTimeout(handler: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimeout(id: ReturnType<typeof setTimeout> | undefined): void;
  /** Sends a report; the reply says whether the tab still shows a resource (undefined: unknown). */
  send(report: FramePresence): Promise<{ watching: boolean } | undefined>;
  /** The frame's audible media, read afresh. */
  readMedia(): MediaState;
  /** The frame's viewport size (CSS pixels). */
  viewport(): { width: number; height: number };
  /** Calls `onInput` for each trusted input event in the frame. */
  watchInput(signal: AbortSignal, onInput: () => void): void;
  /** Calls `onChange` after each trusted media event in the frame (read it afresh). */
  watchMedia(signal: AbortSignal, onChange: () => void): void;
  /** Calls `onChange` with whether the frame is shown, first soon after it is called. */
  watchShown(signal: AbortSignal, onChange: (shown: boolean) => void): void;
  /** Trusted pagehide: the frame's document is going. */
  onPageHide(signal: AbortSignal, handler: () => void): void;
}

export interface FrameWatcher {
  /** The background says whether the tab shows a resource. */
  setWatching(watching: boolean): void;
  readonly watching: boolean;
}

const SILENT = { playing: false, lengthMs: null } as const;

export function startFrameWatcher(ports: FrameWatcherPorts): FrameWatcher {
  let watching = false;
  let shown = false;
  /** Controls what runs only while watching (the shown observer). */
  let whileWatching: AbortController | undefined;
  let lastInputAt: number | undefined;
  /** The latest input already reported (so a report never repeats it). */
  let reportedInputAt: number | undefined;
  let lastReportAt = -Infinity;
  let reportedMedia: FramePresence['media'] = SILENT;
  let trailing: ReturnType<typeof setTimeout> | undefined;
  let beat: ReturnType<typeof setTimeout> | undefined;

  const mediaNow = (): FramePresence['media'] => {
    if (!shown) return SILENT;
    const media = ports.readMedia();
    if (!media.playing) return SILENT;
    return {
      playing: true,
      lengthMs: Number.isFinite(media.lengthMs) ? Math.round(media.lengthMs) : null,
    };
  };
  const newInput = () =>
    shown && lastInputAt !== undefined && lastInputAt !== reportedInputAt ? lastInputAt : undefined;

  function report(): void {
    ports.clearTimeout(trailing);
    trailing = undefined;
    ports.clearTimeout(beat);
    beat = undefined;
    if (!watching) return;
    const now = ports.now();
    const input = newInput();
    const media = mediaNow();
    const ago = input === undefined ? undefined : Math.max(0, Math.round(now - input));
    // Input from longer ago than a report can carry (heard before the tab was watched) is
    // left out: it is older than anything that could still count.
    const { width, height } = ports.viewport();
    const presence: FramePresence = {
      inputAgoMs: ago !== undefined && ago <= MAX_INPUT_AGO_MS ? ago : null,
      media,
      viewport: { width: Math.round(width), height: Math.round(height) },
    };
    lastReportAt = now;
    reportedInputAt = input ?? reportedInputAt;
    reportedMedia = media;
    if (media.playing) beat = ports.setTimeout(report, MEDIA_BEAT_MS);
    void ports
      .send(presence)
      .then((reply) => {
        // The tab no longer shows a resource: quiet until told otherwise.
        if (reply?.watching === false) setWatching(false);
      })
      .catch(() => undefined);
  }

  /** When media last stopped counting with a report of its own. */
  let lastStopAt = -Infinity;

  /**
   * A report now, or as soon as the last one is `REPORT_EVERY_MS` old. Media that stopped
   * counting is said at once (the reader's time must not run on for it), though no more than
   * once per `REPORT_EVERY_MS` either: a page toggling its player cannot flood the extension.
   */
  function reportSoon(stopped = false): void {
    if (!watching) return;
    const now = ports.now();
    if (stopped && now - lastStopAt >= REPORT_EVERY_MS) {
      lastStopAt = now;
      report();
      return;
    }
    if (trailing !== undefined) return;
    const wait = lastReportAt + REPORT_EVERY_MS - now;
    if (wait <= 0) report();
    else trailing = ports.setTimeout(report, wait);
  }

  function mediaChanged(): void {
    if (!watching) return;
    const media = mediaNow();
    // Volume or rate events that change nothing that counts send nothing.
    if (media.playing !== reportedMedia.playing || media.lengthMs !== reportedMedia.lengthMs)
      reportSoon(reportedMedia.playing && !media.playing);
  }

  function setWatching(next: boolean): void {
    if (next === watching) return;
    watching = next;
    ports.clearTimeout(trailing);
    ports.clearTimeout(beat);
    trailing = beat = undefined;
    whileWatching?.abort();
    whileWatching = undefined;
    shown = false;
    reportedMedia = SILENT;
    if (!watching) return;
    whileWatching = new AbortController();
    ports.watchShown(AbortSignal.any([whileWatching.signal, ports.signal]), (isShown) => {
      const was = shown;
      shown = isShown;
      if (shown === was) return;
      // Shown: what was heard meanwhile counts. Hidden: media that was playing no longer does.
      if (shown && (newInput() !== undefined || mediaNow().playing)) reportSoon();
      else if (!shown && reportedMedia.playing) reportSoon(true);
    });
  }

  ports.watchInput(ports.signal, () => {
    lastInputAt = ports.now();
    if (watching && shown) reportSoon();
  });
  ports.watchMedia(ports.signal, mediaChanged);
  ports.onPageHide(ports.signal, () => {
    // The player is going: its media stops counting at once, not when its beat is missed.
    if (watching && reportedMedia.playing) {
      shown = false;
      report();
    }
  });
  ports.signal.addEventListener('abort', () => {
    ports.clearTimeout(trailing);
    ports.clearTimeout(beat);
  });

  return {
    setWatching,
    get watching() {
      return watching;
    },
  };
}
