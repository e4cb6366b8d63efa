import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canonicalResourceUrl,
  cleanAddress,
  cleanAddressText,
  isSecretParameter,
} from '@/utils/canonical-url';
import { htmlDocument } from '@/tests/unit/fixture-document';

describe('cleanAddress: tracking', () => {
  it('drops the fragment and tracking parameters, keeping the rest', () => {
    const clean = cleanAddress(
      new URL('https://a.example/p?id=7&utm_source=x&UTM_Medium=y&fbclid=1&gclid=2#s'),
    );
    expect(clean.href).toBe('https://a.example/p?id=7');
  });

  it('keeps the other parameters exactly as written', () => {
    expect(
      cleanAddress(new URL('https://a.example/p?q=a%20b+c&utm_source=x&empty=&flag')).search,
    ).toBe('?q=a%20b+c&empty=&flag');
  });

  it('leaves no bare question mark', () => {
    expect(cleanAddress(new URL('https://a.example/p?utm_campaign=z')).href).toBe(
      'https://a.example/p',
    );
  });
});

describe('cleanAddress: credentials and personal data never kept', () => {
  const clean = (address: string) => cleanAddress(new URL(address)).href;

  it.each([
    [
      'a sign-in token',
      'https://lms.example.org/mod/page/view.php?id=42&token=abc123',
      'https://lms.example.org/mod/page/view.php?id=42',
    ],
    [
      'an OAuth access token',
      'https://a.example/p?access_token=ya29.a0&id=1',
      'https://a.example/p?id=1',
    ],
    [
      'Moodle’s sesskey',
      'https://moodle.example.ac.uk/course/view.php?id=9&sesskey=Zq8x',
      'https://moodle.example.ac.uk/course/view.php?id=9',
    ],
    [
      'a signature and key',
      'https://cdn.example/f.pdf?sig=xyz&key=k1&v=2',
      'https://cdn.example/f.pdf?v=2',
    ],
    [
      'an email address',
      'https://a.example/p?email=nurse%40trust.nhs.uk&lesson=3',
      'https://a.example/p?lesson=3',
    ],
    [
      'an email under any name',
      'https://a.example/p?ref=sam.jones@example.org',
      'https://a.example/p',
    ],
    [
      'a session id',
      'https://a.example/p;x?session=s1&JSESSIONID=j&PHPSESSID=p&sid=9',
      'https://a.example/p;x',
    ],
    [
      'a JWT under any name',
      'https://a.example/p?t=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sgn',
      'https://a.example/p',
    ],
    [
      'an S3 signed address',
      'https://b.s3.amazonaws.com/k?X-Amz-Signature=ab&X-Amz-Credential=c&X-Amz-Security-Token=t',
      'https://b.s3.amazonaws.com/k',
    ],
    [
      'CloudFront’s signed address',
      'https://d.cloudfront.net/v.mp4?Expires=1&Signature=s&Key-Pair-Id=k',
      'https://d.cloudfront.net/v.mp4?Expires=1',
    ],
    [
      'names ending like a secret',
      'https://a.example/p?app_token=1&private_key=2&contact-email=3&page=4',
      'https://a.example/p?page=4',
    ],
    [
      'a SAML reply',
      'https://sp.example/acs?SAMLResponse=PHNhbWw%2B&RelayState=x',
      'https://sp.example/acs',
    ],
    [
      'an OAuth code with its state',
      'https://a.example/cb?code=abc&state=xyz&page=2',
      'https://a.example/cb?page=2',
    ],
    [
      'a user name and password in the address',
      'https://jo:secret@a.example/p',
      'https://a.example/p',
    ],
    ['an array-style name', 'https://a.example/p?token[]=1&id=2', 'https://a.example/p?id=2'],
    [
      'camelCase names',
      'https://a.example/p?accessToken=1&sessionToken=2&idToken=3&clientSecret=4&privateKey=5&userEmail=6&page=7',
      'https://a.example/p?page=7',
    ],
    [
      'Moodle web-service and Google resource keys, OAuth 1 nonces',
      'https://moodle.example.ac.uk/webservice/pluginfile.php/1/a.pdf?wstoken=abc&resourcekey=0-x&oauth_nonce=n&forcedownload=1',
      'https://moodle.example.ac.uk/webservice/pluginfile.php/1/a.pdf?forcedownload=1',
    ],
    [
      'secrets inside an address inside a parameter',
      'https://a.example/login?return=https%3A%2F%2Flms.example.org%2Fcourse%3Fid%3D4%26token%3Dabc&lang=en',
      'https://a.example/login?return=https%3A%2F%2Flms.example.org%2Fcourse%3Fid%3D4&lang=en',
    ],
  ])('drops %s', (_label, address, expected) => {
    expect(clean(address)).toBe(expected);
  });

  it('keeps what names the resource: ids, pages, a course code without OAuth state', () => {
    for (const address of [
      'https://a.example/course/view.php?id=42',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=30',
      'https://a.example/catalogue?code=NUR101&page=2',
      'https://a.example/search?q=sepsis+screening',
    ])
      expect(clean(address)).toBe(address);
  });

  it('cleans addresses nested three deep, and drops any address nested deeper', () => {
    const wrap = (inner: string, host: string) =>
      `https://${host}.example/go?next=${encodeURIComponent(inner)}&n=1`;
    const secret = 'https://e.example/p?token=abc';
    // Three links inside links: the innermost is cleaned.
    expect(clean(wrap(wrap(wrap(secret, 'c'), 'b'), 'a'))).toBe(
      wrap(wrap(wrap('https://e.example/p', 'c'), 'b'), 'a'),
    );
    // One more: the address that would need a fourth level is dropped, not kept with its token.
    expect(clean(wrap(wrap(wrap(wrap(secret, 'd'), 'c'), 'b'), 'a'))).toBe(
      wrap(wrap(wrap('https://d.example/go?n=1', 'c'), 'b'), 'a'),
    );
  });

  it('says why, parameter by parameter', () => {
    const none = new Set<string>();
    expect(isSecretParameter('Access-Token', 'x', none)).toBe(true);
    expect(isSecretParameter('id', '42', none)).toBe(false);
    expect(isSecretParameter('code', 'x', new Set(['code', 'state']))).toBe(true);
    expect(isSecretParameter('code', 'x', new Set(['code']))).toBe(false);
  });

  it('is idempotent and never adds anything, for any query', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.stringMatching(/^[-a-zA-Z_.]{1,12}$/), fc.string({ maxLength: 20 })), {
          maxLength: 8,
        }),
        (pairs) => {
          const url = new URL('https://a.example/p');
          url.search = pairs
            .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
            .join('&');
          const once = cleanAddress(url);
          expect(cleanAddress(once).href).toBe(once.href);
          const kept = once.search.slice(1).split('&').filter(Boolean);
          const original = url.search.slice(1).split('&').filter(Boolean);
          for (const part of kept) expect(original).toContain(part);
        },
      ),
    );
  });

  it('leaves text that is not an address as it is', () => {
    expect(cleanAddressText('not an address')).toBe('not an address');
    expect(cleanAddressText('https://a.example/p?token=1')).toBe('https://a.example/p');
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
