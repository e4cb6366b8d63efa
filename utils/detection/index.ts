import { canonicalResourceUrl } from '@/utils/canonical-url';
import { attribute } from '@/utils/detection/dom-text';
import { MAX_TRUSTED_SECONDS } from '@/utils/detection/constants';
import { estimateReadingTime } from '@/utils/detection/estimate';
import { kindFromLabel } from '@/utils/detection/kind';
import { findLabelPairs } from '@/utils/detection/label-pairs';
import { countContent, findMainRoot } from '@/utils/detection/main-content';
import { findMainMedia } from '@/utils/detection/media';
import { findMetaDuration } from '@/utils/detection/meta-tags';
import { findSchemaOrg } from '@/utils/detection/schema-org';
import { profilesFor, SITE_PROFILES, type SiteProfile } from '@/utils/detection/site-profiles';
import { findTitle } from '@/utils/detection/title';
import { findVisibleDuration } from '@/utils/detection/visible-text';
import type {
  DurationSource,
  ResourceDetection,
  ResourceKind,
  StatedDuration,
} from '@/utils/detection/schema';

export type { ResourceDetection } from '@/utils/detection/schema';

/** Fewer words than this is not an article to estimate (about a minute of reading). */
export const MIN_ESTIMATE_WORDS = 250;

interface Candidate {
  seconds: number;
  source: DurationSource;
  raw: string;
}

const OG_KINDS: [RegExp, ResourceKind][] = [
  [/^article$|^blog/i, 'article'],
  [/^video/i, 'video'],
  [/^music|^audio|podcast/i, 'audio'],
  [/^book$/i, 'document'],
];

function kindFromOpenGraph(doc: Document): ResourceKind | undefined {
  const type = attribute(doc.querySelector('meta[property="og:type" i]'), 'content');
  return type ? OG_KINDS.find(([pattern]) => pattern.test(type))?.[1] : undefined;
}

/**
 * Decides whether a page is a learning resource, what kind, and what time it asks of the reader.
 * Pure: reads only `doc` and `url`, uses no extension APIs, and never throws.
 *
 * Signals, in rank order; the first that states a duration wins and is recorded in
 * `stated.source`:
 * 1. site profiles — "Type … / Duration …" label pairs, a specific site's first
 *    ("site-profile"), then the generic one ("label-pair");
 * 2. schema.org JSON-LD and microdata ("schema-org");
 * 3. meta tags: Yoast/Medium twitter:label/data, og:video:duration, music:duration ("meta");
 * 4. visible text near the top of the main content ("visible-text");
 * 5. the main video or audio element's length ("media");
 * 6. otherwise an estimate from the main content's words, pictures and media — only for a page
 *    that declares itself an article, post, course or the like (schema.org, og:type, a type
 *    label) or holds one article body, and has at least `MIN_ESTIMATE_WORDS` words.
 * A claim over 24 hours is flagged and the next signal is used instead.
 */
export function detectResource(
  doc: Document,
  url: URL,
  profiles: readonly SiteProfile[] = SITE_PROFILES,
): ResourceDetection | null {
  try {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    const matching = profilesFor(url, profiles);
    const mainRoot = findMainRoot(doc);
    const candidates: Candidate[] = [];
    let typeLabel: string | undefined;
    let titleSelectors: string[] | undefined;

    for (const profile of matching) {
      const pairs = findLabelPairs(doc, profile.labels);
      typeLabel ??= pairs.type;
      if (pairs.duration) {
        titleSelectors ??= profile.titleSelectors;
        candidates.push({
          ...pairs.duration,
          source: profile.generic ? 'label-pair' : 'site-profile',
        });
      }
    }
    const schema = findSchemaOrg(doc, url);
    if (schema.duration) candidates.push({ ...schema.duration, source: 'schema-org' });
    const meta = findMetaDuration(doc);
    if (meta) candidates.push({ seconds: meta.seconds, raw: meta.raw, source: 'meta' });
    const declaredKind = typeLabel
      ? kindFromLabel(typeLabel)
      : (schema.kind ?? meta?.kind ?? kindFromOpenGraph(doc));
    const isReading =
      declaredKind === 'article' || declaredKind === 'blog' || declaredKind === 'document';
    // The text walk is the costliest signal: skip it once a higher one has given a usable time.
    const settled = candidates.some((candidate) => candidate.seconds <= MAX_TRUSTED_SECONDS);
    const visible = settled ? null : findVisibleDuration(doc, mainRoot, !isReading);
    if (visible) candidates.push({ ...visible, source: 'visible-text' });
    const media = findMainMedia(mainRoot);
    if (media?.seconds)
      candidates.push({ seconds: media.seconds, raw: `${media.seconds} s`, source: 'media' });

    const trusted = candidates.find((candidate) => candidate.seconds <= MAX_TRUSTED_SECONDS);
    const flagged = candidates.find((candidate) => candidate.seconds > MAX_TRUSTED_SECONDS);

    let stated: StatedDuration | undefined;
    let estimate: ResourceDetection['estimate'];
    if (trusted) {
      stated = { seconds: trusted.seconds, source: trusted.source, raw: trusted.raw.slice(0, 200) };
    } else {
      // A page that declares itself an article, post, course or media, or has one article body.
      const looksLikeResource =
        (declaredKind !== undefined && declaredKind !== 'other') ||
        Boolean(doc.querySelector('[itemprop~="articleBody"]')) ||
        doc.getElementsByTagName('article').length === 1;
      if (!looksLikeResource) return null;
      const counts = countContent(mainRoot);
      if (counts.words + counts.cjkCharacters < MIN_ESTIMATE_WORDS) return null;
      estimate = estimateReadingTime(counts, doc.documentElement.getAttribute('lang'));
      if (estimate.seconds > MAX_TRUSTED_SECONDS) return null;
    }

    const title = findTitle(doc, titleSelectors);
    if (!title) return null;
    const durationSeconds = stated?.seconds ?? estimate!.seconds;
    return {
      title,
      url: canonicalResourceUrl(doc, url).href,
      kind: declaredKind ?? media?.kind ?? 'article',
      ...(typeLabel ? { typeLabel } : {}),
      ...(stated ? { stated } : {}),
      ...(estimate ? { estimate } : {}),
      ...(flagged
        ? {
            flaggedClaim: {
              seconds: flagged.seconds,
              source: flagged.source,
              raw: flagged.raw.slice(0, 200),
            },
          }
        : {}),
      durationSeconds,
    };
  } catch {
    // Hostile or broken markup must never break the content script.
    return null;
  }
}
