import {
  all,
  attribute,
  collapseWhitespace,
  forEachTextNode,
  shortText,
} from '@/utils/detection/dom-text';
import { belongsElsewhere } from '@/utils/detection/own-item';
import {
  alternation,
  readDuration,
  readWeekly,
  WEEK_SECONDS,
  type Vocabulary,
} from '@/utils/detection/vocabulary';
import { parseDuration } from '@/utils/duration';

/**
 * "Type … / Duration …" label–value pairs, as on the Leading to Change resource pages, in the
 * layouts sites use: definition lists (dt/dd), table rows (th/td), a label element followed by its
 * value element, a label in `<strong>`/`<b>`/`<span>` followed by the value as text (with or
 * without a `<br>` between), "Duration: 5 mins" in one piece of text, and an icon whose
 * `aria-label` or `title` is the label. Which labels count comes from a site profile and, for
 * the generic profile, the page's languages (`languages.json`).
 *
 * Only the page's own item: a pair inside a repeated card, a related-resources list, comments,
 * a cookie notice, navigation or a footer belongs to something else (`belongsElsewhere`). A
 * course's weeks and its weekly hours ("Duration 4 weeks", "Weekly study 2 hours") give its total.
 */

export interface LabelPairs {
  type?: string;
  duration?: { raw: string; seconds: number };
}

export interface LabelVocabulary {
  type: string[];
  duration: string[];
}

interface Compiled {
  /** Labels in lower case, spaces collapsed: looked up whole, not matched one by one. */
  type: Set<string>;
  duration: Set<string>;
  unitOnly: Set<string>;
  /**
   * A text that may be a label: it begins with one of the labels, or names a weekly rate
   * ("Weekly study"). The one test most text nodes get: a label is looked up whole or before its
   * value ("Duration: 5 mins"), so a text that does not begin with one cannot be a label.
   */
  mayBeLabel: RegExp;
  amount: RegExp;
}

const labelKey = (text: string) =>
  collapseWhitespace(text)
    .toLowerCase()
    .replace(/[\s:：–-]+$/, '');

/** Compiled once per vocabulary and set of labels: detection runs again as content arrives. */
const compiledCache = new WeakMap<Vocabulary, Map<string, Compiled>>();
function compiledFor(
  labels: LabelVocabulary,
  vocabulary: Vocabulary,
  unitOnly: string[],
): Compiled {
  let byLabels = compiledCache.get(vocabulary);
  if (!byLabels) {
    byLabels = new Map();
    compiledCache.set(vocabulary, byLabels);
  }
  const key = JSON.stringify([labels.type, labels.duration, unitOnly]);
  let compiled = byLabels.get(key);
  if (!compiled) {
    const type = new Set(labels.type.map(labelKey));
    const duration = new Set(labels.duration.map(labelKey));
    const only = new Set(unitOnly.map(labelKey));
    compiled = {
      type,
      duration,
      unitOnly: only,
      mayBeLabel: new RegExp(
        `^\\s*(?:${alternation([...type, ...duration, ...only])})|${vocabulary.perWeek.source}`,
        'i',
      ),
      amount: new RegExp(vocabulary.amount, 'i'),
    };
    byLabels.set(key, compiled);
  }
  return compiled;
}

/** "Duration: 5 mins" or "Duration 5 mins" in one text: the label and the rest. */
function splitInline(text: string): { label: string; rest: string } | null {
  const colon = text.search(/[:：]|\s[–-]\s|\s\d/);
  if (colon <= 0) return null;
  const rest = text
    .slice(colon)
    .replace(/^\s*[:：–-]?\s*/, '')
    .trim();
  return rest ? { label: text.slice(0, colon).trim(), rest } : null;
}

/** The value's own element: dd after dt, td after th, or the next sibling element. */
function valueElementFor(labelElement: Element): Element | null {
  let sibling = labelElement.nextElementSibling;
  if (labelElement.tagName.toUpperCase() === 'DT') {
    while (sibling && sibling.tagName.toUpperCase() !== 'DD') sibling = sibling.nextElementSibling;
  }
  return sibling;
}

/** The text that follows the label: in its next element, or after it in a wrapper's text. */
function valueTextFor(labelElement: Element, labelText: string): string | null {
  // "<strong>Duration:</strong> 30 minutes<br>" inside a long paragraph: the text right after.
  const after = labelElement.nextSibling;
  const joined =
    /[:：]\s*$/.test(labelElement.textContent ?? '') || /^\s*[:：–-]/.test(after?.nodeValue ?? '');
  if (after?.nodeType === 3 && joined) {
    const text = collapseWhitespace(after.nodeValue ?? '').replace(/^[:：–-]\s*/, '');
    if (text.length > 0 && text.length <= 80) return text;
  }
  let current: Element | null = labelElement;
  for (let depth = 0; current && depth < 3; depth++) {
    const own = shortText(current, 120);
    if (own === null) return null;
    if (own.length > labelText.length && own.toLowerCase().startsWith(labelText.toLowerCase()))
      return own.slice(labelText.length).replace(/^\s*[:：–-]?\s*/, '') || null;
    const value = shortText(valueElementFor(current), 80);
    if (value) return value;
    current = current.parentElement;
  }
  return null;
}

