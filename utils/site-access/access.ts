import { z } from 'zod';
import { KNOWN_SITE_PATTERNS } from '@/utils/site-access/known-sites';
import { matchesUrlPattern } from '@/utils/detection/url-pattern';
import { RefusedChange } from '@/utils/write-outcome';

/**
 * Where Learnlog may watch for learning: the learner's choice, kept in
 * `storage.local` under `siteAccess`. Pure: the background turns it, with the host permissions
 * the browser has actually granted, into one registered content script (`planReadingScript`)
 * and refuses reports from pages it does not cover (`isWatched`).
 */

export const SITE_ACCESS_KEY = 'siteAccess';

/** Every http and https site: the one optional host permission behind "all sites". */
export const ALL_SITES_ORIGIN = '*://*/*';

export const MAX_SITES = 500;

/** A host name as the learner's lists keep it: lower case, no scheme, port or path. */
const HostSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9.-]+$/)
  .refine((host) => hostFromInput(host) === host);

export const SiteAccessSchema = z.object({
  /**
   * `all-sites`: the content script runs on every http(s) page (it stores nothing for pages
   * that are not learning resources). `chosen-sites`: only known learning sites and `sites`.
   */
  mode: z.enum(['all-sites', 'chosen-sites']),
  /** False until the learner has answered the first-run page. */
  chosen: z.boolean(),
  /** Pause everything: no page is watched, nothing is counted. */
  paused: z.boolean(),
  /** Sites the learner turned on (in `chosen-sites` mode), each with its own permission. */
  sites: z.array(HostSchema).max(MAX_SITES),
  /** Never watched, in any mode, with their subdomains; known learning sites included. */
  neverWatch: z.array(HostSchema).max(MAX_SITES),
});
export type SiteAccess = z.infer<typeof SiteAccessSchema>;

/** Before the first-run answer: only the known learning sites. */
export const DEFAULT_SITE_ACCESS: SiteAccess = {
  mode: 'chosen-sites',
  chosen: false,
  paused: false,
  sites: [],
  neverWatch: [],
};

/**
 * A stored value read safely, field by field, never throwing: a damaged entry loses only
 * itself, so one bad host never empties the never-watch list or lifts a pause.
 */
export function readSiteAccess(stored: unknown): SiteAccess {
  const parsed = SiteAccessSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  const value = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<
    string,
    unknown
  >;
  const field = <K extends keyof SiteAccess>(key: K): SiteAccess[K] => {
    const one = SiteAccessSchema.shape[key].safeParse(value[key]);
    return (one.success ? one.data : DEFAULT_SITE_ACCESS[key]) as SiteAccess[K];
  };
  const hosts = (key: 'sites' | 'neverWatch') =>
    Array.isArray(value[key])
      ? [...new Set(value[key].filter((host) => HostSchema.safeParse(host).success))]
          .slice(0, MAX_SITES)
          .sort()
      : [];
  return {
    mode: field('mode'),
    chosen: field('chosen'),
    paused: field('paused'),
    sites: hosts('sites'),
    neverWatch: hosts('neverWatch'),
  };
}

/**
 * The host a learner means by what they typed or the page they are on: "www.Example.org",
 * "https://www.example.org/course?x=1" → "www.example.org". Undefined when it names no web
 * site (other schemes, IP-less junk, spaces).
 */
export function hostFromInput(input: string): string | undefined {
  const text = input.trim();
  if (text === '' || text.length > 2048 || /\s/.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  // A name with a dot (example.org, 127.0.0.1) or localhost; no IPv6 literals, no user info.
  if (url.username || url.password) return undefined;
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host)) return undefined;
  if (!host.includes('.') && host !== 'localhost') return undefined;
  return host;
}

/** The permission (and content-script match) for one site the learner chose. */
export const sitePattern = (host: string) => `*://${host}/*`;

/** Match patterns for a never-watched site: the host and its subdomains. */
export const neverWatchPatterns = (host: string) => [`*://${host}/*`, `*://*.${host}/*`];

const isKnownSite = (url: URL) =>
  KNOWN_SITE_PATTERNS.some((pattern) => matchesUrlPattern(url, pattern));

