import type { ContentScriptContext } from 'wxt/utils/content-script-context';
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

export function watchAttention(
  ctx: ContentScriptContext,
  onChange: (state: AttentionState) => void,
): void {
  const changed = (event: Event) => {
    if (event.isTrusted) onChange(readAttention());
  };
  ctx.addEventListener(document, 'visibilitychange', changed);
  ctx.addEventListener(window, 'focus', changed);
  ctx.addEventListener(window, 'blur', changed);
  ctx.addEventListener(window, 'pageshow', changed);
}
