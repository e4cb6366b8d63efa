import { z } from 'zod';
import { isValidUrlPattern } from '@/utils/detection/url-pattern';

/**
 * Site profiles are data, not code: JSON validated with this schema (by the unit tests for the
 * profiles Learnlog ships, and before storing any profile from elsewhere).
 */
const label = z.string().trim().min(1).max(40);

export const SiteProfileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,60}$/, 'an id is lower-case letters, digits and dashes'),
  name: z.string().min(1).max(120),
  urlPatterns: z
    .array(z.string().refine(isValidUrlPattern, 'must be a match pattern like *://*.example.org/*'))
    .min(1)
    .max(50),
  /** True for a profile that applies everywhere; its findings count as "label-pair". */
  generic: z.boolean().optional(),
  /** CSS selectors tried in order for the title. */
  titleSelectors: z.array(z.string().min(1).max(200)).max(10).optional(),
  /** Labels whose neighbouring value is the resource's type or duration. */
  labels: z.strictObject({ type: z.array(label).max(20), duration: z.array(label).min(1).max(20) }),
});
export type SiteProfileData = z.infer<typeof SiteProfileSchema>;
