/**
 * The host permission pattern for one address: its scheme and host. Match patterns have no
 * port (Firefox refuses one), so the pattern covers the host on any port, as the browser's
 * grants do. Used for sync's server and for a page's own site.
 * https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns
 */
export function originPatternOf(address: string | URL): string {
  const url = new URL(address);
  return `${url.protocol}//${url.hostname}/*`;
}
