import { For, Show } from 'solid-js';
import { KIND_LABELS } from '@/components/kind-labels';
import type { LearnlogDatabase } from '@/utils/db/database';
import { formatDuration } from '@/utils/duration';
import { compareNewestFirst, localIsoDate, secondsThisMonth } from '@/utils/records';
import { createLiveQuery } from '@/utils/live-query';

const RECENT = 20;

/** Saved records, newest first, with the time recorded this calendar month. */
export function RecordList(props: { db: LearnlogDatabase }) {
  const monthStart = `${localIsoDate(new Date()).slice(0, 7)}-01`;
  const thisMonth = createLiveQuery(
    () => monthStart,
    (start) => props.db.records.where('date').aboveOrEqual(start).toArray(),
    [],
  );
  const recent = createLiveQuery(
    () => RECENT,
    async (limit) => {
      const records = await props.db.records
        .orderBy('date')
        .reverse()
        .limit(limit * 2)
        .toArray();
      return records
        .filter((record) => !record.deletedAt)
        .sort(compareNewestFirst)
        .slice(0, limit);
    },
    [],
  );

  return (
    <section aria-labelledby="history-heading" class="card">
      <h2 id="history-heading">Your learning</h2>
      <p data-testid="month-total">
        This month: <strong>{formatDuration(secondsThisMonth(thisMonth(), new Date()))}</strong>
      </p>
      <Show when={recent().length > 0} fallback={<p class="muted">No learning recorded yet.</p>}>
        <ol class="records" data-testid="records">
          <For each={recent()}>
            {(record) => (
              <li class="record">
                <span class="record__title">{record.title}</span>
                <span class="muted">
                  {new Date(`${record.date}T00:00:00`).toLocaleDateString('en-GB', {
                    day: 'numeric',
                    month: 'short',
                    year: 'numeric',
                  })}
                  {' · '}
                  {KIND_LABELS[record.kind]}
                  {' · '}
                  {formatDuration(record.creditedSeconds)}
                </span>
                <Show when={record.recordedEarly}>
                  <span class="record__early">
                    Recorded before the stated duration
                    {record.spentSeconds !== undefined
                      ? ` · ${formatDuration(record.spentSeconds)} spent`
                      : ''}
                  </span>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
