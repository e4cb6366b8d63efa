import type { LearningRecord, RecordSyncState } from '@/utils/db/tables';
import type { SyncStatus } from '@/utils/sync/status';

/** A record's sync state as the log shows it: waiting, synced, or failed and why. */
export type RecordSyncView =
  | { kind: 'waiting'; text: string }
  | { kind: 'synced'; text: string }
  | { kind: 'failed'; text: string };

export function recordSyncView(
  record: Pick<LearningRecord, 'updatedAt'>,
  queued: boolean,
  state: RecordSyncState | undefined,
  status: Pick<SyncStatus, 'state'>,
): RecordSyncView | undefined {
  if (status.state === 'off') return undefined;
  if (queued) {
    if (status.state === 'stopped')
      return { kind: 'waiting', text: 'Waiting to sync: sync has stopped (see Settings)' };
    if (status.state === 'retrying')
      return { kind: 'waiting', text: 'Waiting to sync: Learnlog will try again shortly' };
    return { kind: 'waiting', text: 'Waiting to sync' };
  }
  if (state?.error) return { kind: 'failed', text: `Not synced: ${state.error}` };
  if (state?.syncedUpdatedAt === record.updatedAt) return { kind: 'synced', text: 'Synced' };
  return { kind: 'waiting', text: 'Not synced yet' };
}

/** "14:05" today, "14:05 on 25 Nov" another day. */
export function formatSyncTime(at: number, now: number): string {
  const when = new Date(at);
  const time = when.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  if (new Date(now).toDateString() === when.toDateString()) return time;
  return `${time} on ${when.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' })}`;
}

/** The sync status in one plain sentence. */
export function describeSyncStatus(status: SyncStatus, waiting: number, now: number): string {
  const waitingText =
    waiting > 0
      ? ` ${waiting.toLocaleString('en-GB')} ${waiting === 1 ? 'record is' : 'records are'} waiting.`
      : '';
  switch (status.state) {
    case 'off':
      return 'Sync is off. Your records stay on this device.';
    case 'syncing':
      return `Syncing…${waitingText}`;
    case 'retrying':
      return [
        `Sync will try again${status.nextAttemptAt ? ` at ${formatSyncTime(status.nextAttemptAt, now)}` : ' soon'}.`,
        status.message,
        waitingText.trim(),
      ]
        .filter(Boolean)
        .join(' ');
    case 'stopped':
      return ['Sync has stopped.', status.message, waitingText.trim()].filter(Boolean).join(' ');
    case 'idle':
      return `Sync is on.${status.lastSyncedAt ? ` Last synced at ${formatSyncTime(status.lastSyncedAt, now)}.` : ''}${waitingText}`;
  }
}
