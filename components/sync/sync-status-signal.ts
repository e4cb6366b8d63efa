import { createSignal, onCleanup } from 'solid-js';
import { OFF_STATUS, type SyncStatus } from '@/utils/sync/status';
import { loadSyncStatus, onSyncStatusChanged } from '@/utils/sync/store/sync-status-store';

/** The sync status as it changes, for any extension page. */
export function createSyncStatus() {
  const [status, setStatus] = createSignal<SyncStatus>(OFF_STATUS);
  void loadSyncStatus().then(setStatus);
  onCleanup(onSyncStatusChanged(setStatus));
  return status;
}
