/**
 * The address a resource's progress and records are keyed by. Pages may name a canonical
 * address, but a hostile page could point it at another site to borrow that site's progress,
 * so only a same-origin canonical link is followed. Fragments and known tracking parameters
 * are dropped so that one article is one resource (data minimisation).
 */

const TRACKING_PARAMETER =
  /^(?:utm_[a-z_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|igshid|twclid|li_fat_id|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|mkt_tok|ref_src|ref_url|oly_anon_id|oly_enc_id|vero_id|wickedid)$/i;

function parameterName(part: string): string {
  const raw = part.split('=')[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

export function stripTracking(url: URL): URL {
  const clean = new URL(url.href);
  clean.hash = '';
  // The query string is filtered as text, keeping the rest exactly as the page wrote it. No
  // URLSearchParams callbacks or iterators: Firefox's Xray wrappers break the iterators in content
  // scripts, and a page with scripting disabled makes DOM callbacks unrunnable.
  const kept = clean.search
    .slice(1)
    .split('&')
    .filter((part) => part.length > 0 && !TRACKING_PARAMETER.test(parameterName(part)));
  clean.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return clean;
}

export function canonicalResourceUrl(doc: Document, pageUrl: URL): URL {
  const link = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]');
  const href = link?.getAttribute('href');
  if (href) {
    try {
      const candidate = new URL(href, pageUrl);
      if (candidate.origin === pageUrl.origin) return stripTracking(candidate);
    } catch {
      // An unparsable canonical link is ignored: the page's own address is used.
    }
  }
  return stripTracking(pageUrl);
}
