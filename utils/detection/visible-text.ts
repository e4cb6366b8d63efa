import { parseDuration } from '@/utils/duration';
import { MAX_TRUSTED_SECONDS } from '@/utils/detection/constants';
import { attribute, collapseWhitespace, shortText, walk } from '@/utils/detection/dom-text';
import { alternation, LETTER, readDuration, type Vocabulary } from '@/utils/detection/vocabulary';
import { isNotContent } from '@/utils/detection/main-content';
import { belongsElsewhere } from '@/utils/detection/own-item';

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
  /** Read off a player's "position / length": the length of its recording, not of any text. */
  player?: true;
}

/** How far into the main content a stated time may be… */
const TOP_OF_CONTENT_CHARS = 8_000;
/** …and how much page text before it (headers, players) is read at most. */
const MAX_PAGE_CHARS = 30_000;
const MAX_VISITED_NODES = 40_000;
/**
 * Text worth a closer look: a unit, a reading-time phrase or label (its number may sit in a
 * sibling node), "1h", "5m" or a clock. A date, a price or a count alone is not.
 */
const hintCache = new WeakMap<Vocabulary, RegExp>();
function hintFor(vocabulary: Vocabulary): RegExp {
  let hint = hintCache.get(vocabulary);
  if (!hint) {
    const units = [...vocabulary.unitOf.keys()].filter((unit) => unit.length > 2);
    hint = new RegExp(
      `(?<![${LETTER}])(?:${alternation([...units, ...vocabulary.readingLabels])}|${vocabulary.readingSuffix})(?![${LETTER}])|\\d\\s*[hm](?![${LETTER}])|\\d:\\d\\d`,
      'i',
    );
    hintCache.set(vocabulary, hint);
  }
  return hint;
}

