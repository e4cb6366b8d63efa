import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { loadSettings, validateAndSaveSection } from '@/utils/settings-store';

describe('saving one settings section', () => {
  beforeEach(() => fakeBrowser.reset());

  it('refuses an invalid section in plain words and stores nothing', async () => {
    expect(
      await validateAndSaveSection(
        'profile',
        { regulator: 'none', goalHours: 0 },
        'Profile saved.',
      ),
    ).toEqual({ kind: 'error', text: 'The goal must be at least 1 hour.' });
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({});
  });

  it('saves a valid section without touching the others', async () => {
    await validateAndSaveSection('identity', { email: 'sam@example.org' }, 'Identity saved.');
    expect(
      await validateAndSaveSection(
        'profile',
        { regulator: 'nmc', cycleEndDate: '2027-03-31' },
        'Profile saved.',
      ),
    ).toEqual({ kind: 'saved', text: 'Profile saved.' });
    expect(await loadSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      profile: { regulator: 'nmc', cycleEndDate: '2027-03-31' },
      identity: { email: 'sam@example.org' },
    });
  });

  it('two pages saving different sections at once both keep their change', async () => {
    // The settings page and the first-run page, or two settings tabs: each reads the latest
    // settings and writes them back with its own section. Neither may undo the other.
    await Promise.all([
      validateAndSaveSection('profile', { regulator: 'gphc' }, 'Profile saved.'),
      validateAndSaveSection('identity', { email: 'sam@example.org' }, 'Identity saved.'),
      validateAndSaveSection(
        'tracking',
        { ...DEFAULT_SETTINGS.tracking, idleSeconds: 120 },
        'Tracking saved.',
      ),
    ]);
    expect(await loadSettings()).toMatchObject({
      profile: { regulator: 'gphc' },
      identity: { email: 'sam@example.org' },
      tracking: { idleSeconds: 120 },
    });
  });
});
