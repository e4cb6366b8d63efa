import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The shared corpus of real third-party pages and duration vectors (../shared/corpus, read-only,
 * never copied into the repo). Found through LEARNLOG_CORPUS; tests skip with a clear message when
 * it is absent.
 */

export const CORPUS_DIR = resolve(
  process.env.LEARNLOG_CORPUS ?? join(process.cwd(), '../shared/corpus'),
);
export const corpusAvailable = existsSync(join(CORPUS_DIR, 'pages.json'));
export const CORPUS_MISSING = `corpus not found at ${CORPUS_DIR} - skipping corpus tests (set LEARNLOG_CORPUS)`;

export interface CorpusMarker {
  kind: string;
  raw: string;
  seconds: number | null;
  note?: string;
}

export interface CorpusPage {
  id: string;
  file: string;
  lang: string | null;
  title: string | null;
  url?: string | null;
  ogType: string | null;
  bytes: number;
  readerable: boolean | null;
  mainTextWords: number | null;
  markers: CorpusMarker[];
  statedSeconds: number | null;
  statedSecondsAlternatives: number[];
  statedNote?: string;
}

export function corpusPages(): CorpusPage[] {
  if (!corpusAvailable) return [];
  return (
    JSON.parse(readFileSync(join(CORPUS_DIR, 'pages.json'), 'utf8')) as { pages: CorpusPage[] }
  ).pages;
}

export function corpusHtml(page: CorpusPage): string {
  return readFileSync(join(CORPUS_DIR, page.file), 'utf8');
}

/** The address a page is tested under: its own when known, else a stable stand-in. */
export function corpusUrl(page: CorpusPage): URL {
  try {
    if (page.url) return new URL(page.url);
  } catch {
    // fall through
  }
  return new URL(`https://corpus.invalid/${page.id}`);
}

/** True when `seconds` is the page's stated time or an accepted alternative, within ±1 s. */
export function matchesStated(page: CorpusPage, seconds: number | undefined): boolean {
  if (seconds === undefined || page.statedSeconds === null) return false;
  return [page.statedSeconds, ...page.statedSecondsAlternatives].some(
    (expected) => Math.abs(expected - seconds) <= 1,
  );
}

export interface DurationVector {
  input: string | null;
  expectedSeconds: number | null;
  suiteValid?: boolean;
  from?: string;
  note?: string;
  inputSpec?: unknown;
  inputFile?: string;
  options?: unknown;
  locale?: string;
  function?: string;
  functions?: string[];
}

export function durationSuites(): { suite: string; vectors: DurationVector[] }[] {
  if (!corpusAvailable) return [];
  const suites = [
    'duration-fns',
    'extruct-samples',
    'humanize-duration-en',
    'ms',
    'parse-duration',
    'timestring',
    'tinyduration',
  ];
  return suites.map((suite) => ({
    suite,
    vectors: (
      JSON.parse(readFileSync(join(CORPUS_DIR, 'durations', `${suite}.json`), 'utf8')) as {
        vectors: DurationVector[];
      }
    ).vectors,
  }));
}
