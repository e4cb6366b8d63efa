import { all, NEVER_CONTENT, walk } from '@/utils/detection/dom-text';
import { liveMediaLength, type MediaLength } from '@/utils/detection/media';

/**
 * The page's main content, and what in it is not content: menus, footers, sidebars, comments,
 * cookie banners, share bars and forms. Estimates count only what is left: the whole page's
 * text would count the site's chrome as reading.
 */

/** Never content, whatever it holds. */
const NOT_CONTENT_TAGS = new Set([
  ...NEVER_CONTENT,
  'NAV',
  'FOOTER',
  'ASIDE',
  'FORM',
  'BUTTON',
  'SELECT',
]);
const NOT_CONTENT_ROLES = new Set([
  'navigation',
  'contentinfo',
  'complementary',
  'banner',
  'dialog',
]);

/**
 * Not content by its name (comments, cookie banners, share bars, related items, sidebars) —
 * unless it holds the page's heading or article: pages put state classes such as
 * "is-showingReadNextSidebar" on the wrapper of everything.
 */
const NOT_CONTENT_NAMES = [
  'comment',
  'cookie',
  'consent',
  'share',
  'related',
  'recommended',
  'recommender',
  'newsletter',
  'sidebar',
  'playlist',
  'carousel',
  'more-from',
];
const NOT_CONTENT_NAME = new RegExp(NOT_CONTENT_NAMES.join('|'), 'i');

/**
 * Whether an element is not content: by tag, by hidden state, by landmark role, or by name.
 * Plain attribute checks rather than `matches()` with two dozen selectors: this runs on every
 * element of large pages.
 */
export function isNotContent(element: Element): boolean {
  if (NOT_CONTENT_TAGS.has(element.tagName.toUpperCase())) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const role = element.getAttribute('role');
  if (role && NOT_CONTENT_ROLES.has(role)) return true;
  const names = `${element.getAttribute('id') ?? ''} ${element.getAttribute('class') ?? ''}`;
  return names.length > 1 && NOT_CONTENT_NAME.test(names) && !holdsLandmark(element);
}

const MAIN_CANDIDATES = ['[itemprop~="articleBody"]', 'article', 'main', '[role="main"]'];

/** The element that holds the page's own content: an article body, article or main. */
export function findMainRoot(doc: Document): Element {
  for (const selector of MAIN_CANDIDATES) {
    const candidates = all(doc, selector, 50).filter(
      (element) => !element.closest('aside, nav, footer, [role="complementary"]'),
    );
    if (candidates.length === 0) continue;
    if (candidates.length === 1) return candidates[0]!;
    // Several (a feed, or related items): the one with the most text is the page's own. Each
    // length is read once: an article's text is built in full to measure it.
    let best = candidates[0]!;
    let bestLength = best.textContent?.length ?? 0;
    const lengths = new Map<Element, number>([[best, bestLength]]);
    for (const candidate of candidates.slice(1)) {
      const length = candidate.textContent?.length ?? 0;
      lengths.set(candidate, length);
      if (length > bestLength) [best, bestLength] = [candidate, length];
    }
    // A feed (search results, an index of posts, each an <article>): the longest is one entry
    // among alike siblings and hardly longer than the next, so the content is the feed itself.
    // A page's own article beside its related cards is not their sibling, holds the only h1, or
    // is far longer.
    const siblings = alikeSiblings(best, candidates);
    const nextLength = Math.max(0, ...siblings.map((sibling) => lengths.get(sibling) ?? 0));
    const ownHeading = (element: Element) => element.querySelector('h1') !== null;
    if (
      best.parentElement &&
      siblings.length >= 2 &&
      bestLength < nextLength * 2 &&
      !(ownHeading(best) && !siblings.some(ownHeading))
    )
      return best.parentElement;
    return best;
  }
  return doc.body ?? doc.documentElement;
}

/**
 * The `candidates` that are siblings of `element` with its tag. Not its class: WordPress gives
 * each post's <article> its own first class ("post-1287").
 */
function alikeSiblings(element: Element, candidates: readonly Element[]): Element[] {
  return candidates.filter(
    (other) =>
      other !== element &&
      other.parentElement === element.parentElement &&
      other.tagName === element.tagName,
  );
}

/** Counts in the main content, skipping what is not content. */
export interface ContentCounts {
  words: number;
  /** Han, kana and hangul characters, which are read per character, not per word. */
  cjkCharacters: number;
  images: number;
  mediaSeconds: number;
}

const MAX_NODES = 50_000;
export const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;
/**
 * A word: a run of non-space text with a letter or digit in it, matched from its first letter or
 * digit to its end ("—and" is one word, "—" none). One native match per text node rather than a
 * test per word: this runs over the main content of every page that is estimated, cold.
 */
export const WORD = /[\p{L}\p{N}]\S*/gu;

export function countContent(
  root: Element,
  mediaLength: MediaLength = liveMediaLength,
): ContentCounts {
  const counts: ContentCounts = { words: 0, cjkCharacters: 0, images: 0, mediaSeconds: 0 };
  walk(
    root,
    isNotContent,
    (node) => {
      if (node.nodeType === 3) {
        const text = node.nodeValue ?? '';
        const cjk = text.match(CJK)?.length ?? 0;
        counts.cjkCharacters += cjk;
        const rest = cjk > 0 ? text.replace(CJK, ' ') : text;
        counts.words += rest.match(WORD)?.length ?? 0;
        return undefined;
      }
      const element = node as Element;
      const tag = element.tagName.toUpperCase();
      if (tag === 'IMG' && isContentImage(element)) counts.images++;
      if (tag === 'VIDEO' || tag === 'AUDIO') {
        const duration = mediaLength(element);
        if (Number.isFinite(duration) && duration > 0) counts.mediaSeconds += duration;
      }
      return undefined;
    },
    MAX_NODES,
  );
  return counts;
}

/** A wrapper with a state class ("is-showingSidebar") still holds the page's heading or body. */
function holdsLandmark(element: Element): boolean {
  return element.querySelector('h1, article, main, [itemprop~="articleBody"]') !== null;
}

/** Icons, avatars and tracking pixels are not pictures a reader studies. */
function isContentImage(image: Element): boolean {
  const width = Number(image.getAttribute('width'));
  const height = Number(image.getAttribute('height'));
  if ((width > 0 && width < 100) || (height > 0 && height < 100)) return false;
  return !/avatar|icon|logo|emoji|pixel|spinner/i.test(
    `${image.getAttribute('class') ?? ''} ${image.getAttribute('src') ?? ''}`,
  );
}
