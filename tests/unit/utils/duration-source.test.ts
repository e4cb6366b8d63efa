import { describe, expect, it } from 'vitest';
import { describeDurationSource } from '@/utils/duration-source';

describe('describeDurationSource', () => {
  it('names the signal and quotes the page', () => {
    expect(
      describeDurationSource({ stated: { seconds: 300, source: 'label-pair', raw: '5 mins' } }),
    ).toBe('Stated by the page’s “Duration” details: “5 mins”');
    expect(
      describeDurationSource({ stated: { seconds: 189, source: 'schema-org', raw: 'PT3M9S' } }),
    ).toBe('Stated by the page’s structured data: “PT3M9S”');
  });

  it('explains an estimate', () => {
    expect(
      describeDurationSource({
        estimate: { seconds: 420, words: 1650, images: 2, mediaSeconds: 0, wordsPerMinute: 238 },
      }),
    ).toBe('Estimated by Learnlog from 1,650 words and 2 pictures at 238 words a minute');
  });
});
