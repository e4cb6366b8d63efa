/**
 * What makes a frame one a reader can see, for the frame script (about itself) and the reading
 * script (about the page's frames).
 */

/** Smaller than this (CSS pixels each way), a frame is a pixel or a tracker, not a player. */
export const MIN_FRAME_SIDE = 40;
/** Below this opacity a frame is not something a reader sees. */
export const MIN_OPACITY = 0.1;

/** Hidden by an ancestor element's style: `visibility` or an opacity below MIN_OPACITY. */
export function hiddenByStyle(element: Element | null, win: Window): boolean {
  let opacity = 1;
  for (let node: Element | null = element; node; node = node.parentElement) {
    const style = win.getComputedStyle(node);
    if (node === element && style.visibility !== 'visible') return true;
    const own = Number.parseFloat(style.opacity);
    opacity *= Number.isFinite(own) ? own : 1;
    if (opacity < MIN_OPACITY) return true;
  }
  return false;
}
