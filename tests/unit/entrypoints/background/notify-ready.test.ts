import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { notifyReady } from '@/entrypoints/background/notify-ready';
import type { ResourceProgress } from '@/utils/db/tables';
import { DEFAULT_SETTINGS } from '@/utils/settings';

const progress: ResourceProgress = {
  url: 'https://learning.example.org/a',
  title: 'Supporting people through change',
  kind: 'blog',
  durationSeconds: 300,
  spentMs: 300_000,
  firstSeenAt: 1,
  lastSeenAt: 2,
};

describe('notifyReady', () => {
  const create = vi.fn(async () => 'id');
  const contains = vi.fn(async () => true);

  beforeEach(() => {
    fakeBrowser.reset();
    create.mockClear();
    contains.mockClear();
    Object.assign(fakeBrowser, { notifications: { create } });
    Object.assign(fakeBrowser.permissions, { contains });
  });

  it('stays silent unless the learner turned it on (off by default)', async () => {
    await notifyReady(progress, DEFAULT_SETTINGS);
    expect(create).not.toHaveBeenCalled();
  });

  it('stays silent without the optional permission', async () => {
    contains.mockResolvedValueOnce(false);
    await notifyReady(progress, {
      ...DEFAULT_SETTINGS,
      tracking: { ...DEFAULT_SETTINGS.tracking, notifyWhenReady: true },
    });
    expect(create).not.toHaveBeenCalled();
  });

  it('says the resource is ready, naming it as plain text', async () => {
    await notifyReady(progress, {
      ...DEFAULT_SETTINGS,
      tracking: { ...DEFAULT_SETTINGS.tracking, notifyWhenReady: true },
    });
    expect(contains).toHaveBeenCalledWith({ permissions: ['notifications'] });
    expect(create).toHaveBeenCalledWith(
      'ready:https://learning.example.org/a',
      expect.objectContaining({
        type: 'basic',
        title: 'Ready to record',
        message: 'You can now record "Supporting people through change" in Learnlog.',
      }),
    );
  });
});