const SEPARATOR = String.raw`(?:^|[\s·•|,(])`;
const PER_DAY = /^\s*(?:a|per|each|every)\s+(?:day|night|shift)\b/i;
const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?`;
/** A player showing position / length: the length is after the slash. */
const POSITION_AND_LENGTH = new RegExp(String.raw`^${CLOCK}\s*/\s*(${CLOCK})$`);

/** The patterns for a page's languages, compiled once per vocabulary. */
const patternCache = new WeakMap<Vocabulary, RegExp[]>();
function patternsFor(vocabulary: Vocabulary): RegExp[] {
  let patterns = patternCache.get(vocabulary);
  if (patterns) return patterns;
  const amount = vocabulary.amount;
  const labels = alternation(vocabulary.readingLabels);
  patterns = [
    // "8 min read", "8 min de lectura", "5 munud o ddarllen".
    new RegExp(
      String.raw`${SEPARATOR}(${amount})\s+(?:${vocabulary.readingSuffix})(?![${LETTER}])`,
      'i',
    ),
    // "Reading time: 7 minutes", "Lesezeit: 8 Min.", "Czas czytania: 7 min".
    new RegExp(String.raw`(?<![${LETTER}])(?:${labels})\s*[:：]?\s*(${amount})`, 'i'),
    // A whole short element that is a duration: "(1 hour)", "9.5 Hours", "45 mins".
    new RegExp(String.raw`^\(?(${amount})\)?$`, 'i'),
    ...vocabulary.runningText,
    POSITION_AND_LENGTH,
  ];
  patternCache.set(vocabulary, patterns);
  return patterns;
}

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

function matchText(text: string, vocabulary: Vocabulary): VisibleDuration | null {
  for (const pattern of patternsFor(vocabulary)) {
    const match = pattern.exec(text);
    if (!match) continue;
    if (vocabulary.perWeek.test(text.slice(match.index, match.index + match[0].length + 20)))
      continue;
    // "20 minutes of study a day": a daily habit, not the resource's length.
    if (PER_DAY.test(text.slice(match.index + match[0].length))) continue;
    const figure = match[1]!;
    const seconds =
      pattern === POSITION_AND_LENGTH ? parseDuration(figure) : readDuration(figure, vocabulary);
    if (seconds !== null && seconds > 0)
      return {
        raw: match[0].replace(/^[\s·•|,]+/, '').trim(),
        seconds,
        ...(pattern === POSITION_AND_LENGTH ? { player: true as const } : {}),
      };
  }
  return null;
}

/** What a card would repeat around its own figure: "8 min read" gives "min read". */
function cardLabel(raw: string): string {
  const words = raw
    .replace(/[\d.,:;()–-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return words.length >= 2 ? words : raw;
}

/** Climbs while the text stays short: "8" and "min read" may sit in sibling nodes. */
function matchNear(
  node: Text,
  mainRoot: Element,
  allowClocks: boolean,
  vocabulary: Vocabulary,
): VisibleDuration | null {
  // The text node alone first: an icon's own text (an SVG's <title>) may sit beside it.
  const own = collapseWhitespace(node.nodeValue ?? '');
  if (own.length <= 60) {
    const found = matchText(own, vocabulary);
    if (found && found.seconds <= MAX_TRUSTED_SECONDS) return found;
  } else if (own.includes('(') || vocabulary.runningTextHint.test(own)) {
    // Running text: a sentence that says how long the resource takes.
    for (const pattern of vocabulary.runningText) {
      const match = pattern.exec(own.slice(0, 2_000));
      const seconds = match ? readDuration(match[1]!, vocabulary) : null;
      if (match && seconds !== null && seconds >= 60 && seconds <= MAX_TRUSTED_SECONDS)
        return { raw: match[0].trim().slice(0, 200), seconds };
    }
  }
  for (let current: Element | null = node.parentElement, depth = 0; current && depth < 3; depth++) {
    // A wide element is not one phrase; reading its whole text would be slow on large pages.
    if (current.childNodes.length > 12) break;
    const text = shortText(current, 60);
    if (!text) break;
    const clock = allowClocks ? selfDescribedClock(current, text) : null;
    const found = clock ? { raw: text, seconds: clock } : matchText(text, vocabulary);
    // Over a day is not a reading time here; the label-pair signal flags such claims.
    if (found && found.seconds <= MAX_TRUSTED_SECONDS) return found;
    if (current === mainRoot) break;
    current = current.parentElement;
  }
  return null;
}

/** The page's own heading ending in its time: "Safeguarding adults: level 2 (45 minutes)". */
const headingCache = new WeakMap<Vocabulary, RegExp>();
function headingTime(
  doc: Document,
  mainRoot: Element,
  vocabulary: Vocabulary,
): VisibleDuration | null {
  const heading = mainRoot.querySelector('h1') ?? doc.querySelector('h1');
  const text = heading ? collapseWhitespace(heading.textContent ?? '') : '';
  if (text.length > 120 || !text.endsWith(')')) return null;
  let pattern = headingCache.get(vocabulary);
  if (!pattern) {
    pattern = new RegExp(String.raw`\S\s+\((${vocabulary.amount})\)$`, 'i');
    headingCache.set(vocabulary, pattern);
  }
  const match = pattern.exec(text);
  const seconds = match ? readDuration(match[1]!, vocabulary) : null;
  return match && seconds !== null && seconds > 0
    ? { raw: `(${match[1]!.trim()})`, seconds }
    : null;
}

/**
 * `allowClocks`: false on a page that declares itself an article, post or document, where a
 * lone clock time or a heading's time is not the reading time. A player's "position / length"
 * is still read there when no other time is, marked `player`: the caller weighs it against the
 * text.
 */
export function findVisibleDuration(
  doc: Document,
  mainRoot: Element,
  allowClocks: boolean,
  vocabulary: Vocabulary,
): VisibleDuration | null {
  // Not on an article: a recipe's or a news story's heading may carry a time that is not its length.
  const inHeading = allowClocks ? headingTime(doc, mainRoot, vocabulary) : null;
  if (inHeading) return inHeading;
  let found: VisibleDuration | null = null;
  let player: VisibleDuration | null = null;
  const hint = hintFor(vocabulary);
  let pageChars = 0;
  let contentChars = 0;
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
      if (!hint.test(value)) return undefined;
      const near = matchNear(node as Text, mainRoot, allowClocks, vocabulary);
      // Another item's time (one of a list of cards that each say "N min read"): read on.
      if (!near || belongsElsewhere(node.parentElement!, cardLabel(near.raw))) return undefined;
      // On an article a player's length gives way to a reading time stated further on ("Listen
      // to this article 0:00 / 9:40" above "6 min read").
      if (near.player && !allowClocks) {
        player ??= near;
        return undefined;
      }
      found = near;
      return true;
    },
    MAX_VISITED_NODES,
  );
  return found ?? player;
}
