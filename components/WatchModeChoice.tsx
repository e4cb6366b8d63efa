import { createSignal, Show } from 'solid-js';
import { FormStatus, type FormStatusValue } from '@/components/FormStatus';
import type { SiteAccess } from '@/utils/site-access/access';
import { chooseAllSites, chooseOnlyChosenSites } from '@/utils/site-access/choices';

/**
 * The first-run question (issue #8), also in Settings: "Detect learning on all sites" or "Only
 * on sites I choose". Each button says what the browser will ask, before it asks.
 */
export function WatchModeChoice(props: {
  access: SiteAccess;
  /** False when the learner chose all sites but the browser no longer grants them. */
  allSitesGranted: boolean;
  headingLevel: 'h2' | 'h3';
}) {
  const [status, setStatus] = createSignal<FormStatusValue>(null);
  const current = () =>
    !props.access.chosen
      ? undefined
      : props.access.mode === 'all-sites' && props.allSitesGranted
        ? 'all-sites'
        : 'chosen-sites';

  const report = (result: { ok: boolean; text: string }) =>
    setStatus({ kind: result.ok ? 'saved' : 'error', text: result.text });

  return (
    <div class="watch-mode">
      <Show when={props.access.mode === 'all-sites' && !props.allSitesGranted}>
        <p class="error" role="alert" data-testid="all-sites-missing">
          You chose all sites, but your browser no longer lets Learnlog read them, so it watches
          only the known learning sites and the sites you turned on. Choose again to fix this.
        </p>
      </Show>
      <div class="choice">
        <Show when={props.headingLevel === 'h2'} fallback={<h3>Detect learning on all sites</h3>}>
          <h2>Detect learning on all sites</h2>
        </Show>
        <p>
          Learnlog looks at each page you open to see whether it is a learning resource, such as an
          article, course page, video or podcast. It keeps nothing about any other page.
        </p>
        <p class="muted">
          Your browser will ask you to let Learnlog “read and change” data on all websites. That is
          how browsers describe reading pages; Learnlog does not change them.
        </p>
        <button
          type="button"
          data-testid="choose-all-sites"
          aria-pressed={current() === 'all-sites'}
          onClick={() => void chooseAllSites().then(report)}
        >
          Detect learning on all sites
        </button>
      </div>
      <div class="choice">
        <Show when={props.headingLevel === 'h2'} fallback={<h3>Only on sites I choose</h3>}>
          <h2>Only on sites I choose</h2>
        </Show>
        <p>
          Learnlog watches only the known learning sites listed below and the sites you turn on with
          its button in the browser’s toolbar (“Watch this site”).
        </p>
        <button
          type="button"
          data-testid="choose-chosen-sites"
          aria-pressed={current() === 'chosen-sites'}
          onClick={() => void chooseOnlyChosenSites().then(report)}
        >
          Only on sites I choose
        </button>
      </div>
      <FormStatus status={status()} testId="watch-mode-status" />
    </div>
  );
}
