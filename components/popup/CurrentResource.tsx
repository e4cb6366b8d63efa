import { RecordForm } from '@/components/popup/RecordForm';
import type { LearnlogDatabase } from '@/utils/db/database';
import type { ResourceProgress } from '@/utils/db/tables';
import { formatCountdown, formatDuration } from '@/utils/duration';
import { describeDurationSource } from '@/utils/duration-source';
import { KIND_LABELS } from '@/utils/kind-labels';
import type { Regulator } from '@/utils/profile/regulators';
import { readinessOf } from '@/utils/tracking/readiness';

/** The resource in the current tab: what it is, how far the learner has got, and the form. */
export function CurrentResource(props: {
  progress: ResourceProgress;
  /** The stated (or estimated) time × the learner's percentage. */
  requiredMs: number;
  db: LearnlogDatabase;
  regulator: Regulator;
}) {
  const requiredMs = () => props.requiredMs;
  const readiness = () =>
    readinessOf({ spentMs: props.progress.spentMs, requiredMs: props.requiredMs });
  const remainingSeconds = () => readiness().remainingMs / 1000;
  const ready = () => readiness().ready;
  const percent = () => readiness().percent;

  return (
    <section aria-labelledby="current-heading" class="card">
      <h2 id="current-heading" class="resource__title" data-testid="resource-title">
        {props.progress.title}
      </h2>
      <dl class="facts">
        <div>
          <dt>Type</dt>
          <dd data-testid="resource-type">
            {props.progress.typeLabel ?? KIND_LABELS[props.progress.kind]}
          </dd>
        </div>
        <div>
          <dt>{props.progress.stated ? 'Duration' : 'Estimated time'}</dt>
          <dd data-testid="resource-duration">{formatDuration(props.progress.durationSeconds)}</dd>
        </div>
      </dl>
      <p class="muted" data-testid="duration-source">
        {describeDurationSource(props.progress)}
      </p>
      <label class="progress-label" for="reading-progress">
        Time spent: {formatDuration(props.progress.spentMs / 1000)} of{' '}
        {formatDuration(requiredMs() / 1000)}
      </label>
      <progress id="reading-progress" max="100" value={percent()} data-testid="progress">
        {percent()}%
      </progress>
      <p
        class="countdown"
        role="status"
        data-testid="countdown"
        classList={{ 'countdown--ready': ready() }}
      >
        {ready()
          ? 'You can now record this learning activity.'
          : `${formatCountdown(remainingSeconds())} till you can record this learning activity`}
      </p>
      <RecordForm
        progress={props.progress}
        ready={ready()}
        remainingSeconds={remainingSeconds()}
        db={props.db}
        regulator={props.regulator}
      />
    </section>
  );
}
