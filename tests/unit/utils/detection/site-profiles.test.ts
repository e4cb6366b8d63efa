import { describe, expect, it } from 'vitest';
import { SiteProfileSchema } from '@/utils/detection/profile-schema';
import { profilesFor, SITE_PROFILES } from '@/utils/detection/site-profiles';
import { matchesUrlPattern } from '@/utils/detection/url-pattern';

describe('site profiles', () => {
  it.each(SITE_PROFILES.map((profile) => [profile.id, profile]))(
    '%s is valid profile data',
    (_id, profile) => {
      expect(SiteProfileSchema.safeParse(profile).error).toBeUndefined();
    },
  );

  it('puts a specific site before the generic profile', () => {
    expect(
      profilesFor(new URL('https://www.leadingtochange.scot/a')).map((profile) => profile.id),
    ).toEqual(['leading-to-change', 'generic-label-pairs']);
    expect(profilesFor(new URL('https://news.example.com/a')).map((profile) => profile.id)).toEqual(
      ['generic-label-pairs'],
    );
  });

  it('rejects profile data that is not a profile', () => {
    expect(
      SiteProfileSchema.safeParse({
        id: 'Bad Id',
        name: 'x',
        urlPatterns: ['javascript:*'],
        labels: { type: [], duration: [] },
      }).success,
    ).toBe(false);
    expect(SiteProfileSchema.safeParse({ ...SITE_PROFILES[0], script: 'alert(1)' }).success).toBe(
      false,
    );
  });
});

describe('match patterns', () => {
  it.each([
    ['https://a.example.org/x', '*://*.example.org/*', true],
    ['https://example.org/x', '*://*.example.org/*', true],
    ['https://badexample.org/x', '*://*.example.org/*', false],
    ['http://a.example.org/learn/1?x=2', 'http://a.example.org/learn/*', true],
    ['https://a.example.org/learn/1', 'http://a.example.org/learn/*', false],
    ['https://a.example.org/other', '*://a.example.org/learn/*', false],
    ['ftp://a.example.org/', '*://*/*', false],
  ])('%s against %s → %s', (url, pattern, expected) => {
    expect(matchesUrlPattern(new URL(url), pattern)).toBe(expected);
  });
});
