import { all, attribute } from '@/utils/detection/dom-text';
import { readReadingTimeValue } from '@/utils/detection/reading-time-value';
import type { ResourceKind } from '@/utils/detection/schema';

/**
 * Meta tags (signal 3): Yoast/Medium `twitter:labelN` + `twitter:dataN` pairs (the reading time
 * is usually pair 2 on Yoast and pair 1 on Medium, in `content=` or `value=`), Open Graph
 * `og:video:duration` / `video:duration` and `music:duration` (whole seconds), and
 * `<meta itemprop="duration">` (ISO 8601).
 */

export interface MetaDuration {
  seconds: number;
  raw: string;
  kind?: ResourceKind;
}

/** A label that names a reading time, in English or as commonly translated. */
const READING_LABEL = /read|lettura|lesezeit|lecture|lectura|leestijd|czytania|чтения|time/i;

type MetaValues = Map<string, string>;

/**
 * The page's named meta tags, read in one pass (a search per key would walk the whole page each
 * time it is missing): the first of each name or property, by its lower-case name.
 */
function metaValues(doc: Document): MetaValues {
  const values: MetaValues = new Map();
  for (const element of all(doc, 'meta[name], meta[property]', 500)) {
    const value = attribute(element, 'content') ?? attribute(element, 'value');
    if (value === null) continue;
    for (const name of ['name', 'property']) {
      const key = element.getAttribute(name)?.trim().toLowerCase();
      if (key && !values.has(key)) values.set(key, value);
    }
  }
  return values;
}

const metaValue = (values: MetaValues, key: string) => values.get(key) ?? null;

function twitterReadingTime(values: MetaValues): MetaDuration | null {
  for (let index = 1; index <= 4; index++) {
    const label = metaValue(values, `twitter:label${index}`);
    const data = metaValue(values, `twitter:data${index}`);
    if (!label || !data || !READING_LABEL.test(label)) continue;
    const seconds = readReadingTimeValue(data);
    if (seconds !== null && seconds > 0) return { seconds, raw: data, kind: 'article' };
  }
  return null;
}

function wholeSeconds(value: string | null): number | null {
  return value !== null && /^\d{1,6}$/.test(value) && Number(value) > 0 ? Number(value) : null;
}

export function findMetaDuration(doc: Document): MetaDuration | null {
  const values = metaValues(doc);
  const twitter = twitterReadingTime(values);
  if (twitter) return twitter;
  for (const key of ['og:video:duration', 'video:duration']) {
    const raw = metaValue(values, key);
    const seconds = wholeSeconds(raw);
    if (raw && seconds) return { seconds, raw, kind: 'video' };
  }
  const music = metaValue(values, 'music:duration');
  const musicSeconds = wholeSeconds(music);
  if (music && musicSeconds) return { seconds: musicSeconds, raw: music, kind: 'audio' };
  for (const element of all(doc, 'meta[itemprop="duration" i][content]', 5)) {
    // Only a page-level duration: one inside an item of a list belongs to that item.
    const scope = element.closest('[itemscope]');
    if (scope && scope.parentElement?.closest('[itemscope]')) continue;
    const raw = attribute(element, 'content');
    const seconds = raw ? readReadingTimeValue(raw) : null;
    if (raw && seconds) return { seconds, raw };
  }
  return null;
}
