import { createSignal, For, Show } from 'solid-js';
import { FormStatus, type FormStatusValue } from '@/components/ui/FormStatus';
import { NumberSetting } from '@/components/ui/NumberSetting';
import { describeGoal } from '@/utils/profile/goals';
import { REGULATOR_IDS, REGULATORS, type RegulatorId } from '@/utils/profile/regulators';
import { ProfileSettingsSchema, type ProfileSettings } from '@/utils/settings';
import { validateAndSaveSection } from '@/utils/settings-store';

/**
 * The learner's regulator or profession: it sets the reflection prompts, the
 * standards a record can relate to and the goal for the cycle.
 */
export function ProfileSettingsForm(props: { initial: ProfileSettings }) {
  // The form takes a copy once and then owns it.
  const initial = props.initial;
  const [regulator, setRegulator] = createSignal<RegulatorId>(initial.regulator);
  const [cycleEndDate, setCycleEndDate] = createSignal(initial.cycleEndDate ?? '');
  const [goalHours, setGoalHours] = createSignal(initial.goalHours?.toString() ?? '');
  const [cycleMonths, setCycleMonths] = createSignal(initial.cycleMonths?.toString() ?? '');
  const [status, setStatus] = createSignal<FormStatusValue>(null);

  const chosen = () => REGULATORS[regulator()];
  const asksHours = () => {
    const goal = chosen().goal;
    return goal.kind === 'hours' && goal.hours === undefined;
  };
  const asksCycle = () => {
    const goal = chosen().goal;
    return goal.kind === 'hours' && goal.learnerSetsCycle;
  };
  const optionalNumber = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const candidate = () => ({
    regulator: regulator(),
    ...(cycleEndDate() ? { cycleEndDate: cycleEndDate() } : {}),
    ...(asksHours() && optionalNumber(goalHours()) !== undefined
      ? { goalHours: optionalNumber(goalHours()) }
      : {}),
    ...(asksCycle() && optionalNumber(cycleMonths()) !== undefined
      ? { cycleMonths: optionalNumber(cycleMonths()) }
      : {}),
  });
  const goalWords = () => {
    const parsed = ProfileSettingsSchema.safeParse(candidate());
    return describeGoal(parsed.success ? parsed.data : { regulator: regulator() });
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setStatus(await validateAndSaveSection('profile', candidate(), 'Profile saved.'));
  }

  return (
    <form class="card settings" onSubmit={submit} novalidate aria-labelledby="profile-heading">
      <h2 id="profile-heading">Your profession and goal</h2>
      <p class="muted">
        This sets the reflection questions, the standards you can link learning to and the goal
        Learnlog shows your progress against.
      </p>
      <fieldset class="choices">
        <legend>Your regulator</legend>
        <For each={REGULATOR_IDS}>
          {(id) => (
            <div class="radio">
              <input
                id={`regulator-${id}`}
                type="radio"
                name="regulator"
                value={id}
                checked={regulator() === id}
                aria-describedby={`regulator-${id}-who`}
                onChange={() => setRegulator(id)}
              />
              <label for={`regulator-${id}`}>{REGULATORS[id].name}</label>
              <span id={`regulator-${id}-who`} class="muted hint">
                {REGULATORS[id].who}
              </span>
            </div>
          )}
        </For>
      </fieldset>
      <label for="cycle-end-date">{chosen().cycleDateLabel} (optional)</label>
      <input
        id="cycle-end-date"
        type="date"
        aria-describedby="cycle-end-date-help"
        value={cycleEndDate()}
        onInput={(e) => setCycleEndDate(e.currentTarget.value)}
        data-testid="cycle-end-date"
      />
      <p id="cycle-end-date-help" class="muted">
        Learnlog counts your cycle back from this date. Without it, it counts the cycle that ends
        today.
      </p>
      <Show when={asksHours()}>
        <NumberSetting
          id="goal-hours"
          label="Your goal, in hours"
          help="Optional. Your regulator sets no hours; use your employer's or your own."
          min={1}
          max={1000}
          step={1}
          value={goalHours()}
          onInput={setGoalHours}
        />
      </Show>
      <Show when={asksCycle()}>
        <NumberSetting
          id="cycle-months"
          label="Length of your period, in months"
          help="From 1 to 60 months. Default: 12."
          min={1}
          max={60}
          step={1}
          value={cycleMonths()}
          onInput={setCycleMonths}
        />
      </Show>
      <p class="goal-words" data-testid="profile-goal">
        {goalWords()}
      </p>
      <button type="submit" data-testid="save-profile">
        Save profile
      </button>
      <FormStatus status={status()} testId="profile-status" />
    </form>
  );
}
