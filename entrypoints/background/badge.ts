import { browser } from '#imports';
import { badgeFor } from '@/utils/badge';
import type { ProgressSnapshot } from '@/utils/messages/protocol';

/** Owns the toolbar badge: one per tab, set from that tab's resource progress. */
export async function showProgressBadge(tabId: number, snapshot: ProgressSnapshot): Promise<void> {
  const view = badgeFor(snapshot);
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: view.text }),
    browser.action.setBadgeBackgroundColor({ tabId, color: view.color }),
    browser.action.setTitle({ tabId, title: view.title }),
  ]);
  // Firefox lets the badge text colour be set; Chrome picks a readable one itself.
  await browser.action.setBadgeTextColor?.({ tabId, color: '#ffffff' }).catch(() => undefined);
}

export async function clearBadge(tabId: number): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ tabId, text: '' }),
    browser.action.setTitle({ tabId, title: 'Learnlog' }),
  ]).catch(() => undefined); // The tab may have closed meanwhile.
}
