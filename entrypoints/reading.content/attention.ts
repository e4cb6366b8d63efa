import type { AttentionState } from '@/utils/tracking/accountant';

/**
 * Reads the tab's attention from the browser and reports the reader's presence. The content
 * script runs in an isolated world, so a page that overrides `document.visibilityState` or
 * `hasFocus` in its own scripts does not change what is read here. Events only prompt a fresh
 * read, and synthetic ones (`isTrusted` false) are ignored: a page cannot fake a reader.
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
  'waiting',
  'stalled',
] as const;

/** Some video or audio on the page is playing and can be heard. */
export function isMediaPlaying(): boolean {
  const players = document.querySelectorAll('video, audio');
  for (let index = 0; index < players.length; index++) {
    const media = players[index] as HTMLMediaElement;
    if (!media.paused && !media.ended && !media.muted && media.volume > 0 && media.readyState > 2)
      return true;
  }
  return false;
}

export function readAttention(): AttentionState {
  return {
    visible: document.visibilityState === 'visible',
    focused: document.hasFocus(),
    mediaPlaying: isMediaPlaying(),
  };
}

/** Listens until `signal` aborts (the session ends, or the extension is reloaded). */
export function watchAttention(
  signal: AbortSignal,
  onChange: (state: AttentionState) => void,
): void {
  const changed = (event: Event) => {
    if (event.isTrusted) onChange(readAttention());
  };
  const options = { signal, capture: true, passive: true };
  document.addEventListener('visibilitychange', changed, options);
  window.addEventListener('focus', changed, options);
  window.addEventListener('blur', changed, options);
  window.addEventListener('pageshow', changed, options);
  for (const type of MEDIA_EVENTS) document.addEventListener(type, changed, options);
}

/** Calls `onInput` for each trusted input event until `signal` aborts. */
export function watchPresence(signal: AbortSignal, onInput: () => void): void {
  const input = (event: Event) => {
    if (event.isTrusted) onInput();
  };
  for (const type of PRESENCE_EVENTS) {
    window.addEventListener(type, input, { signal, capture: true, passive: true });
  }
}
