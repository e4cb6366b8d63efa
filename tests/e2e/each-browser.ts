import { describe } from 'vitest';
import type { BrowserName } from '@/tests/e2e/harness';

/**
 * One suite per browser, Chromium's and Firefox's side by side: each is mostly waiting on the
 * clock (reports every few seconds, idle thresholds), so running them together keeps `npm test`
 * inside its time without adding a worker. Within a browser the tests run in order, since they
 * share one browser and build on what the earlier ones left.
 */
export function describeEachBrowser(title: string, body: (browserName: BrowserName) => void): void {
  describe.concurrent.each<BrowserName>(['chromium', 'firefox'])(title, (browserName) => {
    describe('in order', { concurrent: false }, () => body(browserName));
  });
}
