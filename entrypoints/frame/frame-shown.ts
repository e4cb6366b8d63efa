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
      onChange(
        entry.isIntersecting &&
          win.innerWidth >= MIN_FRAME_SIDE &&
          win.innerHeight >= MIN_FRAME_SIDE &&
          !hiddenByParents(win),
      );
    },
    { threshold: thresholds },
  );
  observer.observe(doc.documentElement);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
