import { z } from 'zod';
import { isoDateSchema } from '@/utils/iso-date';
import { REGULATOR_IDS } from '@/utils/profile/regulators';

/**
 * The learner's settings: validated with zod wherever they are read or written, with defaults,
 * so a missing, old or damaged value never breaks the extension. Kept in `storage.local`.
 * Older versions are migrated step by step (`MIGRATIONS`); each step has a unit test.
 */

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 2;

export const TrackingSettingsSchema = z.object({
  /** Seconds without input after which the reader counts as away (15 s to 10 min). */
  idleSeconds: z
    .number({ error: 'Enter a number of seconds.' })
    .int('Use whole seconds.')
    .min(15, 'The idle time must be at least 15 seconds.')
    .max(600, 'The idle time can be 10 minutes (600 seconds) at most.'),
  /** Required time as a percentage of the stated (or estimated) duration. */
  requiredPercent: z
    .number({ error: 'Enter a percentage.' })
    .int('Use a whole percentage.')
    .min(25, 'The required time must be at least 25 % of the stated duration.')
    .max(200, 'The required time can be 200 % of the stated duration at most.'),
  /** A browser notification when a resource is ready to record. Off by default. */
  notifyWhenReady: z.boolean(),
  /**
   * Days after which the time counted on a page the learner has not recorded is forgotten
   * (its address, title and time go from the timing history). Settings saved before this
   * existed read as the default.
   */
  forgetTimingAfterDays: z
    .number({ error: 'Enter a number of days.' })
    .int('Use whole days.')
    .min(1, 'Keep the timing history for at least 1 day.')
    .max(365, 'The timing history can be kept for 365 days at most.')
    .default(30),
});

/** Who the learner answers to, and the goal for their cycle. */
export const ProfileSettingsSchema = z.object({
  regulator: z.enum(REGULATOR_IDS, { error: 'Choose your regulator or “Other or none”.' }),
  /** The day the current cycle ends: revalidation, renewal, appraisal or anniversary date. */
  cycleEndDate: isoDateSchema.optional(),
  /** The learner's own goal in hours, where the regulator sets none. */
  goalHours: z
    .number({ error: 'Enter a number of hours.' })
    .int('Use whole hours.')
    .min(1, 'The goal must be at least 1 hour.')
    .max(1000, 'The goal can be 1,000 hours at most.')
    .optional(),
  /** Cycle length in months, for "Other or none" only. */
  cycleMonths: z
    .number({ error: 'Enter a number of months.' })
    .int('Use whole months.')
    .min(1, 'The period must be at least 1 month.')
    .max(60, 'The period can be 60 months (5 years) at most.')
    .optional(),
});

/**
 * Who the learner is in xAPI statements (exports and sync): an email address or an
 * account on their organisation's system. Never sent anywhere unless the learner exports or
 * turns sync on.
 */
export const IdentitySettingsSchema = z.object({
  name: z.string().trim().max(100, 'Keep your name to 100 characters or fewer.').optional(),
  email: z
    .email({ error: 'Enter an email address like name@example.org.' })
    .max(254, 'The email address is too long.')
    .optional(),
  account: z
    .object({
      homePage: z.url({
        protocol: /^https?$/,
        error: 'Enter the web address of your organisation’s system (https://…).',
      }),
      name: z
        .string()
        .trim()
        .min(1, 'Enter your user name on that system.')
        .max(200, 'The user name is too long.'),
    })
    .optional(),
});

export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  tracking: TrackingSettingsSchema,
  profile: ProfileSettingsSchema,
  identity: IdentitySettingsSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;
export type TrackingSettings = z.infer<typeof TrackingSettingsSchema>;
export type ProfileSettings = z.infer<typeof ProfileSettingsSchema>;
export type IdentitySettings = z.infer<typeof IdentitySettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  tracking: {
    idleSeconds: 60,
    requiredPercent: 100,
    notifyWhenReady: false,
    forgetTimingAfterDays: 30,
  },
  profile: { regulator: 'none' },
  identity: {},
};

type Stored = Record<string, unknown>;

/** Step `n` turns version n settings into version n + 1. */
const MIGRATIONS: Record<number, (old: Stored) => Stored> = {
  // Version 2 added the learner's profile and goal and xAPI identity.
  1: (old) => ({
    ...old,
    version: 2,
    profile: DEFAULT_SETTINGS.profile,
    identity: DEFAULT_SETTINGS.identity,
  }),
};

/** Applies the migrations from the stored version up to the current one. */
export function migrateSettings(stored: unknown): Stored {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  let current = stored as Stored;
  let version = typeof current.version === 'number' ? current.version : 1;
  while (version < SETTINGS_VERSION && MIGRATIONS[version]) {
    current = MIGRATIONS[version]!(current);
    version += 1;
  }
  return current;
}

/** Keeps each valid field of one section and defaults the rest. */
function salvageSection<T extends Record<string, unknown>>(
  schema: z.ZodObject,
  stored: unknown,
  defaults: T,
): T {
  const section = (typeof stored === 'object' && stored !== null ? stored : {}) as Stored;
  const merged: Stored = { ...defaults };
  for (const [key, field] of Object.entries(schema.shape)) {
    if (!(key in section)) continue;
    const parsed = (field as z.ZodType).safeParse(section[key]);
    if (parsed.success && parsed.data !== undefined) merged[key] = parsed.data;
  }
  return merged as T;
}

/**
 * Reads stored settings: older versions are migrated; valid fields are kept, anything missing
 * or invalid falls back to its default (a damaged store must not stop time being counted).
 */
export function readSettings(stored: unknown): Settings {
  const migrated = migrateSettings(stored);
  const parsed = SettingsSchema.safeParse(migrated);
  if (parsed.success) return parsed.data;
  return {
    version: SETTINGS_VERSION,
    tracking: salvageSection(TrackingSettingsSchema, migrated.tracking, DEFAULT_SETTINGS.tracking),
    profile: salvageSection(ProfileSettingsSchema, migrated.profile, DEFAULT_SETTINGS.profile),
    identity: salvageSection(IdentitySettingsSchema, migrated.identity, DEFAULT_SETTINGS.identity),
  };
}

/** The time required before recording: the resource's duration × the learner's percentage. */
export function requiredMsFor(durationSeconds: number, settings: Settings): number {
  return Math.max(
    1_000,
    Math.round((durationSeconds * settings.tracking.requiredPercent) / 100) * 1000,
  );
}
