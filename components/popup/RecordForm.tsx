import { createEffect, createSignal, on, onMount, Show, untrack } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import { RecordFields } from '@/components/records/RecordFields';
import type { LearnlogDatabase } from '@/utils/db/database';
import type { ResourceProgress } from '@/utils/db/tables';
import { addRecord } from '@/utils/db/records-store';
import { requestSync } from '@/utils/sync/page-requests';
import { formatCountdown, formatDuration } from '@/utils/duration';
import { localIsoDate } from '@/utils/iso-date';
import type { Regulator } from '@/utils/profile/regulators';
import { clearDraft, loadDraft, saveDraft } from '@/utils/record-drafts';
import {
  blankFormValues,
  contentFromForm,
  timeFields,
  type RecordFormValues,
} from '@/utils/record-form';
import { refusedWrite } from '@/utils/write-outcome';
import { createRecord } from '@/utils/records';

/**
 * "Record your learning": prefilled from the resource, with the CPD reflection. Until the
 * required time is spent the main button is disabled and says why; "Record anyway" stays
 * available and marks the record as made before the stated duration. What the learner types is
 * kept as a draft if the popup closes (`utils/record-drafts.ts`).
 */
export function RecordForm(props: {
  progress: ResourceProgress;
  ready: boolean;
  remainingSeconds: number;
  db: LearnlogDatabase;
  regulator: Regulator;
}) {
  const today = localIsoDate(new Date());
  // Untracked on purpose: the form is prefilled once and then belongs to the learner.
  // eslint-disable-next-line solid/reactivity
  const initial = props.progress;
  const spentSeconds = () => Math.floor(props.progress.spentMs / 1000);
  /**
   * The credited time suggested: the resource's duration once it is met, otherwise the time
   * actually spent so far (nothing measured yet: a minute, for the learner to correct). It
   * follows the page's progress until the learner changes the minutes themselves.
   */
  const suggestedTime = () => {
    const seconds = props.ready ? props.progress.durationSeconds : spentSeconds();
    return seconds > 0 ? timeFields(seconds) : { minutes: '1', keptSeconds: null };
  };

  const firstSuggestion = untrack(suggestedTime);
  const [values, setValues] = createStore<RecordFormValues>({
    ...blankFormValues(today),
    title: initial.title,
    url: initial.url,
    kind: initial.kind,
    ...firstSuggestion,
  });
  let suggestedMinutes = firstSuggestion.minutes;
  const [error, setError] = createSignal('');
  const [saved, setSaved] = createSignal<'' | 'on-time' | 'early'>('');
  const [restored, setRestored] = createSignal(false);
  const [draftLoaded, setDraftLoaded] = createSignal(false);
  /** The learner has changed something: only then is there a draft worth keeping. */
  const [edited, setEdited] = createSignal(false);
  /** The learner changed the minutes: from then on the figure is theirs, not the page's. */
  let minutesEdited = false;
  // The fields write through this, so a change of the learner's own is told from the form's.
  const learnerSetValues = ((...change: unknown[]) => {
    setEdited(true);
    if (change[0] === 'minutes') minutesEdited = true;
    (setValues as (...args: unknown[]) => void)(...change);
  }) as typeof setValues;

  onMount(async () => {
    const draft = await loadDraft(initial.url).catch(() => undefined);
    if (draft) {
      minutesEdited = draft.minutesEdited;
      setValues(
        reconcile({
          ...draft.values,
          url: initial.url,
          // Not the learner's figure: the time as the page's progress now suggests it.
          ...(minutesEdited ? {} : untrack(suggestedTime)),
        }),
      );
      suggestedMinutes = untrack(() => values.minutes);
      setRestored(true);
    }
    setDraftLoaded(true);
  });
  createEffect(
    on(
      suggestedTime,
      (next) => {
        // The learner's own figure (typed now, or kept in a draft) is theirs.
        if (minutesEdited || values.minutes !== suggestedMinutes) return;
        setValues(next);
        suggestedMinutes = next.minutes;
      },
      { defer: true },
    ),
  );
  // Saved on every change the learner makes, once the kept draft is back: a blank form never
  // replaces it, and a form nobody touched (its suggested minutes following the page) is none.
  createEffect(
    on(
      () => JSON.stringify(values),
      () => {
        if (draftLoaded() && (edited() || restored()) && !saved())
          void saveDraft(initial.url, {
            values: structuredClone(unwrap(values)),
            minutesEdited,
          }).catch(() => undefined);
      },
      { defer: true },
    ),
  );

  async function save(early: boolean) {
    setError('');
    const result = createRecord(
      {
        ...contentFromForm({ ...values, url: initial.url }),
        origin: 'page',
        ...(initial.typeLabel ? { typeLabel: initial.typeLabel } : {}),
        spentSeconds: spentSeconds(),
        ...(initial.stated
          ? { statedSeconds: initial.stated.seconds, statedSource: initial.stated.source }
          : {}),
        recordedEarly: early,
      },
      new Date(),
      () => crypto.randomUUID(),
    );
    if (!result.ok) {
      setError(result.error);
      return;
    }
    try {
      await addRecord(props.db, result.record);
      requestSync();
      await clearDraft(initial.url).catch(() => undefined);
      setSaved(early ? 'early' : 'on-time');
    } catch {
      setError(refusedWrite('save this record'));
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
            ? `Saved to your learning log, marked as recorded before the stated duration (${formatDuration(spentSeconds())} spent).`
            : 'Saved to your learning log.'}
        </p>
      }
    >
      <form class="record-form" onSubmit={submit} aria-labelledby="record-heading" novalidate>
        <h3 id="record-heading">Record your learning</h3>
        <p class="muted record-address" data-testid="record-address">
          Saved with the address <bdi class="address">{initial.url}</bdi>
        </p>
        <Show when={restored()}>
          <p class="muted" data-testid="draft-restored">
            Your unsaved notes for this page were kept.
          </p>
        </Show>
        <RecordFields
          values={values}
          setValues={learnerSetValues}
          regulator={props.regulator}
          today={today}
          idPrefix="record"
          showUrl={false}
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
            {formatDuration(spentSeconds())} you actually spent.
          </p>
        </Show>
      </form>
    </Show>
  );
}
