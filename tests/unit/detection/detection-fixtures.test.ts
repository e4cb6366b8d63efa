import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DETECTION_FIXTURES_DIR,
  fixtureLabels,
  RESOURCE_CATEGORIES,
  scoreFixtures,
  type FixtureLabel,
} from '@/tests/detection-fixtures';
import type { ResourceDetection } from '@/utils/detection/schema';

/** Every page under the fixtures folder (labels apart). */
function pageFiles(): string[] {
  return readdirSync(DETECTION_FIXTURES_DIR)
    .filter(
      (name) => name !== 'labels' && statSync(join(DETECTION_FIXTURES_DIR, name)).isDirectory(),
    )
    .flatMap((folder) =>
      readdirSync(join(DETECTION_FIXTURES_DIR, folder))
        .filter((name) => name.endsWith('.html'))
        .map((name) => `${folder}/${name}`),
    )
    .sort();
}

describe('the labelled detection fixtures', () => {
  const labels = fixtureLabels();

  it('label every page once, and only pages that are there', () => {
    const labelled = labels.map((label) => label.file);
    expect(new Set(labelled).size).toBe(labelled.length);
    expect([...labelled].sort()).toEqual(pageFiles());
  });

  it('are labelled consistently: a resource has a resource category, the page its language', () => {
    for (const label of labels) {
      expect(
        (RESOURCE_CATEGORIES as readonly string[]).includes(label.category),
        `${label.file} category`,
      ).toBe(label.isResource);
      if (!label.isResource) expect(label.statedSeconds, `${label.file} stated`).toBeNull();
      const html = readFileSync(join(DETECTION_FIXTURES_DIR, label.file), 'utf8');
      const lang = /<html[^>]*\slang="([^"]+)"/i.exec(html)?.[1];
      expect(lang?.toLowerCase(), `${label.file} lang`).toBe(label.language.toLowerCase());
    }
  });

  it('stand alone: nothing is fetched from anywhere', () => {
    for (const file of pageFiles()) {
      const html = readFileSync(join(DETECTION_FIXTURES_DIR, file), 'utf8');
      expect(html, file).not.toMatch(/<script[^>]+\ssrc=/i);
      expect(html, file).not.toMatch(/\s(?:src|srcset|poster)="(?:https?:)?\/\//i);
      expect(html, file).not.toMatch(
        /<link[^>]+rel="(?:stylesheet|preload|icon)"[^>]+href="(?:https?:)?\/\//i,
      );
      expect(html, file).not.toMatch(/@import|url\((?:['"])?(?:https?:)?\/\//i);
    }
  });
});

describe('scoring detection against the labels', () => {
  const label = (over: Partial<FixtureLabel>): FixtureLabel => ({
    file: 'x/page.html',
    category: 'article',
    isResource: true,
    statedSeconds: 300,
    language: 'en-GB',
    modelledOn: 'a blog',
    trap: 'none',
    ...over,
  });
  const detected = (seconds?: number): ResourceDetection => ({
    title: 'A page',
    url: 'https://fixtures.invalid/x/page.html',
    kind: 'article',
    durationSeconds: seconds ?? 120,
    ...(seconds
      ? { stated: { seconds, source: 'visible-text' as const, raw: `${seconds} s` } }
      : {}),
  });

  it('counts precision, recall, the stated time and a time invented', () => {
    const score = scoreFixtures([
      { label: label({ file: 'a/right.html' }), detection: detected(300) },
      { label: label({ file: 'a/wrong-time.html' }), detection: detected(480) },
      { label: label({ file: 'a/missed.html' }), detection: null },
      {
        label: label({
          file: 'a/shop.html',
          category: 'product',
          isResource: false,
          statedSeconds: null,
        }),
        detection: detected(7_200),
      },
      {
        label: label({
          file: 'a/inbox.html',
          category: 'application',
          isResource: false,
          statedSeconds: null,
        }),
        detection: null,
      },
    ]);
    // Taken: right, wrong-time, shop (3), of which 2 are resources; 3 resources, 2 taken.
    expect(score.precision).toBeCloseTo(2 / 3);
    expect(score.recall).toBeCloseTo(2 / 3);
    expect(score.statedRead).toEqual({ pages: 3, right: 1 });
    expect(score.invented).toEqual({ pages: 2, invented: 1 });
    expect(score.byCategory.get('product')).toEqual({ pages: 1, right: 0 });
    expect(score.byCategory.get('application')).toEqual({ pages: 1, right: 1 });
    expect(score.misses.map((miss) => miss.file)).toEqual([
      'a/wrong-time.html',
      'a/missed.html',
      'a/shop.html',
      'a/shop.html',
    ]);
  });
});
