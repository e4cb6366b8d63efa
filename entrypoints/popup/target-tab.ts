import { browser } from '#imports';
/**
 * The tab the popup speaks about: the active tab of the window it was opened from, or the tab
 * named by `?tab=` when the popup is opened as a page (a pop-out window, or the e2e harness).
 */
export async function resolveTargetTab(search: string): Promise<number | undefined> {
  const named = new URLSearchParams(search).get('tab');
  if (named !== null && /^\d{1,10}$/.test(named)) return Number(named);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id;
}
