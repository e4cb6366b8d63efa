import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';

const axeSource = await readFile(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** WCAG 2.2 A/AA violations on `page`, as "rule: count" lines (empty when there are none). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: extension pages' CSP rightly blocks inline scripts.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof import('axe-core') }).axe.run(
      document,
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      },
    );
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.length}`);
  });
}
