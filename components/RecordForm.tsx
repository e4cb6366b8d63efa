import { createSignal, For, Show } from 'solid-js';
import { KIND_LABELS } from '@/components/kind-labels';
import type { LearnlogDatabase } from '@/utils/db/database';
import type { ResourceProgress } from '@/utils/db/progress';
import { RESOURCE_KINDS, type ResourceKind } from '@/utils/detection/schema';
import { formatCountdown } from '@/utils/duration';
import { createRecord, localIsoDate } from '@/utils/records';

/** "Record your learning": prefilled from the resource, with the CPD reflection. */
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
  const [title, setTitle] = createSignal(initial.title);
  const [kind, setKind] = createSignal<ResourceKind>(initial.kind);
  const [date, setDate] = createSignal(today);
  const [minutes, setMinutes] = createSignal(
    String(Math.max(1, Math.round(initial.requiredSeconds / 60))),
  );
  const [whatLearned, setWhatLearned] = createSignal('');
  const [howWillUse, setHowWillUse] = createSignal('');
  const [error, setError] = createSignal('');
  const [saved, setSaved] = createSignal(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!props.ready) return;
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
        recordedEarly: false,
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
      setSaved(true);
    } catch {
      setError('Learnlog could not save this record. Nothing was saved; please try again.');
    }
  }

  return (
    <Show
      when={!saved()}
      fallback={
        <p class="notice" role="status" data-testid="record-saved">
          Saved to your learning log.
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
        <button
          type="submit"
          disabled={!props.ready}
          aria-describedby="record-why"
          data-testid="record-button"
        >
          Record your learning
        </button>
        <p id="record-why" class="muted" data-testid="record-why">
          {props.ready
            ? 'Saves this record to your learning log on this device.'
            : `You can record this once you have spent the stated time on it: ${formatCountdown(props.remainingSeconds)} to go.`}
        </p>
      </form>
    </Show>
  );
}
