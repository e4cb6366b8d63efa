/**
 * Calls `onLoad` when a frame in the document loads (a player added, a frame moving to its next
 * page). `load` does not bubble, but a capture listener on the document hears it from every
 * frame element; a page's own synthetic events are ignored.
 */
export function watchFrameLoads(signal: AbortSignal, doc: Document, onLoad: () => void): void {
  doc.addEventListener(
    'load',
    (event) => {
      const target = event.target as Element | null;
      if (event.isTrusted && (target?.localName === 'iframe' || target?.localName === 'frame'))
        onLoad();
    },
    { signal, capture: true, passive: true },
  );
}
