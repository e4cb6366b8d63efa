import { parseDuration } from '@/utils/duration';
import { MAX_TRUSTED_SECONDS } from '@/utils/detection/constants';
import { attribute, shortText, walk } from '@/utils/detection/dom-text';
import { isNotContent } from '@/utils/detection/main-content';

/**
 * Visible text near the top of the main content (signal 4): "8 min read", "5 minute read",
 * "Reading time: 7 minutes", "Est. reading time 4 minutes", "(1 hour)", a player's
 * "00:10 / 56:20" (the length is after the slash), and clock times in an element that says it is
 * a duration (`<time id="duration">54:01</time>`). Publishers split the text across nodes
 * ("8<!-- --> min read"), so matches are made on the smallest element around it. Navigation,
 * footers and sidebars (related articles carry their own reading times) are skipped, and so is
 * anything after the first few thousand characters of the main content.
 */

export interface VisibleDuration {
  raw: string;
  seconds: number;
}

/** How far into the main content a stated time may be… */
const TOP_OF_CONTENT_CHARS = 8_000;
/** …and how much page text before it (headers, players) is read at most. */
const MAX_PAGE_CHARS = 30_000;
const MAX_VISITED_NODES = 40_000;
/** Text worth a closer look: a digit, or a unit whose number may sit in a sibling node. */
const HINT = /\d|\b(?:mins?|minutes?|hours?|hrs?|read|reading)\b/i;

/** A number and a time unit, as publishers write reading times ("8 min", "1 hr 5 mins"). */
const AMOUNT = String.raw`\d{1,3}(?:\.\d)?\s*-?\s*(?:min(?:ute)?s?|hours?|hrs?)\.?(?:\s*\d{1,2}\s*min(?:ute)?s?\.?)?`;
const SEPARATOR = String.raw`(?:^|[\s·•|,(])`;
const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?`;
/** A player showing position / length: the length is after the slash. */
const POSITION_AND_LENGTH = new RegExp(String.raw`^${CLOCK}\s*/\s*(${CLOCK})$`);
const PATTERNS: RegExp[] = [
  new RegExp(String.raw`${SEPARATOR}(${AMOUNT})\s+read\b`, 'i'),
  new RegExp(
    String.raw`\b(?:est(?:imated|\.)?\s+)?(?:reading\s+time|time\s+to\s+read)\s*:?\s*(${AMOUNT})`,
    'i',
  ),
  new RegExp(String.raw`${SEPARATOR}(${AMOUNT})\s+(?:reading\s+time|to\s+read)\b`, 'i'),
  // A whole short element that is a duration: "(1 hour)", "9.5 Hours", "45 mins".
  new RegExp(String.raw`^\(?(${AMOUNT})\)?$`, 'i'),
  POSITION_AND_LENGTH,
];

/** Elements that name themselves a duration, and those that show a position instead. */
const DURATION_NAME = /duration|length|runtime|running-time|total/i;
const POSITION_NAME = /remain|elapsed|current|position|progress|left/i;

/** One element on the page with this id or class: the page's own player, not a list's items. */
function isUnique(element: Element): boolean {
  if (element.id) return true;
  const firstClass = (element.getAttribute('class') ?? '').trim().split(/\s+/)[0];
  return !firstClass || element.ownerDocument.getElementsByClassName(firstClass).length === 1;
}

function selfDescribedClock(element: Element, text: string): number | null {
  if (!new RegExp(`^${CLOCK}$`).test(text) || !isUnique(element)) return null;
  const names = [
    attribute(element, 'id'),
    attribute(element, 'class'),
    attribute(element, 'aria-label'),
    attribute(element, 'itemprop'),
  ]
    .filter(Boolean)
    .join(' ');
  if (!DURATION_NAME.test(names) || POSITION_NAME.test(names)) return null;
  return parseDuration(text);
}

function matchText(text: string, allowClocks: boolean): VisibleDuration | null {
  for (const pattern of allowClocks
    ? PATTERNS
    : PATTERNS.filter((candidate) => candidate !== POSITION_AND_LENGTH)) {
    const match = pattern.exec(text);
    if (!match) continue;
    const seconds = parseDuration(match[1]!.replace(/\s*-\s*/, ' ').trim());
    if (seconds !== null && seconds > 0)
      return { raw: match[0].replace(/^[\s·•|,]+/, '').trim(), seconds };
  }
  return null;
}

/** Climbs while the text stays short: "8" and "min read" may sit in sibling nodes. */
function matchNear(
  element: Element,
  mainRoot: Element,
  allowClocks: boolean,
): VisibleDuration | null {
  for (let current: Element | null = element, depth = 0; current && depth < 3; depth++) {
    // A wide element is not one phrase; reading its whole text would be slow on large pages.
    if (current.childNodes.length > 12) break;
    const text = shortText(current, 60);
    if (!text) break;
    const clock = allowClocks ? selfDescribedClock(current, text) : null;
    const found = clock ? { raw: text, seconds: clock } : matchText(text, allowClocks);
    // Over a day is not a reading time here; the label-pair signal flags such claims.
    if (found && found.seconds <= MAX_TRUSTED_SECONDS) return found;
    if (current === mainRoot) break;
    current = current.parentElement;
  }
  return null;
}

/**
 * `allowClocks`: false on a page that declares itself an article, post or document, where a
 * clock time is an embedded video's length, not the reading time.
 */
export function findVisibleDuration(
  doc: Document,
  mainRoot: Element,
  allowClocks = true,
): VisibleDuration | null {
  let found: VisibleDuration | null = null;
  let pageChars = 0;
  let contentChars = 0;
  // From the top of the page: headers and players often sit just outside the main element.
  // From the top of the page: headers and players often sit just outside the main element.
  // Whole subtrees that are not content (menus, sidebars, related lists) are skipped, unless
  // they wrap the main content (a page-state class such as "is-showingSidebar").
  walk(
    doc.body ?? mainRoot,
    (element) => isNotContent(element) && !element.contains(mainRoot),
    (node) => {
      if (node.nodeType !== 3) return undefined;
      const value = node.nodeValue ?? '';
      pageChars += value.length;
      if (mainRoot.contains(node)) contentChars += value.length;
      if (contentChars > TOP_OF_CONTENT_CHARS || pageChars > MAX_PAGE_CHARS) return true;
      if (!HINT.test(value)) return undefined;
      found = matchNear(node.parentElement!, mainRoot, allowClocks);
      return found ? true : undefined;
    },
    MAX_VISITED_NODES,
  );
  return found;
}
