import { sendMessage } from '@/utils/messages/send';

/** Tells the background that records changed, so they are sent now rather than at the next alarm. */
export function requestSync(): void {
  sendMessage('page:sync-now', {}).catch(() => undefined);
}
