import type { FrameMediaReport, FramePresence } from '@/utils/messages/to-content';
import { hiddenByStyle, MIN_FRAME_SIDE } from '@/utils/page/frame-visibility';

/**
 * The top frame's side of counting in frames: which of the page's own frames a reader can see,
 * and what the frames heard (relayed by the background from the frame script). A frame checks
 * that it is on screen and has a size itself (`frame-shown.ts`); here the page's frame elements
 * are checked for what only their parent can see: opacity and `visibility`.
 */

export interface PageFrame {
  /** The origin its address names (the page's own for `srcdoc` and `about:blank` frames). */
  origin: string;
  /** The host, for a frame with a web address. */
  host?: string;
  /** Its content box (CSS pixels): the size of the frame's own viewport. */
  width: number;
  height: number;
  /** On screen, with some size, visible and not (nearly) transparent. */
  shown: boolean;
}

function frameOrigin(element: Element, doc: Document): { origin: string; host?: string } {
  const src = element.getAttribute('src')?.trim();
  if (element.hasAttribute('srcdoc') || !src || /^about:/i.test(src))
    return { origin: doc.location.origin };
  const url = URL.parse(src, doc.baseURI);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    return { origin: doc.location.origin };
  return { origin: url.origin, host: url.hostname };
}

/** The page's frames, as its own document lays them out now. */
export function listPageFrames(doc: Document): PageFrame[] {
  const win = doc.defaultView;
  if (!win) return [];
  const frames: PageFrame[] = [];
  const elements = doc.querySelectorAll('iframe, frame');
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index]!;
    const box = element.getBoundingClientRect();
    const width = Math.min(box.right, win.innerWidth) - Math.max(box.left, 0);
    const height = Math.min(box.bottom, win.innerHeight) - Math.max(box.top, 0);
    const shown =
      width >= MIN_FRAME_SIDE && height >= MIN_FRAME_SIDE && !hiddenByStyle(element, win);
    frames.push({
      ...frameOrigin(element, doc),
      width: element.clientWidth,
      height: element.clientHeight,
      shown,
    });
  }
  return frames;
}

/** A frame's viewport and its element's content box differ by rounding at most. */
const SIZE_SLACK = 2;

/**
 * Whether a report from a frame may count, told apart among the page's frames by its origin and
 * its viewport's size (a frame cannot say which element holds it). The page's frames of that
 * origin and size must include a shown one: a transparent frame never counts beside a visible
 * player from the same host. A frame the page does not hold by that origin and size (nested in
 * a player, moved on to another host, being resized) counts only while some frame of the page
 * is shown.
 */
export function frameMayCount(
  frames: readonly PageFrame[],
  origin: string,
  viewport: { width: number; height: number },
): boolean {
  const same = frames.filter(
    (frame) =>
      frame.origin === origin &&
      Math.abs(frame.width - viewport.width) <= SIZE_SLACK &&
      Math.abs(frame.height - viewport.height) <= SIZE_SLACK,
  );
  return (same.length > 0 ? same : frames).some((frame) => frame.shown);
}

/** How long a frame's media counts as playing after its last report (it reports every 5 s). */
export const FRAME_MEDIA_FRESH_MS = 12_000;

interface FrameMedia {
  lengthMs: number;
  heardAt: number;
}

/** What the frames' media is doing, from their reports; a frame that stops reporting expires. */
export function createFrameMedia(now: () => number) {
  const playing = new Map<number, FrameMedia>();
  const fresh = () => {
    const at = now();
    for (const [frameId, media] of playing)
      if (at - media.heardAt > FRAME_MEDIA_FRESH_MS) playing.delete(frameId);
  };
  return {
    /** Takes a frame's report; says whether what plays changed. */
    report(frameId: number, media: FrameMediaReport): boolean {
      fresh();
      const was = playing.get(frameId);
      if (!media.playing) return playing.delete(frameId);
      const lengthMs = media.lengthMs ?? Infinity;
      playing.set(frameId, { lengthMs, heardAt: now() });
      return was?.lengthMs !== lengthMs;
    },
    forget(frameId: number): boolean {
      return playing.delete(frameId);
    },
    /** The longest media playing audibly in any frame, or none. */
    current(): { playing: boolean; lengthMs: number } {
      fresh();
      let lengthMs = 0;
      for (const media of playing.values()) lengthMs = Math.max(lengthMs, media.lengthMs);
      return { playing: playing.size > 0, lengthMs };
    },
    clear(): void {
      playing.clear();
    },
  };
}

export type FrameMediaState = ReturnType<typeof createFrameMedia>;

/** A relayed frame report as the page reader takes it. */
export type RelayedPresence = FramePresence & { frameId: number; origin: string };
