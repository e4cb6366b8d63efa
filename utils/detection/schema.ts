import { z } from 'zod';
import { cleanAddressText } from '@/utils/canonical-url';
import { MAX_TRUSTED_SECONDS } from '@/utils/detection/constants';

export { MAX_TRUSTED_SECONDS };

/**
 * The shape of what the content script reports about a learning resource. The content script
 * only imports the type; the background validates every report against this schema, because
 * everything in it was read from a page that may be hostile.
 */

export const RESOURCE_KINDS = [
  'article',
  'blog',
  'video',
  'audio',
  'course',
  'document',
  'other',
] as const;
export const ResourceKindSchema = z.enum(RESOURCE_KINDS);
export type ResourceKind = z.infer<typeof ResourceKindSchema>;

/** Which signal supplied the stated duration (ranked in utils/detection/index.ts). */
export const DURATION_SOURCES = [
  'site-profile',
  'label-pair',
  'schema-org',
  'meta',
  'visible-text',
  'media',
] as const;
export const DurationSourceSchema = z.enum(DURATION_SOURCES);
export type DurationSource = z.infer<typeof DurationSourceSchema>;

const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'must be an http or https address');

export const StatedDurationSchema = z.object({
  seconds: z.number().int().positive().max(MAX_TRUSTED_SECONDS),
  source: DurationSourceSchema,
  /** The text as the page showed it, e.g. "5 mins". */
  raw: z.string().max(200),
});
export type StatedDuration = z.infer<typeof StatedDurationSchema>;

export const EstimateSchema = z.object({
  seconds: z.number().int().positive().max(MAX_TRUSTED_SECONDS),
  words: z.number().int().nonnegative(),
  images: z.number().int().nonnegative(),
  mediaSeconds: z.number().nonnegative(),
  wordsPerMinute: z.number().positive(),
});
export type Estimate = z.infer<typeof EstimateSchema>;

export const ResourceDetectionSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    /**
     * Canonical address: same origin as the page, no fragment, no tracking or secret-looking
     * parameters. The reading script cleans it; an address that cleaning would change is refused,
     * so nothing a page (or an old copy of the script) sends stores a secret.
     */
    url: httpUrl.refine(
      (value) => cleanAddressText(value) === value,
      'must be a cleaned address (no fragment, tracking or secret parameters)',
    ),
    kind: ResourceKindSchema,
    /** The page's own word for its type ("Blog"), when it states one. */
    typeLabel: z.string().trim().min(1).max(60).optional(),
    stated: StatedDurationSchema.optional(),
    estimate: EstimateSchema.optional(),
    /** A claim of more than 24 hours: kept to show the learner, never used as the gate. */
    flaggedClaim: z
      .object({
        seconds: z.number().positive(),
        source: DurationSourceSchema,
        raw: z.string().max(200),
      })
      .optional(),
    /**
     * The resource's duration in seconds: the stated time, or else the estimate. The time
     * required before recording is this × the learner's percentage (`requiredMsFor`).
     */
    durationSeconds: z.number().int().positive().max(MAX_TRUSTED_SECONDS),
  })
  .refine((detection) => detection.stated ?? detection.estimate, {
    message: 'a resource needs a stated or estimated duration',
  });
export type ResourceDetection = z.infer<typeof ResourceDetectionSchema>;
