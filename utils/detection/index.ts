import { canonicalResourceUrl } from '@/utils/canonical-url';
import { kindFromLabel } from '@/utils/detection/kind';
import { findLabelPairs } from '@/utils/detection/label-pairs';
import { findReadingTimeText } from '@/utils/detection/reading-time-text';
import { findTitle } from '@/utils/detection/title';
import { MAX_TRUSTED_SECONDS } from '@/utils/detection/constants';
import type { ResourceDetection, StatedDuration } from '@/utils/detection/schema';

export type { ResourceDetection } from '@/utils/detection/schema';

/**
 * Decides whether a page is a learning resource and what time it asks of the reader.
 * Pure: reads only `doc` and `url`, uses no extension APIs, and never throws.
 *
 * Signals, in rank order (the first that gives a duration wins):
 * 1. "Type … / Duration …" label–value pairs (the Leading to Change shape);
 * 2. visible reading-time text near the top of the main content ("8 min read").
 */
export function detectResource(doc: Document, url: URL): ResourceDetection | null {
  try {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    const pairs = findLabelPairs(doc);
    let stated: StatedDuration | undefined;
    if (pairs.duration) {
      stated = { seconds: pairs.duration.seconds, source: 'label-pair', raw: pairs.duration.raw };
    } else {
      const text = findReadingTimeText(doc);
      if (text) stated = { seconds: text.seconds, source: 'visible-text', raw: text.raw };
    }
    // A page claiming more than a day of reading is not trusted as a gate (issue #3).
    if (!stated || stated.seconds > MAX_TRUSTED_SECONDS) return null;
    const title = findTitle(doc);
    if (!title) return null;
    return {
      title,
      url: canonicalResourceUrl(doc, url).href,
      kind: pairs.type ? kindFromLabel(pairs.type) : 'article',
      ...(pairs.type ? { typeLabel: pairs.type } : {}),
      stated,
      requiredSeconds: stated.seconds,
    };
  } catch {
    // Hostile or broken markup must never break the content script.
    return null;
  }
}
