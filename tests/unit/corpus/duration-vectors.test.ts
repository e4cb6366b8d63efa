import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CORPUS_DIR,
  CORPUS_MISSING,
  corpusAvailable,
  durationSuites,
  type DurationVector,
} from '@/tests/corpus';
import { DELIBERATE_EXCEPTIONS } from '@/tests/unit/corpus/duration-vector-exceptions';
import { parseDuration } from '@/utils/duration';
import { estimateReadingTime } from '@/utils/detection/estimate';
import { countContent } from '@/utils/detection/main-content';

/** A vector passes when we agree on rejecting it, or read it within ±1 s. */
function agrees(vector: DurationVector, seconds: number | null): boolean {
  if (vector.expectedSeconds === null) return seconds === null;
  return seconds !== null && Math.abs(seconds - vector.expectedSeconds) <= 1;
}

describe.runIf(corpusAvailable)('duration vectors from public parsers', () => {
  const suites = durationSuites();

  it.each(suites.map(({ suite, vectors }) => [suite, vectors] as const))('%s', (suite, vectors) => {
    const surprises: string[] = [];
    for (const vector of vectors.filter((candidate) => candidate.input !== null)) {
      const key = `${suite}: ${vector.input}`;
      const passes = agrees(vector, parseDuration(vector.input!));
      if (passes === key in DELIBERATE_EXCEPTIONS) {
        surprises.push(
          `${key} → ${parseDuration(vector.input!)} (expected ${vector.expectedSeconds})${passes ? ', now passes: remove its exception' : ''}`,
        );
      }
    }
    expect(surprises).toEqual([]);
  });

  it('lists no exception that is not a corpus vector', () => {
    const keys = new Set(
      suites.flatMap(({ suite, vectors }) => vectors.map((vector) => `${suite}: ${vector.input}`)),
    );
    expect(Object.keys(DELIBERATE_EXCEPTIONS).filter((key) => !keys.has(key))).toEqual([]);
  });

  // reading-time (200 wpm) and readtime (265 wpm) estimate from text. Learnlog reads at 238 wpm
  // (Brysbaert 2019), so the seconds differ by design; what must agree is the count of words
  // (CJK characters count one each in both) that the seconds were computed from.
  it.each(['reading-time', 'readtime'])('%s: counts the same words in each input', (suite) => {
    const file = JSON.parse(readFileSync(join(CORPUS_DIR, `durations/${suite}.json`), 'utf8')) as {
      vectors: (DurationVector & {
        format?: string;
        inputSpec?: { randomWords?: number; repeat?: string; times?: number; then?: string };
      })[];
    };
    const defaultWpm = suite === 'readtime' ? 265 : 200;
    const checked: string[] = [];
    for (const vector of file.vectors) {
      const spec = vector.inputSpec;
      const text = vector.inputFile
        ? readFileSync(join(CORPUS_DIR, vector.inputFile), 'utf8')
        : spec?.randomWords
          ? Array.from({ length: spec.randomWords }, (_, index) => `w${index}`).join(' ')
          : spec?.repeat !== undefined
            ? spec.repeat.repeat(spec.times ?? 0) + (spec.then ?? '')
            : (vector.input ?? '');
      if (vector.format === 'markdown') continue; // Learnlog reads web pages, not Markdown source
      // Deliberate: readtime splits words on \W+, so "don't", "e-mail" and "3.5" are two words each;
      // Learnlog splits on white space, as readers see words (584 vs 675 in plain_text.txt).
      if (suite === 'readtime' && vector.inputFile) continue;
      const doc = new DOMParser().parseFromString(
        vector.format === 'html' ? text : `<p></p>`,
        'text/html',
      );
      if (vector.format !== 'html') doc.querySelector('p')!.textContent = text;
      const counts = countContent(doc.body);
      const options = vector.options as { wpm?: number; wordsPerMinute?: number } | undefined;
      const wpm = options?.wpm ?? options?.wordsPerMinute ?? defaultWpm;
      const imageSeconds =
        vector.format === 'html'
          ? estimateReadingTime({ ...counts, words: 0, cjkCharacters: 0 }, 'en').seconds
          : 0;
      const theirWords = ((vector.expectedSeconds! - imageSeconds) * wpm) / 60;
      const ourWords = counts.words + counts.cjkCharacters;
      // readtime rounds seconds up, and splits on \W+ ("http://ngryman.sh" is several words).
      const tolerance = Math.max(2 + wpm / 60, theirWords * 0.03);
      if (Math.abs(ourWords - theirWords) > tolerance)
        checked.push(
          `${JSON.stringify(vector.input ?? vector.inputFile ?? spec)}: ours ${ourWords}, theirs ${theirWords}`,
        );
    }
    expect(checked).toEqual([]);
  });
});

if (!corpusAvailable) console.warn(CORPUS_MISSING);
