import { describe, expect, it } from 'vitest';
import { canonicalResourceUrl, stripTracking } from '@/utils/canonical-url';
import { htmlDocument } from '@/tests/unit/fixture-document';

describe('stripTracking', () => {
  it('drops the fragment and tracking parameters, keeping the rest', () => {
    const clean = stripTracking(
      new URL('https://a.example/p?id=7&utm_source=x&UTM_Medium=y&fbclid=1&gclid=2#s'),
    );
    expect(clean.href).toBe('https://a.example/p?id=7');
  });

  it('keeps the other parameters exactly as written', () => {
    expect(
      stripTracking(new URL('https://a.example/p?q=a%20b+c&utm_source=x&empty=&flag')).search,
    ).toBe('?q=a%20b+c&empty=&flag');
  });

  it('leaves no bare question mark', () => {
    expect(stripTracking(new URL('https://a.example/p?utm_campaign=z')).href).toBe(
      'https://a.example/p',
    );
  });
});

describe('canonicalResourceUrl', () => {
  it('follows a same-origin canonical link, relative or absolute', () => {
    const doc = htmlDocument('<link rel="canonical" href="/articles/42?utm_source=feed">');
    expect(canonicalResourceUrl(doc, new URL('https://a.example/amp/42')).href).toBe(
      'https://a.example/articles/42',
    );
  });

  it('ignores cross-origin and unparsable canonical links', () => {
    const page = new URL('https://a.example/p');
    expect(
      canonicalResourceUrl(htmlDocument('<link rel="canonical" href="https://b.example/p">'), page)
        .href,
    ).toBe(page.href);
    expect(
      canonicalResourceUrl(htmlDocument('<link rel="canonical" href="http://[::1">'), page).href,
    ).toBe(page.href);
  });
});