/** Whether a never-watch entry covers `host`: the host itself, or a parent domain. */
const covers = (never: string, host: string) => host === never || host.endsWith(`.${never}`);

/** The never-watch entries that cover `host` (itself and any parent domain listed). */
export const neverEntriesCovering = (host: string, neverWatch: readonly string[]) =>
  neverWatch.filter((never) => covers(never, host));

export const isNeverWatched = (host: string, access: SiteAccess) =>
  access.neverWatch.some((never) => covers(never, host));

/** The never-watch list without the entries that cover `host`, for turning it on again. */
export const withoutEntriesCovering = (neverWatch: readonly string[], host: string) =>
  neverWatch.filter((never) => !covers(never, host));

export type WatchState =
  'paused' | 'never' | 'all-sites' | 'known-site' | 'chosen-site' | 'not-chosen' | 'not-web';

/**
 * Why a page is, or is not, watched by the learner's choice. Granted permissions are checked
 * separately (`planReadingScript`): without them the browser runs no content script at all.
 */
export function watchStateOf(pageUrl: URL, access: SiteAccess): WatchState {
  if (pageUrl.protocol !== 'http:' && pageUrl.protocol !== 'https:') return 'not-web';
  if (access.paused) return 'paused';
  const host = pageUrl.hostname.toLowerCase();
  if (isNeverWatched(host, access)) return 'never';
  if (access.mode === 'all-sites') return 'all-sites';
  if (isKnownSite(pageUrl)) return 'known-site';
  if (access.sites.includes(host)) return 'chosen-site';
  return 'not-chosen';
}

/** The states in which the learner's choice lets Learnlog watch a page. */
export const isWatchingState = (state: string | undefined) =>
  state === 'all-sites' || state === 'known-site' || state === 'chosen-site';

export const isWatched = (pageUrl: URL, access: SiteAccess) =>
  isWatchingState(watchStateOf(pageUrl, access));

export interface ReadingScriptPlan {
  matches: string[];
  excludeMatches: string[];
}

/**
 * The one registered reading script the learner's choice and the browser's grants call for,
 * or null for none (paused, or nothing granted). A choice without its permission (the learner
 * said no, or took it back in the browser) is left out rather than failing.
 */
export function planReadingScript(
  access: SiteAccess,
  grantedOrigins: readonly string[],
): ReadingScriptPlan | null {
  if (access.paused) return null;
  const granted = new Set(grantedOrigins);
  const matches =
    access.mode === 'all-sites' && isGranted(ALL_SITES_ORIGIN, granted)
      ? [ALL_SITES_ORIGIN]
      : [
          ...KNOWN_SITE_PATTERNS.filter((pattern) => isGranted(pattern, granted)),
          ...access.sites.map(sitePattern).filter((pattern) => isGranted(pattern, granted)),
        ];
  if (matches.length === 0) return null;
  return { matches, excludeMatches: access.neverWatch.flatMap(neverWatchPatterns) };
}

/**
 * Whether the browser's grants cover a `*://host/path` or `https://host/path` pattern. Browsers
 * may report a `*` scheme as its http and https halves, and all sites as `<all_urls>`.
 */
function isGranted(pattern: string, granted: ReadonlySet<string>): boolean {
  if (granted.has(pattern) || granted.has('<all_urls>') || granted.has(ALL_SITES_ORIGIN))
    return true;
  const [, scheme = '', rest = ''] = /^([^:]+):\/\/(.*)$/.exec(pattern) ?? [];
  const schemes = scheme === '*' ? ['http', 'https'] : [scheme];
  return schemes.every(
    (one) =>
      granted.has(`${one}://*/*`) || granted.has(`${one}://${rest}`) || granted.has(`*://${rest}`),
  );
}

/** List edits that keep each list sorted, free of duplicates and within its limit. */
export function withHost(list: readonly string[], host: string): string[] {
  if (list.includes(host)) return [...list];
  if (list.length >= MAX_SITES)
    throw new RefusedChange(`You can list up to ${MAX_SITES} sites. Remove one first.`);
  return [...list, host].sort();
}

export const withoutHost = (list: readonly string[], host: string) =>
  list.filter((entry) => entry !== host);
