import { readPage, type PageReading } from '@/utils/detection';
import type { NotResourceKind } from '@/utils/detection/page-kinds';
import type { ResourceDetection } from '@/utils/detection/schema';
import { SITE_PROFILES, type SiteProfile } from '@/utils/detection/site-profiles';
import type { PageCopy } from '@/utils/page/page-copy';

/** What the reading script is told of its page: its resource, or why it is not one. */
export interface CopyReading {
  detection: ResourceDetection | null;
  notResource: NotResourceKind | null;
}

export function toCopyReading(reading: PageReading): CopyReading {
  return {
    detection: 'detection' in reading ? reading.detection : null,
    notResource: 'notResource' in reading ? reading.notResource.kind : null,
  };
}

/**
 * Detection on a copy of a page (utils/page/page-copy.ts), in an extension document: Chromium's
 * offscreen document, Firefox's background page. The copy comes from a hostile page: its shape
 * is checked on arrival (`PageCopySchema`, utils/messages/protocol.ts), and it is parsed
 * inert: a parsed document has no browsing context, so nothing in it runs or loads (WHATWG DOM Parsing, `parseFromString`: "scripting is disabled", and a document
 * without a browsing context fetches no images or styles). `<noscript>`, which a page with
 * scripts shows as text, is parsed as markup without them, so it is taken out again. Reads the
 * copy as `readPage` reads the page itself; never throws.
 */

export function readPageCopy(
  copy: PageCopy,
  parser: DOMParser,
  profiles: readonly SiteProfile[] = SITE_PROFILES,
  now: number = Date.now(),
): PageReading {
  const url = URL.parse(copy.url);
  if (!url) return { nothing: true };
  let doc: Document;
  try {
    doc = parser.parseFromString(copy.html, 'text/html');
  } catch {
    return { nothing: true };
  }
  for (const hidden of doc.querySelectorAll('noscript')) hidden.remove();
  // The copy's players are the page's, in the same order, unless the copy was cut short.
  const players = doc.querySelectorAll('video, audio');
  const lengths = new Map<Element, number>();
  if (players.length === copy.media.length)
    players.forEach((player, index) => {
      const seconds = copy.media[index];
      if (seconds) lengths.set(player, seconds);
    });
  return readPage(doc, url, profiles, now, (element) => lengths.get(element) ?? Number.NaN);
}
