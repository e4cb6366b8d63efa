import { Show } from 'solid-js';
import { formatDuration } from '@/utils/duration';
import { formatUkDate } from '@/utils/iso-date';
import { describeGoal, periodWords, type LearningSummary } from '@/utils/profile/goals';
import { REGULATORS } from '@/utils/profile/regulators';
import type { ProfileSettings } from '@/utils/settings';

const hours = formatDuration;

function Progress(props: { id: string; label: string; value: number; max: number }) {
  const percent = () => Math.min(100, Math.floor((props.value / props.max) * 100));
  return (
    <>
      <span id={props.id} class="goal__label">
        {props.label}
      </span>
      <progress aria-labelledby={props.id} max="100" value={percent()}>
        {percent()}%
      </progress>
    </>
  );
}

/** Totals this month, this year and this cycle, against the learner's goal. */
export function GoalSummary(props: { summary: LearningSummary; profile: ProfileSettings }) {
  const regulator = () => REGULATORS[props.profile.regulator];
  const cycleWords = () =>
    props.summary.cycle.dateKnown
      ? `This cycle (${formatUkDate(props.summary.cycle.start, 'short')} to ${formatUkDate(props.summary.cycle.end, 'short')})`
      : `The last ${periodWords(props.summary.cycle.months).replace(/^a /, '')}`;
  const targets = () => props.summary.targets;

  return (
    <div class="goal" data-testid="goal-summary">
      <dl class="totals">
        <div>
          <dt>This month</dt>
          <dd data-testid="total-month">{hours(props.summary.monthSeconds)}</dd>
        </div>
        <div>
          <dt>This year</dt>
          <dd data-testid="total-year">{hours(props.summary.yearSeconds)}</dd>
        </div>
        <div>
          <dt>{cycleWords()}</dt>
          <dd data-testid="total-cycle">{hours(props.summary.cycleSeconds)}</dd>
        </div>
      </dl>
      <Show when={targets().seconds}>
        {(target) => (
          <Progress
            id="goal-hours"
            label={`${hours(props.summary.cycleSeconds)} of your ${hours(target())} goal`}
            value={props.summary.cycleSeconds}
            max={target()}
          />
        )}
      </Show>
      <Show when={targets().participatorySeconds}>
        {(target) => (
          <Progress
            id="goal-participatory"
            label={`${hours(props.summary.participatorySeconds)} of ${hours(target())} participatory`}
            value={props.summary.participatorySeconds}
            max={target()}
          />
        )}
      </Show>
      <Show when={targets().records}>
        {(target) => (
          <Progress
            id="goal-records"
            label={`${props.summary.cycleRecords} of ${target()} records this year`}
            value={props.summary.cycleRecords}
            max={target()}
          />
        )}
      </Show>
      <Show when={targets().plannedRecords}>
        {(target) => (
          <Progress
            id="goal-planned"
            label={`${props.summary.plannedRecords} of ${target()} planned`}
            value={props.summary.plannedRecords}
            max={target()}
          />
        )}
      </Show>
      <p class="muted" data-testid="goal-words">
        <Show when={props.summary.goalMet === true}>
          <strong class="notice">Goal met for this cycle. </strong>
        </Show>
        {props.profile.regulator === 'none' ? '' : `${regulator().name}: `}
        {describeGoal(props.profile)}
        <Show when={!props.summary.cycle.dateKnown && props.profile.regulator !== 'none'}>
          {` Add ${regulator()
            .cycleDateLabel.toLowerCase()
            .replace(/^your /, 'your ')} in Settings to count your own cycle.`}
        </Show>
      </p>
    </div>
  );
}
