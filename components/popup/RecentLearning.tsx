import { For, Show } from 'solid-js';
import { GoalSummary } from '@/components/records/GoalSummary';
import { RecordSummaryLine } from '@/components/records/RecordSummaryLine';
import type { LearnlogDatabase } from '@/utils/db/database';
import { dayTotalsSince } from '@/utils/db/day-totals';
import { recentRecords } from '@/utils/db/records-store';
import { localIsoDate } from '@/utils/iso-date';
import { createLiveQuery } from '@/utils/live-query';
import { summariseDays, summaryStartDate } from '@/utils/profile/goals';
import type { ProfileSettings } from '@/utils/settings';

const RECENT = 5;

/**
 * The popup's "Your learning": totals against the goal, the latest records and the way to the
 * full log. Reads only what it shows: day totals since the start of the cycle or year, and
 * the five newest records.
 */
export function RecentLearning(props: {
  db: LearnlogDatabase;
  /** Undefined while the settings load; the latest records do not wait for them. */
  profile: ProfileSettings | undefined;
  onOpenLog: (hash?: string) => void;
}) {
  const today = localIsoDate(new Date());
  const counted = createLiveQuery(
    () => (props.profile ? summaryStartDate(props.profile, today) : undefined),
    (start) => (start ? dayTotalsSince(props.db, start) : undefined),
    undefined,
  );
  const recent = createLiveQuery(
    () => RECENT,
    (limit) => recentRecords(props.db, limit),
    [],
  );
  const summary = () => {
    const days = counted();
    return days && props.profile ? summariseDays(days, props.profile, today) : undefined;
  };

  return (
    <section aria-labelledby="history-heading" class="card">
      <h2 id="history-heading">Your learning</h2>
      <Show when={summary()}>
        {(current) => <GoalSummary summary={current()} profile={props.profile!} />}
      </Show>
      <Show
        when={recent().length > 0}
        fallback={
          <p class="muted" data-testid="no-records">
            No learning recorded yet.
          </p>
        }
      >
        <h3>Latest</h3>
        <ol class="records" data-testid="records">
          <For each={recent()}>
            {(record) => (
              <li class="record">
                <span class="record__title" dir="auto">
                  {record.title}
                </span>
                <RecordSummaryLine record={record} />
              </li>
            )}
          </For>
        </ol>
      </Show>
      <div class="actions">
        <button type="button" data-testid="open-log" onClick={() => props.onOpenLog()}>
          Open your learning log
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="add-other-learning"
          onClick={() => props.onOpenLog('#add')}
        >
          Add other learning
        </button>
        <button
          type="button"
          class="secondary"
          data-testid="open-export"
          onClick={() => props.onOpenLog('#export')}
        >
          Export
        </button>
      </div>
    </section>
  );
}
