import { describe, expect, it } from 'vitest';
import { fixtureDocument } from '@/tests/unit/fixture-document';
import { fixtureLabels, fixtureUrl, scoreFixtures } from '@/tests/detection-fixtures';
import { detectResource } from '@/utils/detection';

/**
 * Detection against Learnlog's own labelled pages (tests/fixtures/detection), held to issue
 * #17's goals in happy-dom; `npm run bench -- fixtures` prints the same figures in Chromium.
 * A page that slips prints why.
 */
describe('detection on the labelled fixtures (happy-dom)', () => {
  const labels = fixtureLabels();
  const score = scoreFixtures(
    labels.map((label) => ({
      label,
      detection: detectResource(
        fixtureDocument(`detection/${label.file}`),
        fixtureUrl(label),
        undefined,
        Date.parse('2026-12-01T12:00:00Z'),
      ),
    })),
  );
  const misses = score.misses.map((miss) => `${miss.file}: ${miss.why}`).join('\n');

  it('tells resources from other pages (precision ≥ 0.95, recall ≥ 0.9)', () => {
    expect(score.pages).toBe(labels.length);
    expect(score.precision, misses).toBeGreaterThanOrEqual(0.95);
    expect(score.recall, misses).toBeGreaterThanOrEqual(0.9);
  });

  it('reads the stated time on ≥ 95 % of pages that state one, invents one on ≤ 2 %', () => {
    expect(score.statedRead.right / score.statedRead.pages, misses).toBeGreaterThanOrEqual(0.95);
    expect(score.invented.invented / score.invented.pages, misses).toBeLessThanOrEqual(0.02);
  });
});
