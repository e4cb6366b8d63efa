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

/** Longer media lengths (over 30 years) are a page's nonsense, sent as unknown. */
const MAX_MEDIA_SECONDS = 1e9;

export function copyPage(doc: Document, url: string): PageCopy {
  const html = withoutNoscript(doc.documentElement?.outerHTML ?? '', doc);
  const players = doc.querySelectorAll('video, audio');
  const media: (number | null)[] = [];
  if (players.length <= MAX_COPY_MEDIA)
    for (const player of players) {
      const seconds = (player as HTMLMediaElement).duration;
      media.push(
        Number.isFinite(seconds) && seconds > 0 && seconds < MAX_MEDIA_SECONDS ? seconds : null,
      );
    }
  return { url, html: html.length > MAX_COPY_CHARS ? html.slice(0, MAX_COPY_CHARS) : html, media };
}

/**
 * The page with each `<noscript>` emptied. A page that runs scripts keeps a noscript's content as
 * text, and serialises it as it came ("<noscript><p>Turn on JavaScript</noscript>"); a parser
 * that runs no scripts, as the copy's reader is, reads that text as markup, and an unclosed tag in
 * it would swallow the rest of the page (HTML Standard, "Serialising HTML fragments": the text
 * of a noscript is written literally when scripting is enabled). Each noscript's own
 * serialisation is found in order and left out.
 */
function withoutNoscript(html: string, doc: Document): string {
  const hidden = doc.getElementsByTagName('noscript');
  if (hidden.length === 0) return html;
  let kept = '';
  let from = 0;
  for (const element of hidden) {
    const markup = element.outerHTML;
    const at = html.indexOf(markup, from);
    if (at < 0) continue;
    kept += `${html.slice(from, at)}<noscript></noscript>`;
    from = at + markup.length;
  }
  return kept + html.slice(from);
}
