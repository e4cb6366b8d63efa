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

function metaValue(doc: Document, key: string): string | null {
  const element = doc.querySelector(`meta[name="${key}" i], meta[property="${key}" i]`);
  return attribute(element, 'content') ?? attribute(element, 'value');
}

function twitterReadingTime(doc: Document): MetaDuration | null {
  for (let index = 1; index <= 4; index++) {
    const label = metaValue(doc, `twitter:label${index}`);
    const data = metaValue(doc, `twitter:data${index}`);
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
  const twitter = twitterReadingTime(doc);
  if (twitter) return twitter;
  for (const key of ['og:video:duration', 'video:duration']) {
    const raw = metaValue(doc, key);
    const seconds = wholeSeconds(raw);
    if (raw && seconds) return { seconds, raw, kind: 'video' };
  }
  const music = metaValue(doc, 'music:duration');
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
