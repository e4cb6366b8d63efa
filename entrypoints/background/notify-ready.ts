import { browser } from '#imports';
import type { ResourceProgress } from '@/utils/db/tables';
import type { Settings } from '@/utils/settings';

/**
 * "Ready to record" notification: only when the learner turned it on in the settings and granted
 * the optional `notifications` permission there (least privilege).
 */
export async function notifyReady(progress: ResourceProgress, settings: Settings): Promise<void> {
  if (!settings.tracking.notifyWhenReady) return;
  if (!(await browser.permissions.contains({ permissions: ['notifications'] }))) return;
  await browser.notifications.create(`ready:${progress.url}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: 'Ready to record',
    message: `You can now record "${progress.title}" in Learnlog.`,
  });
}
