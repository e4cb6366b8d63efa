/**
 * Corpus pages whose publisher-stated time detection does not read, each with the reason. The
 * corpus test fails if a page misses that is not listed here, or if a listed page starts to
 * read correctly (then remove it).
 */
export const KNOWN_MISSES: Record<string, string> = {
  'metascraper/acast':
    'The length exists only in the app state script (window.__INITIAL__STATE__); reading arbitrary apps\' script state is not a signal Learnlog trusts, and the visible times belong to a "More from" list.',
  'metascraper/soundcloud-song':
    'The length is in the site-wide mini-player (role="contentinfo"), which shows whatever is playing; page chrome is never read as the page\'s duration.',
  'metascraper/milanocittastato':
    "A news site's home page (its root address, the site's name as its title, a front page of teasers): Learnlog takes it for a home page, not a resource (page-kind.ts); the time metascraper reads is its featured video's.",
};
