import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  migrateSettings,
  ProfileSettingsSchema,
  readSettings,
  requiredMsFor,
  SettingsSchema,
  TrackingSettingsSchema,
} from '@/utils/settings';

describe('settings', () => {
  it('defaults: 60 s idle, 100 % of the stated time, no notification, timing kept 30 days', () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.tracking).toEqual({
      idleSeconds: 60,
      requiredPercent: 100,
      notifyWhenReady: false,
      forgetTimingAfterDays: 30,
    });
  });

  it('reads settings saved before the timing history could be forgotten, with its default', () => {
    const saved = {
      ...DEFAULT_SETTINGS,
      tracking: { idleSeconds: 45, requiredPercent: 80, notifyWhenReady: true },
    };
    expect(readSettings(saved).tracking).toEqual({ ...saved.tracking, forgetTimingAfterDays: 30 });
    expect(
      TrackingSettingsSchema.safeParse({ ...DEFAULT_SETTINGS.tracking, forgetTimingAfterDays: 0 })
        .error?.issues[0]?.message,
    ).toBe('Keep the timing history for at least 1 day.');
  });

  it('migrates version 1 settings (no profile) to version 2, keeping the tracking choices', () => {
    const v1 = {
      version: 1,
      tracking: { idleSeconds: 30, requiredPercent: 80, notifyWhenReady: true },
    };
    const migrated = readSettings(v1);
    expect(migrated).toEqual({
      version: 2,
      tracking: { ...v1.tracking, forgetTimingAfterDays: 30 },
      profile: { regulator: 'none' },
      identity: {},
    });
    expect(SettingsSchema.parse(migrateSettings(v1))).toEqual(migrated);
    // Settings saved before versions existed are treated as version 1.
    expect(readSettings({ tracking: v1.tracking }).tracking).toEqual({
      ...v1.tracking,
      forgetTimingAfterDays: 30,
    });
  });

  it('keeps a valid version 2 profile, and salvages a damaged one field by field', () => {
    const profile = { regulator: 'nmc', cycleEndDate: '2027-03-31' } as const;
    expect(readSettings({ ...DEFAULT_SETTINGS, profile }).profile).toEqual(profile);
    expect(
      readSettings({
        ...DEFAULT_SETTINGS,
        profile: { regulator: 'nmc', cycleEndDate: 'soon', goalHours: -3 },
      }).profile,
    ).toEqual({ regulator: 'nmc' });
    expect(
      readSettings({ ...DEFAULT_SETTINGS, profile: { regulator: 'the-moon' } }).profile,
    ).toEqual({ regulator: 'none' });
  });

  it.each([
    [{ regulator: 'xyz' }, 'Choose your regulator or “Other or none”.'],
    [{ regulator: 'none', goalHours: 0 }, 'The goal must be at least 1 hour.'],
    [{ regulator: 'none', goalHours: 1.5 }, 'Use whole hours.'],
    [{ regulator: 'none', cycleMonths: 61 }, 'The period can be 60 months (5 years) at most.'],
    [{ regulator: 'nmc', cycleEndDate: '2027-02-30' }, 'Enter a real date, like 26/11/2026.'],
  ])('refuses the profile %j in plain words', (profile, message) => {
    expect(ProfileSettingsSchema.safeParse(profile).error?.issues[0]?.message).toBe(message);
  });

  it('keeps valid fields of a damaged store and defaults the rest', () => {
    expect(
      readSettings({ tracking: { idleSeconds: 30, requiredPercent: 'lots', notifyWhenReady: 1 } })
        .tracking,
    ).toEqual({
      idleSeconds: 30,
      requiredPercent: 100,
      notifyWhenReady: false,
      forgetTimingAfterDays: 30,
    });
    expect(readSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    [{ idleSeconds: 10 }, 'The idle time must be at least 15 seconds.'],
    [{ idleSeconds: 601 }, 'The idle time can be 10 minutes (600 seconds) at most.'],
    [{ requiredPercent: 10 }, 'The required time must be at least 25 % of the stated duration.'],
    [{ idleSeconds: 20.5 }, 'Use whole seconds.'],
  ])('refuses %j in plain words', (change, message) => {
    const result = TrackingSettingsSchema.safeParse({ ...DEFAULT_SETTINGS.tracking, ...change });
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it('scales the required time', () => {
    expect(requiredMsFor(300, DEFAULT_SETTINGS)).toBe(300_000);
    expect(
      requiredMsFor(300, {
        ...DEFAULT_SETTINGS,
        tracking: { ...DEFAULT_SETTINGS.tracking, requiredPercent: 50 },
      }),
    ).toBe(150_000);
    expect(
      requiredMsFor(1, {
        ...DEFAULT_SETTINGS,
        tracking: { ...DEFAULT_SETTINGS.tracking, requiredPercent: 25 },
      }),
    ).toBe(1_000);
  });
});
