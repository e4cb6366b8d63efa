/**
 * Browser-style match patterns (`*://*.example.org/learn/*`) for site profiles: scheme `*`
 * (http or https), `http` or `https`; host `*`, `*.domain` (the domain and its subdomains) or
 * exact; a path glob where `*` matches anything.
 */
const PATTERN = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*]+)(\/.*)$/;

export function isValidUrlPattern(pattern: string): boolean {
  return PATTERN.test(pattern);
}

export function matchesUrlPattern(url: URL, pattern: string): boolean {
  const match = PATTERN.exec(pattern);
  if (!match) return false;
  const [, scheme, host, path] = match as unknown as [string, string, string, string];
  const protocol = url.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme)
    return false;
  if (host !== '*') {
    const hostname = url.hostname.toLowerCase();
    if (host.startsWith('*.')) {
      const domain = host.slice(2).toLowerCase();
      if (hostname !== domain && !hostname.endsWith(`.${domain}`)) return false;
    } else if (hostname !== host.toLowerCase()) {
      return false;
    }
  }
  const glob = new RegExp(
    `^${path
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return glob.test(url.pathname + url.search);
}
