import { parseDuration } from '@/utils/duration';
import { attribute, forEachTextNode, isFurniture, shortText } from '@/utils/detection/dom-text';

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

/** How far into the main content a stated time may be. */
const TOP_OF_CONTENT_CHARS = 4_000;
const HINT = /\d\s*(?:min|hour|hr|h\b|m\b|:)|reading|read\b/i;

/** A number and a time unit, as publishers write reading times ("8 min", "1 hr 5 mins"). */
const AMOUNT = String.raw`\d{1,3}(?:\.\d)?\s*-?\s*(?:min(?:ute)?s?|hours?|hrs?)\.?(?:\s*\d{1,2}\s*min(?:ute)?s?\.?)?`;
const SEPARATOR = String.raw`(?:^|[\s·•|,(])`;
const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?`;
const PATTERNS: RegExp[] = [
  new RegExp(String.raw`${SEPARATOR}(${AMOUNT})\s+read\b`, 'i'),
  new RegExp(String.raw`\b(?:est(?:imated|\.)?\s+)?(?:reading\s+time|time\s+to\s+read)\s*:?\s*(${AMOUNT})`, 'i'),
  new RegExp(String.raw`${SEPARATOR}(${AMOUNT})\s+(?:reading\s+time|to\s+read)\b`, 'i'),
  // A whole short element that is a bracketed duration: "(1 hour)", "(45 mins)".
  new RegExp(String.raw`^\((${AMOUNT})\)$`, 'i'),
  // A player showing position / length.
  new RegExp(String.raw`^${CLOCK}\s*/\s*(${CLOCK})$`),
];

/** Elements that name themselves a duration, and those that show a position instead. */
const DURATION_NAME = /duration|length|runtime|running-time/i;
const POSITION_NAME = /remain|elapsed|current|position|progress|left/i;

function selfDescribedClock(element: Element, text: string): number | null {
  if (!new RegExp(`^${CLOCK}$`).test(text)) return null;
  const names = [attribute(element, 'id'), attribute(element, 'class'), attribute(element, 'aria-label'), attribute(element, 'itemprop')]
    .filter(Boolean)
    .join(' ');
  if (!DURATION_NAME.test(names) || POSITION_NAME.test(names)) return null;
  return parseDuration(text);
}

function matchText(text: string): VisibleDuration | null {
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const seconds = parseDuration(match[1]!.replace(/\s*-\s*/, ' ').trim());
    if (seconds !== null && seconds > 0) return { raw: match[0].replace(/^[\s·•|,]+/, '').trim(), seconds };
  }
  return null;
}

export function findVisibleDuration(doc: Document, mainRoot: Element): VisibleDuration | null {
  let found: VisibleDuration | null = null;
  let seenChars = 0;
  forEachTextNode(mainRoot, (node) => {
    const element = node.parentElement!;
    if (isFurniture(element) || element.closest('aside, [role="complementary"]')) return;
    seenChars += (node.nodeValue ?? '').length;
    if (seenChars > TOP_OF_CONTENT_CHARS) return true;
    if (!HINT.test(node.nodeValue ?? '')) return;
    // Climb while the text stays short: "8" and "min read" may sit in sibling nodes.
    for (let current: Element | null = element, depth = 0; current && depth < 3; depth++) {
      const text = shortText(current, 60);
      if (!text) break;
      const clock = selfDescribedClock(current, text);
      found = clock ? { raw: text, seconds: clock } : matchText(text);
      if (found) return true;
      if (current === mainRoot) break;
      current = current.parentElement;
    }
  });
  return found;
}
