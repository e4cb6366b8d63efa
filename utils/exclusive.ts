/**
 * Runs `task` while holding the named lock, which every Learnlog page and the background share
 * (the Web Locks API, per origin: the extension's own). A read-change-write of one stored value
 * (the settings, the site choices) then never interleaves with another page's, so two pages
 * saving at once both keep their change.
 * https://developer.mozilla.org/en-US/docs/Web/API/Web_Locks_API
 */
export function exclusively<T>(name: string, task: () => Promise<T>): Promise<T> {
  return navigator.locks.request(name, task);
}
