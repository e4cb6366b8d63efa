import { parseDuration } from '@/utils/duration';
import { forEachTextNode, isFurniture, shortText } from '@/utils/detection/dom-text';

/**
 * Visible reading-time text: "8 min read", "Reading time: 7 minutes", "Est. reading time
 * 4 minutes". Publishers split it across nodes ("8<!-- --> min read"), so the match is made on
 * the smallest element around the text. The first one in the main content wins; related-article
 * lists in sidebars are skipped (issue #3 refines the choice).
 */

const HINT = /\bmin(?:ute)?s?\b|\bread(?:ing)?\b|\bhours?\b/i;
/** A number and a time unit, as publishers write reading times ("8 min", "1 hr 5 mins"). */
const AMOUNT = String.raw`\d{1,3}(?:\.\d)?\s*-?\s*(?:min(?:ute)?s?|hours?|hrs?)\.?(?:\s*\d{1,2}\s*min(?:ute)?s?\.?)?`;
const PATTERNS: RegExp[] = [
  // "8 min read", "Priya Shah · 8 min read"
  new RegExp(String.raw`(?:^|[\s·•|,(])(${AMOUNT})\s+read\b`, 'i'),
  // "Reading time: 7 minutes", "Est. reading time 4 minutes"
  new RegExp(String.raw`\breading\s+time\s*:?\s*(${AMOUNT})`, 'i'),
  // "4 minutes reading time"
  new RegExp(String.raw`(?:^|[\s·•|,(])(${AMOUNT})\s+reading\s+time\b`, 'i'),
];

export interface ReadingTimeText {
  raw: string;
  seconds: number;
}

function matchReadingTime(text: string): ReadingTimeText | null {
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const raw = match[1]!.replace(/\s*-\s*/, ' ').trim();
    const seconds = parseDuration(raw);
    const shown = match[0].replace(/^[\s·•|,(]+/, '').trim();
    if (seconds !== null && seconds > 0) return { raw: shown, seconds };
  }
  return null;
}

export function findReadingTimeText(doc: Document): ReadingTimeText | null {
  const root = doc.querySelector('main, article, [role="main"]') ?? doc.body ?? doc;
  let found: ReadingTimeText | null = null;
  forEachTextNode(root, (node) => {
    if (!HINT.test(node.nodeValue ?? '')) return;
    const element = node.parentElement!;
    if (isFurniture(element) || element.closest('aside, [role="complementary"]')) return;
    // Climb while the text is still short: "8" and "min read" may sit in sibling nodes.
    for (let current: Element | null = element, depth = 0; current && depth < 3; depth++) {
      const text = shortText(current, 60);
      if (!text) break;
      found = matchReadingTime(text);
      if (found) return true;
      current = current.parentElement;
    }
  });
  return found;
}
