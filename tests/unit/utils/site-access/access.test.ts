import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ALL_SITES_ORIGIN,
  DEFAULT_SITE_ACCESS,
  hostFromInput,
  isWatched,
  MAX_SITES,
  neverEntriesCovering,
  planReadingScript,
  readSiteAccess,
  SiteAccessSchema,
  watchStateOf,
  withHost,
  withoutEntriesCovering,
  type SiteAccess,
} from '@/utils/site-access/access';
import { KNOWN_LEARNING_SITES, KNOWN_SITE_PATTERNS } from '@/utils/site-access/known-sites';
import { isValidUrlPattern } from '@/utils/detection/url-pattern';

const access = (change: Partial<SiteAccess> = {}): SiteAccess => ({
  ...DEFAULT_SITE_ACCESS,
  chosen: true,
  ...change,
});
const url = (text: string) => new URL(text);

describe('hostFromInput', () => {
  it('reads the host a learner means from a typed name or a page address', () => {
    expect(hostFromInput('www.Example.org')).toBe('www.example.org');
    expect(hostFromInput('  https://learn.example.org:8443/course?id=1#top ')).toBe(
      'learn.example.org',
    );
    expect(hostFromInput('http://127.0.0.1:5180/page')).toBe('127.0.0.1');
    expect(hostFromInput('localhost')).toBe('localhost');
    expect(hostFromInput('example.org.')).toBe('example.org');
  });

  it('refuses what names no web site', () => {
    for (const input of [
      '',
      '   ',
      'example',
      'ftp://example.org',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pass@example.org',
      'exa mple.org',
      'https://[::1]/',
      '<b>x</b>.org',
      'x'.repeat(3000),
    ])
      expect(hostFromInput(input), input).toBeUndefined();
  });

  it('is stable: a host it returns reads back as itself', () => {
    fc.assert(
      fc.property(fc.webUrl(), (address) => {
        const host = hostFromInput(address);
        if (host !== undefined) expect(hostFromInput(host)).toBe(host);
      }),
    );
  });
});

describe('stored site access', () => {
  it('falls back to the default for anything unreadable, never throwing', () => {
    expect(readSiteAccess(undefined)).toEqual(DEFAULT_SITE_ACCESS);
    expect(readSiteAccess('paused')).toEqual(DEFAULT_SITE_ACCESS);
    expect(readSiteAccess({ mode: 'everywhere' })).toEqual(DEFAULT_SITE_ACCESS);
    const saved = access({ mode: 'all-sites', neverWatch: ['example.org'] });
    expect(readSiteAccess(saved)).toEqual(saved);
  });

  it('loses only the damaged entry: one bad host keeps the list and the pause', () => {
    const damaged = {
      ...access({ mode: 'all-sites', paused: true }),
      neverWatch: ['b.org', '<script>', 'a.org', 42, 'a.org'],
      sites: 'not a list',
    };
    expect(readSiteAccess(damaged)).toEqual(
      access({ mode: 'all-sites', paused: true, neverWatch: ['a.org', 'b.org'], sites: [] }),
    );
    expect(readSiteAccess({ ...access({ paused: true }), mode: 'everywhere' })).toEqual(
      access({ paused: true }),
    );
  });

  it('refuses hosts that are not in their normal form', () => {
    expect(SiteAccessSchema.safeParse(access({ sites: ['Example.org'] })).success).toBe(false);
    expect(SiteAccessSchema.safeParse(access({ sites: ['example.org/x'] })).success).toBe(false);
  });

  it('keeps lists sorted, without duplicates and within the limit', () => {
    expect(withHost(['b.org'], 'a.org')).toEqual(['a.org', 'b.org']);
    expect(withHost(['a.org'], 'a.org')).toEqual(['a.org']);
    const full = Array.from({ length: MAX_SITES }, (_, i) => `s${i}.org`);
    expect(() => withHost(full, 'one-more.org')).toThrow(/up to 500 sites/);
  });
});

describe('watchStateOf and isWatched', () => {
  it('watches only known learning sites before the first-run answer', () => {
    expect(watchStateOf(url('https://leadingtochange.scot/blog/x'), DEFAULT_SITE_ACCESS)).toBe(
      'known-site',
    );
    expect(watchStateOf(url('https://news.example.org/'), DEFAULT_SITE_ACCESS)).toBe('not-chosen');
    // Known sites are https only.
    expect(isWatched(url('http://leadingtochange.scot/'), DEFAULT_SITE_ACCESS)).toBe(false);
  });

  it('watches chosen sites exactly, not their neighbours', () => {
    const chosen = access({ sites: ['learn.example.org'] });
    expect(isWatched(url('http://learn.example.org/a'), chosen)).toBe(true);
    expect(isWatched(url('https://other.learn.example.org/a'), chosen)).toBe(false);
    expect(isWatched(url('https://example.org/a'), chosen)).toBe(false);
  });

  it('never watches a never-watch site or its subdomains, in any mode', () => {
    const never = access({
      mode: 'all-sites',
      neverWatch: ['example.org', 'leadingtochange.scot'],
    });
    expect(watchStateOf(url('https://example.org/'), never)).toBe('never');
    expect(watchStateOf(url('https://www.example.org/'), never)).toBe('never');
    expect(watchStateOf(url('https://notexample.org/'), never)).toBe('all-sites');
    expect(watchStateOf(url('https://www.leadingtochange.scot/'), never)).toBe('never');
  });

  it('turns a site on again by lifting exactly the entries that cover it', () => {
    const list = ['example.org', 'learn.example.org', 'notexample.org', 'other.example.org'];
    expect(neverEntriesCovering('learn.example.org', list)).toEqual([
      'example.org',
      'learn.example.org',
    ]);
    expect(withoutEntriesCovering(list, 'learn.example.org')).toEqual([
      'notexample.org',
      'other.example.org',
    ]);
    const after = access({
      mode: 'all-sites',
      neverWatch: withoutEntriesCovering(list, 'learn.example.org'),
    });
    expect(isWatched(url('https://learn.example.org/'), after)).toBe(true);
    expect(isWatched(url('https://other.example.org/'), after)).toBe(false);
  });

  it('watches nothing while paused, and never other schemes', () => {
    const paused = access({ mode: 'all-sites', paused: true });
    expect(watchStateOf(url('https://leadingtochange.scot/'), paused)).toBe('paused');
    expect(watchStateOf(url('file:///home/a.html'), access({ mode: 'all-sites' }))).toBe('not-web');
  });
});

