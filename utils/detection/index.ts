import { canonicalResourceUrl } from '@/utils/canonical-url';
import { all, attribute } from '@/utils/detection/dom-text';
import { MAX_TRUSTED_SECONDS, MIN_ESTIMATE_WORDS } from '@/utils/detection/constants';
import { estimateReadingTime } from '@/utils/detection/estimate';
import { kindFromLabel } from '@/utils/detection/kind';
import { findLabelPairs } from '@/utils/detection/label-pairs';
import { countContent, findMainRoot } from '@/utils/detection/main-content';
import { findMainMedia, liveMediaLength, type MediaLength } from '@/utils/detection/media';
import { findMetaDuration } from '@/utils/detection/meta-tags';
import { findSchemaOrg } from '@/utils/detection/schema-org';
import { profilesFor, SITE_PROFILES, type SiteProfile } from '@/utils/detection/site-profiles';
import { findTitle } from '@/utils/detection/title';
import { pageVocabulary } from '@/utils/detection/vocabulary';
import { classifyPage, type PageKindVerdict } from '@/utils/detection/page-kind';
import { findVisibleDuration } from '@/utils/detection/visible-text';
import type {
  DurationSource,
  ResourceDetection,
  ResourceKind,
  StatedDuration,
} from '@/utils/detection/schema';

export type { ResourceDetection } from '@/utils/detection/schema';

export { MIN_ESTIMATE_WORDS };

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

/** How many times the text's reading a recording on an article page lasts to be its time. */
const RECORDING_OUTLASTS_TEXT = 2;

/** Prose: at least three paragraphs of a sentence or more (a shop's blurb is one). */
function hasParagraphs(root: Element): boolean {
  let paragraphs = 0;
  for (const paragraph of all(root, 'p', 400)) {
    if ((paragraph.textContent ?? '').trim().split(/\s+/).length >= 15) paragraphs += 1;
    if (paragraphs >= 3) return true;
  }
  return false;
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
  now: number = Date.now(),
): ResourceDetection | null {
  const read = readPage(doc, url, profiles, now);
  return 'detection' in read ? read.detection : null;
}

/** What `readPage` found: the page's resource, or why the page is not one. */
export type PageReading =
  { detection: ResourceDetection } | { notResource: PageKindVerdict } | { nothing: true };

/**
 * Reads the page: first what kind of page it is (`classifyPage`: a listing, a shop, a
 * dashboard… is never a resource, whatever times it shows), then its resource and the time it
 * states. `now`: the time an event's start is compared with; `mediaLength`: how long a video or
 * audio element is (its own `duration` in the page).
 */
export function readPage(
  doc: Document,
  url: URL,
  profiles: readonly SiteProfile[] = SITE_PROFILES,
  now: number = Date.now(),
  mediaLength: MediaLength = liveMediaLength,
): PageReading {
  const nothing = { nothing: true } as const;
  try {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return nothing;
    const matching = profilesFor(url, profiles);
    const mainRoot = findMainRoot(doc);
    const vocabulary = pageVocabulary(doc);
    // A site profile names the site's resource pages: its pages are not second-guessed.
    const specific = matching.some((profile) => !profile.generic);
    const kind = specific ? null : classifyPage(doc, url, mainRoot, vocabulary, now);
    if (kind) return { notResource: kind };
    const candidates: Candidate[] = [];
    let typeLabel: string | undefined;
    let titleSelectors: string[] | undefined;

    for (const profile of matching) {
      // The generic profile reads the labels of the page's languages too.
      const pairs = profile.generic
        ? findLabelPairs(
            doc,
            {
              type: profile.labels.type,
              duration: [
                ...profile.labels.duration,
                ...vocabulary.durationLabels,
                ...vocabulary.readingLabels,
              ],
            },
            vocabulary,
            vocabulary.unitOnlyLabels,
            mainRoot,
          )
        : findLabelPairs(doc, profile.labels, vocabulary, [], mainRoot);
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
    const visible = settled ? null : findVisibleDuration(doc, mainRoot, !isReading, vocabulary);
    // On an article, a player's length is its recording's: the page's time only when the
    // recording is the page's main part, at least twice the text's reading (a webinar's page),
    // not for a clip in an article, nor an article read aloud (about as long as the text).
    const counted = visible?.player && isReading ? countContent(mainRoot, mediaLength) : undefined;
    const textSeconds = counted
      ? estimateReadingTime(counted, doc.documentElement.getAttribute('lang')).seconds
      : 0;
    if (visible && visible.seconds >= RECORDING_OUTLASTS_TEXT * textSeconds)
      candidates.push({ raw: visible.raw, seconds: visible.seconds, source: 'visible-text' });
    const media = findMainMedia(mainRoot, mediaLength);
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
      // Or, since it is none of the kinds that are not resources, one page of prose under
      // its own heading.
      if (!looksLikeResource && !(doc.querySelector('h1') && hasParagraphs(mainRoot)))
        return nothing;
      const counts = counted ?? countContent(mainRoot, mediaLength);
      if (counts.words + counts.cjkCharacters < MIN_ESTIMATE_WORDS) return nothing;
      estimate = estimateReadingTime(counts, doc.documentElement.getAttribute('lang'));
      if (estimate.seconds > MAX_TRUSTED_SECONDS) return nothing;
    }

    const title = findTitle(doc, titleSelectors);
    if (!title) return nothing;
    const durationSeconds = stated?.seconds ?? estimate!.seconds;
    const detection: ResourceDetection = {
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
    return { detection };
  } catch {
    // Hostile or broken markup must never break the content script.
    return nothing;
  }
}
