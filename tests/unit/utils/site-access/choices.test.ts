import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SITE_ACCESS,
  neverEntriesCovering,
  SITE_ACCESS_KEY,
} from '@/utils/site-access/access';
import {
  finishPendingWatch,
  PENDING_WATCH_KEY,
  type PendingWatch,
} from '@/utils/site-access/choices';
import { READING_SCRIPT_FILE } from '@/utils/site-access/reading-script';
import { loadSiteAccess } from '@/utils/site-access/site-access-store';
import { addNeverWatch, removeChosenSite, setPaused } from '@/utils/site-access/choices';
import { getDatabase } from '@/utils/db/database';
import { deleteSyncConfig, saveSyncConfig } from '@/utils/sync/store/sync-config-store';

/**
 * The background's half of "Watch this site" (the popup may close while the browser asks):
 * fake storage, and the browser's permission check and injection as spies.
 */
describe('finishPendingWatch', () => {
  const NOW = 1_800_000_000_000;
  let granted: boolean;
  const executeScript = vi.fn(async () => []);

  beforeEach(async () => {
    fakeBrowser.reset();
    granted = true;
    executeScript.mockClear();
    Object.assign(fakeBrowser, {
      permissions: { contains: async () => granted },
      scripting: { executeScript },
    });
    await fakeBrowser.storage.local.set({
      [SITE_ACCESS_KEY]: { ...DEFAULT_SITE_ACCESS, chosen: true, neverWatch: ['example.org'] },
    });
  });

  const pending = (value: PendingWatch) =>
    fakeBrowser.storage.session.set({ [PENDING_WATCH_KEY]: value });

  it('saves the site, lifts its never-watch cover, reads its page and forgets the request', async () => {
    await pending({ host: 'learn.example.org', tabId: 12, at: NOW - 1_000 });
    await finishPendingWatch(NOW);
    const access = await loadSiteAccess();
    expect(access.sites).toEqual(['learn.example.org']);
    expect(access.neverWatch).toEqual([]);
    // The page itself, which announces the resource (the background then reaches its frames).
    expect(executeScript.mock.calls).toEqual([
      [{ target: { tabId: 12 }, files: [READING_SCRIPT_FILE] }],
    ]);
    expect(await fakeBrowser.storage.session.get(PENDING_WATCH_KEY)).toEqual({});
  });

  it('does nothing without the grant, or for a request over 5 minutes old', async () => {
    granted = false;
    await pending({ host: 'learn.example.org', tabId: 12, at: NOW - 1_000 });
    await finishPendingWatch(NOW);
    granted = true;
    await pending({ host: 'learn.example.org', tabId: 12, at: NOW - 6 * 60_000 });
    await finishPendingWatch(NOW);
    expect((await loadSiteAccess()).sites).toEqual([]);
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('names the never-watch entries that cover a host, and no others', () => {
    expect(neverEntriesCovering('www.example.org', ['example.org', 'ample.org', 'a.org'])).toEqual([
      'example.org',
    ]);
    expect(neverEntriesCovering('example.org', ['www.example.org'])).toEqual([]);
  });
});

describe('removeChosenSite', () => {
  const remove = vi.fn(async () => true);

  beforeEach(async () => {
    fakeBrowser.reset();
    remove.mockClear();
    Object.assign(fakeBrowser, { permissions: { remove } });
    await deleteSyncConfig(getDatabase());
    await fakeBrowser.storage.local.set({
      [SITE_ACCESS_KEY]: { ...DEFAULT_SITE_ACCESS, chosen: true, sites: ['lrs.example.org'] },
    });
  });

  it('gives the site back to the browser', async () => {
    await removeChosenSite('lrs.example.org');
    expect((await loadSiteAccess()).sites).toEqual([]);
    expect(remove).toHaveBeenCalledWith({ origins: ['*://lrs.example.org/*'] });
  });

  it('keeps the permission when sync reaches its server on that site', async () => {
    await saveSyncConfig(getDatabase(), {
      enabled: true,
      target: 'learnlog',
      endpoint: 'https://lrs.example.org/api/',
      credentials: { token: 'token' },
    });
    await removeChosenSite('lrs.example.org');
    expect((await loadSiteAccess()).sites).toEqual([]);
    expect(remove).not.toHaveBeenCalled();
  });
});

describe('two pages changing the site choices at once', () => {
  beforeEach(() => fakeBrowser.reset());

  it('both changes are kept (the popup and Settings, or two Settings tabs)', async () => {
    await Promise.all([
      addNeverWatch('social.example.org'),
      addNeverWatch('news.example.org'),
      setPaused(true),
    ]);
    expect(await loadSiteAccess()).toMatchObject({
      paused: true,
      neverWatch: ['news.example.org', 'social.example.org'],
    });
  });
});

describe('a full list', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is refused with its own plain reason, not a storage failure, and nothing changes', async () => {
    const full = Array.from({ length: 500 }, (_, index) => `site${index}.example.org`).sort();
    await fakeBrowser.storage.local.set({
      [SITE_ACCESS_KEY]: { ...DEFAULT_SITE_ACCESS, chosen: true, neverWatch: full },
    });
    expect(await addNeverWatch('one-more.example.org')).toEqual({
      ok: false,
      text: 'You can list up to 500 sites. Remove one first.',
    });
    expect((await loadSiteAccess()).neverWatch).toEqual(full);
  });
});
