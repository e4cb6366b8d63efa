import { browser } from '#imports';
/**
 * Calls back with the new value of one `storage.local` key, read through `read` (which validates
 * and falls back), whenever it changes; returns the unsubscribe function. Shared by the stores
 * of settings, site choices and sync status.
 */
export function onLocalKeyChanged<T>(
  key: string,
  read: (stored: unknown) => T,
  callback: (value: T) => void,
): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && key in changes) callback(read(changes[key]!.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
