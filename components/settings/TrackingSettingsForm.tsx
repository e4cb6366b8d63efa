import { browser } from '#imports';
import { createSignal } from 'solid-js';
import { FormStatus, type FormStatusValue } from '@/components/ui/FormStatus';
import { NumberSetting } from '@/components/ui/NumberSetting';
import type { Settings } from '@/utils/settings';
import { validateAndSaveSection } from '@/utils/settings-store';

/** How Learnlog measures time: idle threshold, required percentage, "ready" notification. */
export function TrackingSettingsForm(props: { initial: Settings }) {
  const initial = props.initial.tracking;
  const [idleSeconds, setIdleSeconds] = createSignal(String(initial.idleSeconds));
  const [requiredPercent, setRequiredPercent] = createSignal(String(initial.requiredPercent));
  const [notify, setNotify] = createSignal(initial.notifyWhenReady);
  const [forgetDays, setForgetDays] = createSignal(String(initial.forgetTimingAfterDays));
  const [status, setStatus] = createSignal<FormStatusValue>(null);

  async function changeNotify(checked: boolean) {
    // The permission is asked for only now, from the learner's own click (least privilege).
    if (checked) {
      const granted = await browser.permissions
        .request({ permissions: ['notifications'] })
        .catch(() => false);
      if (!granted) {
        setNotify(false);
        setStatus({
          kind: 'error',
          text: 'Learnlog was not allowed to show notifications, so this stays off.',
        });
        return;
      }
    }
    setNotify(checked);
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setStatus(
      await validateAndSaveSection(
        'tracking',
        {
          idleSeconds: Number(idleSeconds()),
          requiredPercent: Number(requiredPercent()),
          notifyWhenReady: notify(),
          forgetTimingAfterDays: Number(forgetDays()),
        },
        'Settings saved.',
      ),
    );
  }

  return (
    <form class="card settings" onSubmit={submit} novalidate aria-labelledby="tracking-heading">
      <h2 id="tracking-heading">Measuring your time</h2>
      <p class="muted">
        Time counts only while the page is in front, its window is in use and you are there: you
        have used the keyboard, mouse or touch screen recently, or the page’s video or audio is
        playing.
      </p>
      <NumberSetting
        id="idle-seconds"
        label="Count me as away after this many seconds without input"
        help="From 15 seconds to 10 minutes (600 seconds). Default: 60."
        min={15}
        max={600}
        step={1}
        value={idleSeconds()}
        onInput={setIdleSeconds}
      />
      <NumberSetting
        id="required-percent"
        label="Time required before recording, as a percentage of the stated duration"
        help="From 25 % to 200 %. Default: 100 %, the time the page states."
        min={25}
        max={200}
        step={5}
        value={requiredPercent()}
        onInput={setRequiredPercent}
      />
      <div class="checkbox">
        <input
          id="notify-ready"
          type="checkbox"
          checked={notify()}
          onChange={(e) => void changeNotify(e.currentTarget.checked)}
        />
        <label for="notify-ready">Tell me with a notification when I can record a resource</label>
      </div>
      <NumberSetting
        id="forget-timing-days"
        label="Forget the time counted on pages I have not recorded after this many days"
        help="From 1 to 365 days. Default: 30. Pages you record keep their time in the record."
        min={1}
        max={365}
        step={1}
        value={forgetDays()}
        onInput={setForgetDays}
      />
      <button type="submit" data-testid="save-settings">
        Save settings
      </button>
      <FormStatus status={status()} testId="settings-status" />
    </form>
  );
}
