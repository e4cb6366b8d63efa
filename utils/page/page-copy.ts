/**
 * A copy of the page for detection, taken in the page and read in an extension document
 * (utils/detection/page-copy.ts). Detection's code is large and Chromium compiles a content
 * script afresh on every page load, so running it in the page cost 10 – 13 ms of the page's main
 * thread on a median page (docs/performance.md); taking this copy costs about 1 ms. Detection
 * reads no layout, so a parsed copy gives it the same answers; what a copy cannot carry, the
 * lengths of the page's video and audio, travels beside it.
 *
 * Nothing here imports zod or detection: this runs in every watched page.
 */
export interface PageCopy {
  /** The page's address as the reading script sees it. */
  url: string;
  /** `document.documentElement.outerHTML`, cut at `MAX_COPY_CHARS`. */
  html: string;
  /** Each video and audio element's length in seconds, in document order; null while unknown. */
  media: (number | null)[];
}

/**
 * Longer pages are cut here: a parser closes what the cut leaves open, and a page's own resource
 * is at its top. The longest page in the shared corpus is 1.3 MB; a message may carry 64 MiB.
 */
export const MAX_COPY_CHARS = 16 * 1024 * 1024;
/** Lengths of at most this many players are sent; a page with more gets none (they would not pair). */
export const MAX_COPY_MEDIA = 200;

export function copyPage(doc: Document, url: string): PageCopy {
  const html = doc.documentElement?.outerHTML ?? '';
  const players = doc.querySelectorAll('video, audio');
  const media: (number | null)[] = [];
  if (players.length <= MAX_COPY_MEDIA)
    for (const player of players) {
      const seconds = (player as HTMLMediaElement).duration;
      media.push(Number.isFinite(seconds) && seconds > 0 ? seconds : null);
    }
  return { url, html: html.length > MAX_COPY_CHARS ? html.slice(0, MAX_COPY_CHARS) : html, media };
}