/** The figure in a value: all of it, or the first amount in it ("About 20 minutes (approx.)"). */
function readValue(
  raw: string,
  compiled: Compiled,
  vocabulary: Vocabulary,
  needsUnit: boolean,
): { raw: string; seconds: number } | null {
  const text = collapseWhitespace(raw);
  if (text.length > 60 || vocabulary.perWeek.test(text)) return null;
  if (!needsUnit || /\p{L}/u.test(text)) {
    const whole = readDuration(text, vocabulary);
    if (
      whole !== null &&
      whole > 0 &&
      (!needsUnit || parseDuration(text) === null || /\p{L}/u.test(text))
    )
      return { raw: text, seconds: whole };
  }
  const amount = compiled.amount.exec(text);
  const seconds = amount ? readDuration(amount[0], vocabulary) : null;
  return amount && seconds !== null && seconds > 0 ? { raw: amount[0].trim(), seconds } : null;
}

interface Found {
  raw: string;
  seconds: number;
}

export function findLabelPairs(
  doc: Document,
  labels: LabelVocabulary,
  vocabulary: Vocabulary,
  unitOnlyLabels: string[] = [],
  /** Where an icon that names the value is looked for: the page's main content. */
  mainRoot: ParentNode = doc,
): LabelPairs {
  const compiled = compiledFor(labels, vocabulary, unitOnlyLabels);
  const found: LabelPairs = {};
  let weeks: Found | undefined;
  let perWeek: Found | undefined;
  let duration: Found | undefined;

  /**
   * The duration label a text is, if any: whole ("Duration"), or naming what it times
   * ("Estimated time to complete activity" is "Estimated time to complete").
   */
  const durationLabel = (key: string): string | null => {
    if (compiled.duration.has(key) || compiled.unitOnly.has(key)) return key;
    const named = vocabulary.labelNamingResource?.exec(key)?.[1];
    return named && (compiled.duration.has(named) || compiled.unitOnly.has(named)) ? named : null;
  };

  const consider = (labelElement: Element, labelText: string, valueRaw: string | null) => {
    if (!valueRaw || belongsElsewhere(labelElement, labelText)) return;
    const rateLabel = vocabulary.perWeek.test(labelText);
    const weekly = readWeekly(valueRaw, vocabulary);
    if (weekly || rateLabel) {
      const seconds =
        weekly?.perWeekSeconds ?? readValue(valueRaw, compiled, vocabulary, true)?.seconds;
      if (seconds) perWeek ??= { raw: collapseWhitespace(valueRaw), seconds };
      if (weekly?.weeks) weeks ??= { raw: collapseWhitespace(valueRaw), seconds: weekly.weeks };
      return;
    }
    const needsUnit = compiled.unitOnly.has(durationLabel(labelKey(labelText)) ?? '');
    const value = readValue(valueRaw, compiled, vocabulary, needsUnit);
    if (!value) return;
    if (value.seconds >= WEEK_SECONDS && value.seconds % WEEK_SECONDS === 0)
      weeks ??= { raw: value.raw, seconds: value.seconds / WEEK_SECONDS };
    else duration ??= value;
  };

  const mayBeLabel = (raw: string) => raw.length <= 240 && compiled.mayBeLabel.test(raw);
  forEachTextNode(doc.body ?? doc, mayBeLabel, (node) => {
    const text = collapseWhitespace(node.nodeValue ?? '');
    if (text.length > 80) return;
    const element = node.parentElement!;
    const key = labelKey(text);
    if (!found.type && compiled.type.has(key) && !belongsElsewhere(element, text)) {
      const value = valueTextFor(element, text);
      if (value && value.length <= 40 && parseDuration(value) === null) found.type = value;
      return;
    }
    if (durationLabel(key)) {
      consider(element, text.replace(/\s*[:：]$/, ''), valueTextFor(element, text));
      return;
    }
    const inline = splitInline(text);
    if (inline && durationLabel(labelKey(inline.label)))
      consider(element, inline.label, inline.rest);
    else if (text.length <= 30 && !/\d/.test(text) && vocabulary.perWeek.test(text))
      consider(element, text.replace(/\s*[:：]$/, ''), valueTextFor(element, text));
    return found.type !== undefined && duration !== undefined ? true : undefined;
  });

  // An icon that names the value beside it: <span aria-label="Duration"></span> 20 minutes.
  // Looked for only in the page's main content (the search is over every element).
  if (!duration)
    for (const icon of all(mainRoot, '[aria-label]:empty, [title]:empty, svg[aria-label]', 300)) {
      const name = attribute(icon, 'aria-label') ?? attribute(icon, 'title');
      if (!name || !durationLabel(labelKey(name)) || collapseWhitespace(icon.textContent ?? ''))
        continue;
      let next = icon.nextSibling;
      while (next && next.nodeType === 3 && !(next.nodeValue ?? '').trim()) next = next.nextSibling;
      const value =
        next?.nodeType === 3
          ? collapseWhitespace(next.nodeValue ?? '')
          : shortText(next as Element | null);
      consider(icon, name, value);
      if (duration) break;
    }

  if (weeks && perWeek)
    found.duration = {
      raw: `${weeks.raw}, ${perWeek.raw}`,
      seconds: weeks.seconds * perWeek.seconds,
    };
  else if (duration) found.duration = duration;
  // Weeks alone are over a day: kept so detection can flag the claim, never as the gate.
  else if (weeks) found.duration = { raw: weeks.raw, seconds: weeks.seconds * WEEK_SECONDS };
  return found;
}
