import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_MISSING, corpusAvailable, corpusPages, matchesStated } from '@/tests/corpus';
import {
  openChromiumCorpus,
  type ChromiumCorpus,
  type ChromiumCorpusResult,
} from '@/tests/e2e/corpus-in-chromium';
import { KNOWN_MISSES } from '@/tests/unit/corpus/known-misses';
import { ResourceDetectionSchema } from '@/utils/detection/schema';

/** The extension's detection on every real corpus page, in real Chromium. */
if (!corpusAvailable) console.warn(CORPUS_MISSING);

describe.runIf(corpusAvailable)('detection on the real-page corpus (Chromium)', () => {
  let corpus: ChromiumCorpus;
  const results: ChromiumCorpusResult[] = [];

  beforeAll(async () => {
    corpus = await openChromiumCorpus();
    for (const page of corpusPages()) results.push(await corpus.run(page, { repeats: 1 }));
  }, 300_000);

  afterAll(async () => corpus?.close());

  it('reads every publisher-stated time, apart from the documented misses', () => {
    const misses = results
      .filter(
        ({ page, detection }) =>
          page.statedSeconds !== null && !matchesStated(page, detection?.stated?.seconds),
      )
      .map(({ page }) => page.id);
    expect(misses.sort()).toEqual(Object.keys(KNOWN_MISSES).sort());
  });

  it('states no time on pages whose publisher states none', () => {
    const invented = results
      .filter(({ page, detection }) => page.statedSeconds === null && detection?.stated)
      .map(({ page }) => page.id);
    expect(invented).toEqual([]);
  });

  it('reports only detections the background accepts', () => {
    const rejected = results
      .filter(({ detection }) => detection && !ResourceDetectionSchema.safeParse(detection).success)
      .map(({ page }) => page.id);
    expect(rejected).toEqual([]);
  });
});
