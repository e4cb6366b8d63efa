import { MAX_TRUSTED_SECONDS, MIN_ESTIMATE_WORDS } from '@/utils/detection/constants';
import type { Estimate, ResourceDetection } from '@/utils/detection/schema';
import type { ContentCounts } from '@/utils/detection/main-content';

/**
 * Reading-time estimate from the main content (signal 6).
 *
 * - 238 words per minute for English non-fiction: Brysbaert (2019), "How many words do we read
 *   per minute? A review and meta-analysis of reading rate", J. Memory and Language 109.
 * - Other languages scale 238 by their silent-reading rate relative to English in the IReST
 *   study (Trauzettel-Klosinski & Dietz 2012, IOVS 53(9)), e.g. German 179/228.
 * - Chinese, Japanese and Korean are read per character (IReST: 255, 357 and ~280 characters
 *   per minute).
 * - Pictures take a little time: 12 s for the first, one second less for each next, never
 *   under 3 s (the rule Medium published for its reading times).
 * - Video and audio in the main content add their length.
 */

export const ENGLISH_WORDS_PER_MINUTE = 238;
const IREST_ENGLISH = 228;
const IREST_WORDS_PER_MINUTE: Record<string, number> = {
  ar: 138,
  de: 179,
  es: 218,
  fi: 161,
  fr: 195,
  he: 187,
  it: 188,
  nl: 202,
  pl: 166,
  pt: 181,
  ru: 184,
  sl: 180,
  sv: 199,
  tr: 166,
};
const CHARACTERS_PER_MINUTE: Record<string, number> = { zh: 255, ja: 357, ko: 280 };

export function wordsPerMinuteFor(language: string | null | undefined): number {
  const primary = (language ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  const rate = IREST_WORDS_PER_MINUTE[primary];
  return rate
    ? Math.round((ENGLISH_WORDS_PER_MINUTE * rate) / IREST_ENGLISH)
    : ENGLISH_WORDS_PER_MINUTE;
}

export function imageSeconds(images: number): number {
  let total = 0;
  for (let index = 0; index < images; index++) total += Math.max(3, 12 - index);
  return total;
}

export function estimateReadingTime(
  counts: ContentCounts,
  language: string | null | undefined,
): Estimate {
  const primary = (language ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  const wordsPerMinute = wordsPerMinuteFor(language);
  const charactersPerMinute = CHARACTERS_PER_MINUTE[primary] ?? CHARACTERS_PER_MINUTE.zh!;
  const readingSeconds =
    (counts.words / wordsPerMinute) * 60 + (counts.cjkCharacters / charactersPerMinute) * 60;
  return {
    seconds: Math.max(
      1,
      Math.round(readingSeconds + imageSeconds(counts.images) + counts.mediaSeconds),
    ),
    words: counts.words + counts.cjkCharacters,
    images: counts.images,
    mediaSeconds: Math.round(counts.mediaSeconds),
    wordsPerMinute,
  };
}

/** Reader View's main text of a page, counted as Learnlog counts its own (reader-count.ts). */
export interface ReaderCounts {
  words: number;
  cjkCharacters: number;
  images: number;
}

/**
 * The estimate again, from Reader View's main text: for a resource that states no time only, and
 * only when Reader View found an article's worth of text (else Learnlog's own count stands). The
 * media lengths are the page's own (Reader View's copy of the page plays nothing).
 */
export function withReaderEstimate(
  detection: ResourceDetection,
  counts: ReaderCounts,
  language: string | null | undefined,
): ResourceDetection {
  if (detection.stated || !detection.estimate) return detection;
  if (counts.words + counts.cjkCharacters < MIN_ESTIMATE_WORDS) return detection;
  const estimate = estimateReadingTime(
    { ...counts, mediaSeconds: detection.estimate.mediaSeconds },
    language,
  );
  if (estimate.seconds > MAX_TRUSTED_SECONDS) return detection;
  return { ...detection, estimate, durationSeconds: estimate.seconds };
}
