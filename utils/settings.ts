import { z } from 'zod';

/**
 * The learner's settings: validated with zod wherever they are read or written, with defaults,
 * so a missing, old or damaged value never breaks the extension. Kept in `storage.local`.
 */

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 1;

export const TrackingSettingsSchema = z.object({
  /** Seconds without input after which the reader counts as away (issue #4: 15 s to 10 min). */
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
});

export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  tracking: TrackingSettingsSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;
export type TrackingSettings = z.infer<typeof TrackingSettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  tracking: { idleSeconds: 60, requiredPercent: 100, notifyWhenReady: false },
};

/**
 * Reads stored settings: valid fields are kept, anything missing or invalid falls back to its
 * default (a damaged store must not stop time being counted).
 */
export function readSettings(stored: unknown): Settings {
  const parsed = SettingsSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  const tracking = (stored as { tracking?: Record<string, unknown> } | null)?.tracking ?? {};
  const merged = { ...DEFAULT_SETTINGS.tracking };
  for (const key of Object.keys(merged) as (keyof TrackingSettings)[]) {
    const field = TrackingSettingsSchema.shape[key].safeParse(tracking[key]);
    if (field.success) (merged as Record<string, unknown>)[key] = field.data;
  }
  return { version: SETTINGS_VERSION, tracking: merged };
}

/** Required milliseconds for a resource, after the learner's percentage. */
export function requiredMsFor(requiredSeconds: number, settings: Settings): number {
  return Math.max(
    1_000,
    Math.round((requiredSeconds * settings.tracking.requiredPercent) / 100) * 1000,
  );
}
