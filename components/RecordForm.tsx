import { createSignal, For, Show } from 'solid-js';
import { KIND_LABELS } from '@/components/kind-labels';
import type { LearnlogDatabase } from '@/utils/db/database';
import type { ResourceProgress } from '@/utils/db/progress';
import { RESOURCE_KINDS, type ResourceKind } from '@/utils/detection/schema';
import { formatCountdown, formatDuration } from '@/utils/duration';
import { createRecord, localIsoDate } from '@/utils/records';

/**
 * "Record your learning": prefilled from the resource, with the CPD reflection. Until the
 * required time is spent the main button is disabled and says why; "Record anyway" stays
 * available and marks the record as made before the stated duration (issue #4).
 */
export function RecordForm(props: {
  progress: ResourceProgress;
  ready: boolean;
  remainingSeconds: number;
  db: LearnlogDatabase;
}) {
  const today = localIsoDate(new Date());
  // Untracked on purpose: the form is prefilled once and then belongs to the learner.
  // eslint-disable-next-line solid/reactivity
  const initial = props.progress;

  const spentSeconds = Math.floor(initial.spentMs / 1000);
  // Credited time: the stated duration once it is met, otherwise the time actually spent.
  // eslint-disable-next-line solid/reactivity
  const creditedDefault = props.ready
    ? (initial.stated?.seconds ?? initial.requiredSeconds)
    : spentSeconds;
  const [title, setTitle] = createSignal(initial.title);
  const [kind, setKind] = createSignal<ResourceKind>(initial.kind);
  const [date, setDate] = createSignal(today);
  const [minutes, setMinutes] = createSignal(String(Math.max(1, Math.round(creditedDefault / 60))));
  const [whatLearned, setWhatLearned] = createSignal('');
  const [howWillUse, setHowWillUse] = createSignal('');
  const [error, setError] = createSignal('');
  const [saved, setSaved] = createSignal<'' | 'on-time' | 'early'>('');

  async function save(early: boolean) {
    setError('');
    const result = createRecord(
      {
        title: title(),
        url: props.progress.url,
        kind: kind(),
        ...(props.progress.typeLabel ? { typeLabel: props.progress.typeLabel } : {}),
        date: date(),
        creditedSeconds: Math.round(Number(minutes()) * 60),
        spentSeconds: Math.floor(props.progress.spentMs / 1000),
        ...(props.progress.stated
          ? {
              statedSeconds: props.progress.stated.seconds,
              statedSource: props.progress.stated.source,
            }
          : {}),
        recordedEarly: early,
        whatLearned: whatLearned(),
        howWillUse: howWillUse(),
      },
      new Date(),
      () => crypto.randomUUID(),
    );
    if (!result.ok) {
      setError(result.error);
      return;
    }
    try {
      await props.db.records.add(result.record);
      setSaved(early ? 'early' : 'on-time');
    } catch {
      setError('Learnlog could not save this record. Nothing was saved; please try again.');
    }
  }

  function submit(event: SubmitEvent) {
    event.preventDefault();
    if (props.ready) void save(false);
  }

  return (
    <Show
      when={!saved()}
      fallback={
        <p class="notice" role="status" data-testid="record-saved">
          {saved() === 'early'
            ? `Saved to your learning log, marked as recorded before the stated duration (${formatDuration(spentSeconds)} spent).`
            : 'Saved to your learning log.'}
        </p>
      }
    >
      <form class="record-form" onSubmit={submit} aria-labelledby="record-heading" novalidate>
        <h3 id="record-heading">Record your learning</h3>
        <label for="record-title">Title</label>
        <input
          id="record-title"
          required
          maxLength={300}
          value={title()}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        <div class="row">
          <div>
            <label for="record-type">Type</label>
            <select
              id="record-type"
              value={kind()}
              onChange={(e) => setKind(e.currentTarget.value as ResourceKind)}
            >
              <For each={RESOURCE_KINDS}>
                {(option) => <option value={option}>{KIND_LABELS[option]}</option>}
              </For>
            </select>
          </div>
          <div>
            <label for="record-date">Date</label>
            <input
              id="record-date"
              type="date"
              required
              max={today}
              value={date()}
              onInput={(e) => setDate(e.currentTarget.value)}
            />
          </div>
          <div>
            <label for="record-minutes">Duration (minutes)</label>
            <input
              id="record-minutes"
              type="number"
              inputMode="numeric"
              min="1"
              max="1440"
              step="1"
              required
              value={minutes()}
              onInput={(e) => setMinutes(e.currentTarget.value)}
            />
          </div>
        </div>
        <label for="record-learned">What did you learn?</label>
        <textarea
          id="record-learned"
          rows="3"
          maxLength={5000}
          value={whatLearned()}
          onInput={(e) => setWhatLearned(e.currentTarget.value)}
        />
        <label for="record-use">How will you use it?</label>
        <textarea
          id="record-use"
          rows="3"
          maxLength={5000}
          value={howWillUse()}
          onInput={(e) => setHowWillUse(e.currentTarget.value)}
        />
        <Show when={error()}>
          <p class="error" role="alert" data-testid="record-error">
            {error()}
          </p>
        </Show>
        <div class="actions">
          <button
            type="submit"
            disabled={!props.ready}
            aria-describedby="record-why"
            data-testid="record-button"
          >
            Record your learning
          </button>
          <Show when={!props.ready}>
            <button
              type="button"
              class="secondary"
              data-testid="record-anyway"
              aria-describedby="record-anyway-why"
              onClick={() => void save(true)}
            >
              Record anyway
            </button>
          </Show>
        </div>
        <p id="record-why" class="muted" data-testid="record-why">
          {props.ready
            ? 'Saves this record to your learning log on this device.'
            : `You can record this once you have spent the stated time on it: ${formatCountdown(props.remainingSeconds)} to go.`}
        </p>
        <Show when={!props.ready}>
          <p id="record-anyway-why" class="muted">
            “Record anyway” marks the record as made before the stated duration, with the{' '}
            {formatDuration(spentSeconds)} you actually spent.
          </p>
        </Show>
      </form>
    </Show>
  );
}
