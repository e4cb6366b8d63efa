import { createSignal, Show } from 'solid-js';
import type { LearnlogDatabase } from '@/utils/db/database';
import { refusedCount, requeueFailed } from '@/utils/sync/store/server-state-store';
import { createLiveQuery } from '@/utils/live-query';
import { describeSyncStatus } from '@/utils/sync/status-text';
import type { SyncStatus } from '@/utils/sync/status';
import { requestSync } from '@/utils/sync/page-requests';
import { attemptWrite } from '@/utils/write-outcome';

/** The sync status in words; a stop is an alert, so screen readers hear it. */
export function SyncStatusNotice(props: {
  db: LearnlogDatabase;
  status: SyncStatus;
  /** Only problems (a stop, refused records): for the popup and the log. */
  problemsOnly?: boolean;
}) {
  // Only read while sync is on: the popup opens fast for the many learners who never sync.
  const on = () => props.status.state !== 'off';
  const waiting = createLiveQuery(on, (active) => (active ? props.db.outbox.count() : 0), 0);
  const failed = createLiveQuery(on, (active) => (active ? refusedCount(props.db) : 0), 0);
  const [retried, setRetried] = createSignal('');

  async function retryFailed() {
    const db = props.db;
    let count = 0;
    const outcome = await attemptWrite('queue the refused records again', async () => {
      count = await requeueFailed(db, Date.now());
    });
    if (!outcome.ok) return setRetried(outcome.text);
    requestSync();
    setRetried(
      `Trying ${count.toLocaleString('en-GB')} ${count === 1 ? 'record' : 'records'} again.`,
    );
  }

  const stopped = () => props.status.state === 'stopped';
  return (
    <div class="sync-status" data-testid="sync-status">
      {/* A stop is an alert; the ordinary state is not a live region, so a first sync's
          changing count is not read out after every batch. */}
      <Show
        when={stopped()}
        fallback={
          <Show when={!props.problemsOnly}>
            <p class="muted" data-testid="sync-status-text">
              {describeSyncStatus(props.status, waiting(), Date.now())}
            </p>
          </Show>
        }
      >
        <p class="error" role="alert" data-testid="sync-status-text">
          {describeSyncStatus(props.status, waiting(), Date.now())}
        </p>
      </Show>
      <Show when={props.status.state !== 'off' && props.status.pullProblem}>
        {(problem) => (
          <p class="error" role="alert">
            {problem()}
          </p>
        )}
      </Show>
      <Show when={props.status.state !== 'off' && failed() > 0}>
        <p class="error" data-testid="sync-failed-count">
          The server refused {failed().toLocaleString('en-GB')}{' '}
          {failed() === 1 ? 'record' : 'records'}; the learning log shows why on each one.
        </p>
        <button type="button" class="secondary" onClick={() => void retryFailed()}>
          Try refused records again
        </button>
        <Show when={retried()}>
          <p role="status">{retried()}</p>
        </Show>
      </Show>
    </div>
  );
}
export default SyncStatusNotice;
