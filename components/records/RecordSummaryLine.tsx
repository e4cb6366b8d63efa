import { Show } from 'solid-js';
import { KIND_LABELS } from '@/utils/kind-labels';
import { formatDuration } from '@/utils/duration';
import { formatUkDate } from '@/utils/iso-date';
import type { LearningRecord } from '@/utils/records';

/** "26 Nov 2026 · Blog · 5 minutes", and the early-record mark. Page text is shown as text. */
export function RecordSummaryLine(props: { record: LearningRecord }) {
  return (
    <>
      <span class="muted">
        {formatUkDate(props.record.date, 'short')}
        {' · '}
        {props.record.typeLabel ?? KIND_LABELS[props.record.kind]}
        {' · '}
        {formatDuration(props.record.creditedSeconds)}
        {props.record.participatory ? ' · participatory' : ''}
      </span>
      <Show when={props.record.recordedEarly}>
        <span class="record__early">
          Recorded before the stated duration
          {props.record.spentSeconds !== undefined
            ? ` · ${formatDuration(props.record.spentSeconds)} spent`
            : ''}
        </span>
      </Show>
    </>
  );
}