describe('planReadingScript', () => {
  const known = [...KNOWN_SITE_PATTERNS];

  it('registers the known learning sites the browser granted at installation', () => {
    expect(planReadingScript(DEFAULT_SITE_ACCESS, known)).toEqual({
      matches: known,
      excludeMatches: [],
    });
    // The learner withheld them in the browser: nothing to register.
    expect(planReadingScript(DEFAULT_SITE_ACCESS, [])).toBeNull();
  });

  it('registers every site only when all sites are both chosen and granted', () => {
    const all = access({ mode: 'all-sites' });
    expect(planReadingScript(all, [...known, ALL_SITES_ORIGIN])?.matches).toEqual([
      ALL_SITES_ORIGIN,
    ]);
    expect(planReadingScript(all, [...known, 'http://*/*', 'https://*/*'])?.matches).toEqual([
      ALL_SITES_ORIGIN,
    ]);
    // Chosen but refused or taken back: the known sites only.
    expect(planReadingScript(all, known)?.matches).toEqual(known);
    // Granted but not chosen (e.g. sync's host is inside it): still only what was chosen.
    expect(planReadingScript(access(), [...known, ALL_SITES_ORIGIN])?.matches).toEqual(known);
  });

  it('adds chosen sites whose permission is held, in whatever form the browser reports it', () => {
    const chosen = access({ sites: ['a.example.org', 'b.example.org', 'c.example.org'] });
    const plan = planReadingScript(chosen, [
      '*://a.example.org/*',
      'http://b.example.org/*',
      'https://b.example.org/*',
      'https://c.example.org/*',
    ]);
    expect(plan?.matches).toEqual(['*://a.example.org/*', '*://b.example.org/*']);
  });

  it('excludes never-watch sites and their subdomains, and registers nothing while paused', () => {
    const never = access({ mode: 'all-sites', neverWatch: ['example.org'] });
    expect(planReadingScript(never, [ALL_SITES_ORIGIN])?.excludeMatches).toEqual([
      '*://example.org/*',
      '*://*.example.org/*',
    ]);
    expect(planReadingScript({ ...never, paused: true }, [ALL_SITES_ORIGIN])).toBeNull();
  });

  it('matches what isWatched says for any page, given every permission', () => {
    const hosts = fc.constantFrom('a.org', 'www.a.org', 'b.org', 'leadingtochange.scot');
    fc.assert(
      fc.property(
        fc.record({
          mode: fc.constantFrom('all-sites' as const, 'chosen-sites' as const),
          paused: fc.boolean(),
          sites: fc.uniqueArray(hosts),
          neverWatch: fc.uniqueArray(hosts),
        }),
        hosts,
        fc.constantFrom('http', 'https'),
        (choice, host, scheme) => {
          const state = access(choice);
          const page = url(`${scheme}://${host}/page`);
          const plan = planReadingScript(state, [ALL_SITES_ORIGIN]);
          const covered =
            !!plan &&
            plan.matches.some((pattern) => matches(page, pattern)) &&
            !plan.excludeMatches.some((pattern) => matches(page, pattern));
          expect(covered).toBe(isWatched(page, state));
        },
      ),
    );
  });

  it('ships narrow, valid patterns for the known learning sites', () => {
    for (const site of KNOWN_LEARNING_SITES)
      for (const pattern of site.patterns) {
        expect(isValidUrlPattern(pattern)).toBe(true);
        expect(pattern).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+\.[a-z]+\/\*$/);
      }
  });
});

/** A browser's match-pattern test, written out independently for the property above. */
function matches(page: URL, pattern: string): boolean {
  const [, scheme, host] = /^(\*|https?):\/\/([^/]+)\/\*$/.exec(pattern)!;
  const protocol = page.protocol.slice(0, -1);
  if (scheme === '*' ? !['http', 'https'].includes(protocol) : scheme !== protocol) return false;
  if (host === '*') return true;
  if (host!.startsWith('*.')) {
    const domain = host!.slice(2);
    return page.hostname === domain || page.hostname.endsWith(`.${domain}`);
  }
  return page.hostname === host;
}
