import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  readSettings,
  requiredMsFor,
  TrackingSettingsSchema,
} from '@/utils/settings';

describe('settings', () => {
  it('defaults: 60 s idle, 100 % of the stated time, no notification', () => {
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.tracking).toEqual({
      idleSeconds: 60,
      requiredPercent: 100,
      notifyWhenReady: false,
    });
  });

  it('keeps valid fields of a damaged store and defaults the rest', () => {
    expect(
      readSettings({ tracking: { idleSeconds: 30, requiredPercent: 'lots', notifyWhenReady: 1 } })
        .tracking,
    ).toEqual({
      idleSeconds: 30,
      requiredPercent: 100,
      notifyWhenReady: false,
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
