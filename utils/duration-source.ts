import type { Estimate, StatedDuration } from '@/utils/detection/schema';

const SOURCE_NAMES: Record<StatedDuration['source'], string> = {
  'site-profile': 'the site’s resource details',
  'label-pair': 'the page’s “Duration” details',
  'schema-org': 'the page’s structured data',
  meta: 'the page’s reading-time tag',
  'visible-text': 'the page',
  media: 'the video or audio length',
};

/** Where a resource's time comes from, in words a learner (or an auditor) can check. */
export function describeDurationSource(resource: {
  stated?: StatedDuration;
  estimate?: Estimate;
}): string {
  if (resource.stated)
    return `Stated by ${SOURCE_NAMES[resource.stated.source]}: “${resource.stated.raw}”`;
  if (resource.estimate) {
    const { words, images, wordsPerMinute } = resource.estimate;
    const pictures = images > 0 ? ` and ${images} picture${images === 1 ? '' : 's'}` : '';
    return `Estimated by Learnlog from ${words.toLocaleString('en-GB')} words${pictures} at ${wordsPerMinute} words a minute`;
  }
  return 'No duration known';
}
