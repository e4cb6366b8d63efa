import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourceFor, sleep, tabIdOf, waitFor } from '@/tests/e2e/extension-state';
import { startFixtureServer, type FixtureServer } from '@/tests/e2e/fixture-server';
import { launchWithExtension } from '@/tests/e2e/harness';

/**
 * Progress survives a browser restart. Chromium only: Firefox removes a temporarily
 * installed add-on, and its data, when it closes, which is not what a learner's install does.
 */
describe('after a browser restart (Chromium)', () => {
  let server: FixtureServer;
  let profileDir: string;

  beforeAll(async () => {
    server = await startFixtureServer();
    profileDir = await mkdtemp(join(tmpdir(), 'learnlog-restart-'));
  });

  afterAll(async () => {
    await server?.close();
    await rm(profileDir, { recursive: true, force: true });
  });

  it('keeps the time spent, and adds to it on the next visit', async () => {
    const url = server.url('/leading-to-change.html?case=restart');
    const first = await launchWithExtension('chromium', { profileDir });
    const control = await first.openExtensionPage('popup.html', { background: true });
    const page = await first.browser.newPage();
    await page.goto(url);
    await tabIdOf(page, control);
    await sleep(4_000);
    await control.bringToFront();
    const before = await waitFor(
      () => resourceFor(control, url),
      (resource) => (resource?.spentMs ?? 0) > 2_500,
      {
        what: 'the first visit',
      },
    );
    await first.close();

    const second = await launchWithExtension('chromium', { profileDir });
    try {
      const again = await second.openExtensionPage('popup.html', { background: true });
      expect(await resourceFor(again, url)).toMatchObject({ spentMs: before!.spentMs });
      const revisit = await second.browser.newPage();
      await revisit.goto(url);
      await sleep(3_000);
      await again.bringToFront();
      const after = await waitFor(
        () => resourceFor(again, url),
        (resource) => (resource?.spentMs ?? 0) >= before!.spentMs + 2_000,
        { what: 'time from the second visit' },
      );
      expect(after!.spentMs).toBeLessThan(before!.spentMs + 4_000);
    } finally {
      await second.close();
    }
  });
});
