import { sendMessage } from '@/utils/messages/send';

/**
 * What extension pages ask of sync; the background does the work. Only messages here: the
 * popup imports this, and must not load sync's storage or schemas with it.
 */

/** Records changed: send them now rather than at the next alarm. */
export function requestSync(): void {
  sendMessage('page:sync-now', {}).catch(() => undefined);
}

/** The sync settings were saved or removed: the background stops what is in flight and starts over. */
export async function announceSyncSettingsChanged(): Promise<void> {
  await sendMessage('page:sync-settings-changed', {}).catch(() => undefined);
}
