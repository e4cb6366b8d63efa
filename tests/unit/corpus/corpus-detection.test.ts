import { describe, expect, it } from 'vitest';
import {
  CORPUS_MISSING,
  corpusAvailable,
  corpusHtml,
  corpusPages,
  corpusUrl,
  matchesStated,
} from '@/tests/corpus';
import { KNOWN_MISSES } from '@/tests/unit/corpus/known-misses';
import { detectResource } from '@/utils/detection';
import { ResourceDetectionSchema } from '@/utils/detection/schema';

/**
 * Detection over every real page of the shared corpus, in happy-dom (tests/e2e runs the same in
 * Chromium). Stated durations must match the hand-checked `statedSeconds` (or an alternative);
 * pages with none must state none; estimates are reported against readability's word count.
 */
if (!corpusAvailable) console.warn(CORPUS_MISSING);

describe.runIf(corpusAvailable)('detection on the real-page corpus (happy-dom)', () => {
  const results = corpusPages().map((page) => {
    const doc = new DOMParser().parseFromString(corpusHtml(page), 'text/html');
    return { page, detection: detectResource(doc, corpusUrl(page)) };
  });

  it('reads every publisher-stated time, apart from the documented misses', () => {
    const withStated = results.filter(({ page }) => page.statedSeconds !== null);
    const misses = withStated
      .filter(({ page, detection }) => !matchesStated(page, detection?.stated?.seconds))
      .map(
        ({ page, detection }) =>
          `${page.id}: got ${detection?.stated?.seconds ?? 'nothing'} (${detection?.stated?.raw ?? ''}), want ${page.statedSeconds}`,
      );
    expect(misses.map((line) => line.split(':')[0]).sort()).toEqual(
      Object.keys(KNOWN_MISSES).sort(),
    );
    console.info(
      `Stated times read correctly: ${withStated.length - misses.length} of ${withStated.length}`,
    );
  });

  it('states no time on pages whose publisher states none', () => {
    const invented = results
      .filter(({ page, detection }) => page.statedSeconds === null && detection?.stated)
      .map(
        ({ page, detection }) =>
          `${page.id}: ${detection!.stated!.source} "${detection!.stated!.raw}"`,
      );
    expect(invented).toEqual([]);
  });

  it("produces only detections that pass the background's schema", () => {
    for (const { page, detection } of results) {
      if (detection)
        expect(ResourceDetectionSchema.safeParse(detection).success, page.id).toBe(true);
    }
  });

  it("estimates from the main text only (report against readability's word count)", () => {
    const compared = results.filter(
      ({ page, detection }) =>
        detection?.estimate && page.mainTextWords && page.mainTextWords >= 100,
    );
    const errors = compared.map(
      ({ page, detection }) =>
        (detection!.estimate!.words - page.mainTextWords!) / page.mainTextWords!,
    );
    const absolute = errors.map(Math.abs).sort((a, b) => a - b);
    const median = absolute[Math.floor(absolute.length / 2)] ?? 0;
    console.info(
      `Estimates: ${compared.length} pages; word count vs readability's main text: median error ${(median * 100).toFixed(1)} %, ` +
        `within 10 %: ${absolute.filter((error) => error <= 0.1).length}, within 25 %: ${absolute.filter((error) => error <= 0.25).length}`,
    );
    // The estimate never counts the whole page: menus, footers and comments stay out.
    expect(median).toBeLessThan(0.1);
  });
});
