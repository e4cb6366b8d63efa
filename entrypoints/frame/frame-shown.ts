import { hiddenByStyle, MIN_FRAME_SIDE } from '@/utils/page/frame-visibility';

/**
 * Whether a frame is shown to the reader, as the frame itself can tell: an IntersectionObserver
 * with the implicit root measures the frame's document against the top-level viewport, through
 * every parent frame, cross-origin too (the case it was made for: ads measuring their own
 * viewability). A frame that is `display: none`, zero-sized, off-screen or scrolled out of view
 * is not shown. Opacity and `visibility` set by a parent are read where the parent is the same
 * origin; the reading script checks its own frames' opacity for the rest
 * (`entrypoints/reading/frames.ts`).
 * https://w3c.github.io/IntersectionObserver/#intersectionobserver-implicit-root
 */

/** Hidden by a same-origin parent (a cross-origin one cannot be read from here). */
function hiddenByParents(win: Window): boolean {
  for (let current: Window = win; current !== current.parent; current = current.parent) {
    let element: Element | null;
    try {
      element = current.frameElement;
    } catch {
      return false;
    }
    // Null for a cross-origin parent: the reading script looks at that one.
    if (!element) return false;
    const parent = element.ownerDocument.defaultView;
    if (!parent || hiddenByStyle(element, parent)) return Boolean(parent);
  }
  return false;
}

/** Whether the frame's own viewport is big enough to be a player (not a beacon or a hidden frame). */
function largeEnough(win: Pick<Window, 'innerWidth' | 'innerHeight'>): boolean {
  return win.innerWidth >= MIN_FRAME_SIDE && win.innerHeight >= MIN_FRAME_SIDE;
}

/**
 * Runs `start` once the frame is large enough to be shown: at once, or at the first resize that
 * makes it so (`grew`: a player shown after the page loaded). Most frames of a real page are
 * beacons and hidden ad slots (0 × 0, `display: none`): they are left with one listener and cost
 * nothing more. A resize event only prompts a look at the frame's real size, so a page that
 * sends a fake one changes nothing.
 */
export function whenLargeEnough(
  win: Pick<Window, 'innerWidth' | 'innerHeight' | 'addEventListener' | 'removeEventListener'>,
  start: (grew: boolean) => void,
): void {
  if (largeEnough(win)) {
    start(false);
    return;
  }
  const onResize = () => {
    if (!largeEnough(win)) return;
    win.removeEventListener('resize', onResize);
    start(true);
  };
  win.addEventListener('resize', onResize);
}

export function watchFrameShown(
  signal: AbortSignal,
  onChange: (shown: boolean) => void,
  win: Window,
): void {
  const doc = win.document;
  const thresholds = [0, 0.01, 0.1, 0.5, 1];
  const observer = new IntersectionObserver(
    (entries) => {
      const entry = entries[entries.length - 1];
      if (!entry || signal.aborted) return;
      onChange(entry.isIntersecting && largeEnough(win) && !hiddenByParents(win));
    },
    { threshold: thresholds },
  );
  observer.observe(doc.documentElement);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
