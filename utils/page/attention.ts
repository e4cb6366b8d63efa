import type { AttentionState } from '@/utils/tracking/accountant';

/**
 * Reads the tab's attention from the browser and reports the reader's presence. The script runs
 * in an isolated world, so a page that overrides `document.visibilityState` or `hasFocus` in its
 * own scripts does not change what is read here. Events only prompt a fresh read, and synthetic
 * ones (`isTrusted` false) are ignored: a page cannot fake a reader.
 */

/**
 * Input that only a person produces. Not `scroll`: a page's own `scrollBy()` fires trusted scroll
 * events; keyboard, wheel and touch scrolling arrive here as keydown, wheel and touchstart.
 */
const PRESENCE_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
const MEDIA_EVENTS = [
  'play',
  'playing',
  'pause',
  'ended',
  'emptied',
  'volumechange',
  'ratechange',
  'durationchange',
  'waiting',
  'stalled',
] as const;

/**
 * Quieter than this, media does not say anyone is listening: a page can loop a file at a
 * whisper to look attended. 0.1 is a tenth of the player's full volume, about −20 dB, well below
 * what anyone would choose to listen at, and far above the near-silence such a page would use.
 */
export const MIN_AUDIBLE_VOLUME = 0.1;
/** HTMLMediaElement.HAVE_FUTURE_DATA: enough is loaded for it to be playing, not stalled. */
const HAVE_FUTURE_DATA = 3;

/** What is playing that a reader could be listening to. */
export interface MediaState {
  playing: boolean;
  /** The length of the longest such media, in milliseconds (Infinity for a live stream). */
  lengthMs: number;
}

/**
 * Whether one media element is playing where a reader could hear it: in the page (a player
 * removed from the page while it played fires its pause on the detached element, which no
 * listener on the document hears), not paused or ended, inside its own length, with sound at a
 * volume someone would listen at, and with enough data to be playing.
 */
export function isAudible(media: HTMLMediaElement): boolean {
  return (
    media.isConnected &&
    !media.paused &&
    !media.ended &&
    !media.muted &&
    media.volume >= MIN_AUDIBLE_VOLUME &&
    media.playbackRate > 0 &&
    media.readyState >= HAVE_FUTURE_DATA &&
    !(Number.isFinite(media.duration) && media.currentTime >= media.duration)
  );
}

/** The page's audible media, read afresh (it is read again before every report). */
export function readMedia(doc: Document = document): MediaState {
  const players = doc.querySelectorAll('video, audio');
  let lengthMs = 0;
  let playing = false;
  for (let index = 0; index < players.length; index++) {
    const media = players[index] as HTMLMediaElement;
    if (!isAudible(media)) continue;
    playing = true;
    const length = Number.isFinite(media.duration) ? media.duration * 1000 : Infinity;
    lengthMs = Math.max(lengthMs, length);
  }
  return { playing, lengthMs };
}

export function readAttention(doc: Document = document): AttentionState {
  const media = readMedia(doc);
  return {
    visible: doc.visibilityState === 'visible',
    focused: doc.hasFocus(),
    mediaPlaying: media.playing,
    mediaLengthMs: media.lengthMs,
  };
}

/**
 * Calls `handler` for each trusted `types` event on `target` until `signal` aborts, in the
 * capture phase (so events that do not bubble, such as media events, are heard from every
 * element below). A page's own synthetic events are ignored.
 */
function listenTrusted(
  target: EventTarget | null,
  types: readonly string[],
  handler: () => void,
  signal: AbortSignal,
): void {
  const trusted = (event: Event) => {
    if (event.isTrusted) handler();
  };
  for (const type of types)
    target?.addEventListener(type, trusted, { signal, capture: true, passive: true });
}

/** Listens until `signal` aborts (the session ends, or the script's copy does). */
export function watchAttention(
  signal: AbortSignal,
  onChange: () => void,
  doc: Document = document,
): void {
  listenTrusted(doc, ['visibilitychange'], onChange, signal);
  listenTrusted(doc.defaultView, ['focus', 'blur', 'pageshow'], onChange, signal);
  watchMedia(signal, onChange, doc);
}

/** Calls `onChange` after each trusted media event in the document (read the media afresh). */
export function watchMedia(
  signal: AbortSignal,
  onChange: () => void,
  doc: Document = document,
): void {
  listenTrusted(doc, MEDIA_EVENTS, onChange, signal);
}

/** Calls `onInput` for each trusted input event until `signal` aborts. */
export function watchPresence(
  signal: AbortSignal,
  onInput: () => void,
  win: Window = window,
): void {
  listenTrusted(win, PRESENCE_EVENTS, onInput, signal);
}

/** Calls `handler` when the page goes (reload, navigation, tab closed): trusted `pagehide` only. */
export function onTrustedPageHide(
  signal: AbortSignal,
  handler: () => void,
  win: Window = window,
): void {
  listenTrusted(win, ['pagehide'], handler, signal);
}
