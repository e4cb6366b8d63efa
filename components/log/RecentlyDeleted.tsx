import { For, Show } from 'solid-js';
import { formatUkDate, localIsoDate } from '@/utils/iso-date';
import { RESTORABLE_DAYS, type LearningRecord } from '@/utils/records';

/**
 * Records deleted in the last RESTORABLE_DAYS, each with "Restore": a delete is not final the
 * moment the undo bar goes. Closed by default, so it takes no room in a long log.
 */
export function RecentlyDeleted(props: {
  records: readonly LearningRecord[];
  onRestore: (record: LearningRecord) => void;
}) {
  return (
    <Show when={props.records.length > 0}>
      <details class="card recently-deleted" data-testid="recently-deleted">
        <summary>Recently deleted ({props.records.length.toLocaleString('en-GB')})</summary>
        <p class="muted">
          Deleted records can be restored for {RESTORABLE_DAYS} days after you delete them.
        </p>
        <ul class="site-list">
          <For each={props.records}>
            {(record) => (
              <li>
                <span>
                  <bdi>{record.title}</bdi>{' '}
                  <span class="muted">
                    (deleted {formatUkDate(localIsoDate(new Date(record.deletedAt!)), 'short')})
                  </span>
                </span>
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Restore “${record.title}”`}
                  onClick={() => props.onRestore(record)}
                >
                  Restore
                </button>
              </li>
            )}
          </For>
        </ul>
      </details>
    </Show>
  );
}
