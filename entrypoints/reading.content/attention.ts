import type { AttentionState } from '@/utils/tracking/accountant';

/**
 * Reads the tab's attention state from the browser. The content script runs in an isolated
 * world, so a page that overrides `document.visibilityState` or `hasFocus` in its own scripts
 * does not change what is read here; events only prompt a fresh read, and synthetic ones
 * (`isTrusted` false) are ignored.
 */
export function readAttention(): AttentionState {
  return { visible: document.visibilityState === 'visible', focused: document.hasFocus() };
}

/** Listens until `signal` aborts (the session ends, or the extension is reloaded). */
export function watchAttention(
  signal: AbortSignal,
  onChange: (state: AttentionState) => void,
): void {
  const changed = (event: Event) => {
    if (event.isTrusted) onChange(readAttention());
  };
  document.addEventListener('visibilitychange', changed, { signal });
  window.addEventListener('focus', changed, { signal });
  window.addEventListener('blur', changed, { signal });
  window.addEventListener('pageshow', changed, { signal });
}
