import genericLabelPairs from '@/utils/detection/profiles/generic-label-pairs.json';
import leadingToChange from '@/utils/detection/profiles/leading-to-change.json';
import { matchesUrlPattern } from '@/utils/detection/url-pattern';

/**
 * The site profiles Learnlog ships (signal 1), most specific first. Each is JSON data validated
 * against `SiteProfileSchema` in the unit tests; this module only types and matches them, so the
 * content script carries no zod.
 */
export interface SiteProfile {
  id: string;
  name: string;
  urlPatterns: string[];
  generic?: boolean;
  titleSelectors?: string[];
  labels: { type: string[]; duration: string[] };
}

export const SITE_PROFILES: readonly SiteProfile[] = [leadingToChange, genericLabelPairs];

export function profilesFor(
  url: URL,
  profiles: readonly SiteProfile[] = SITE_PROFILES,
): SiteProfile[] {
  return profiles.filter((profile) =>
    profile.urlPatterns.some((pattern) => matchesUrlPattern(url, pattern)),
  );
}
