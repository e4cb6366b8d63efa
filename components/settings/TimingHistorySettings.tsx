import { createSignal, onCleanup, Show, untrack } from 'solid-js';
import { FormStatus, type FormStatusValue } from '@/components/ui/FormStatus';
import type { LearnlogDatabase } from '@/utils/db/database';
import { clearTimingHistory, storedResourceCount } from '@/utils/db/resources-store';
import { createLiveQuery } from '@/utils/live-query';
import { onSettingsChanged } from '@/utils/settings-store';
import { attemptWrite } from '@/utils/write-outcome';

const pages = (count: number) =>
  `${count.toLocaleString('en-GB')} ${count === 1 ? 'page' : 'pages'}`;

/**
 * Settings → Your timing history: what Learnlog keeps of the pages it timed, and "Clear timing
 * history", asked twice (it cannot be undone; the learner's records are not touched).
 */
export function TimingHistorySettings(props: { db: LearnlogDatabase; forgetAfterDays: number }) {
  // Follows "Measuring your time" when the learner saves a new number of days there.
  const [days, setDays] = createSignal(untrack(() => props.forgetAfterDays));
  onCleanup(onSettingsChanged((settings) => setDays(settings.tracking.forgetTimingAfterDays)));
  const count = createLiveQuery(
    () => props.db,
    (db) => storedResourceCount(db),
    0,
  );
  const [confirming, setConfirming] = createSignal(false);
  const [status, setStatus] = createSignal<FormStatusValue>(null);
  let clearButton: HTMLButtonElement | undefined;

  async function clear() {
    const db = props.db;
    let cleared = 0;
    const outcome = await attemptWrite('clear your timing history', async () => {
      cleared = await clearTimingHistory(db);
    });
    setConfirming(false);
    setStatus(
      outcome.ok
        ? { kind: 'saved', text: `Cleared the timing history of ${pages(cleared)}.` }
        : { kind: 'error', text: outcome.text },
    );
    queueMicrotask(() => clearButton?.focus());
  }

  return (
    <section class="card settings" aria-labelledby="timing-history-heading">
      <h2 id="timing-history-heading">Your timing history</h2>
      <p data-testid="timing-history-count">
        Learnlog keeps the address, title and time counted of {pages(count())} you have spent time
        on, so it can show your progress when you come back. Pages you have not recorded are
        forgotten after {days()} {days() === 1 ? 'day' : 'days'} without a visit (change this under
        “Measuring your time”).
      </p>
      <Show
        when={confirming()}
        fallback={
          <button
            type="button"
            class="secondary"
            ref={clearButton}
            data-testid="clear-timing"
            disabled={count() === 0}
            onClick={() => {
              setStatus(null);
              setConfirming(true);
            }}
          >
            Clear timing history
          </button>
        }
      >
        <p role="alert" data-testid="clear-timing-question">
          This forgets the time counted on {pages(count())}. Your records are kept. It cannot be
          undone.
        </p>
        <div class="actions">
          <button type="button" data-testid="clear-timing-confirm" onClick={() => void clear()}>
            Yes, clear my timing history
          </button>
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      </Show>
      <FormStatus status={status()} testId="timing-history-status" />
    </section>
  );
}
