import { createSignal, Show, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { FormStatus, statusOf, type FormStatusValue } from '@/components/ui/FormStatus';
import type { SiteAccess } from '@/utils/site-access/access';
import {
  chooseAllSites,
  chooseOnlyChosenSites,
  type ChoiceResult,
} from '@/utils/site-access/choices';

/**
 * The first-run question, also in Settings: "Detect learning on all sites" or "Only
 * on sites I choose". Each choice says what the browser will ask, before it asks.
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

  // The browser's permission request is the first thing the click does (see choices.ts).
  const choose = (action: () => Promise<ChoiceResult>) => () =>
    void action().then((result) => setStatus(statusOf(result)));

  return (
    <div class="watch-mode">
      <Show when={props.access.mode === 'all-sites' && !props.allSitesGranted}>
        <p class="error" data-testid="all-sites-missing">
          You chose all sites, but your browser no longer lets Learnlog read them, so it watches
          only the known learning sites and the sites you turned on. Choose again to fix this.
        </p>
      </Show>
      <Choice
        heading="Detect learning on all sites"
        headingLevel={props.headingLevel}
        testId="choose-all-sites"
        pressed={current() === 'all-sites'}
        onChoose={choose(chooseAllSites)}
      >
        <p>
          Learnlog looks at each page you open to see whether it is a learning resource, such as an
          article, course page, video or podcast. It keeps nothing about any other page.
        </p>
        <p class="muted">
          Your browser will ask you to let Learnlog “read and change” data on all websites. That is
          how browsers describe reading pages; Learnlog does not change them.
        </p>
      </Choice>
      <Choice
        heading="Only on sites I choose"
        headingLevel={props.headingLevel}
        testId="choose-chosen-sites"
        pressed={current() === 'chosen-sites'}
        onChoose={choose(chooseOnlyChosenSites)}
      >
        <p>
          Learnlog watches only the known learning sites listed below and the sites you turn on with
          its button in the browser’s toolbar (“Watch this site”).
        </p>
      </Choice>
      <FormStatus status={status()} testId="watch-mode-status" />
    </div>
  );
}

/** One choice: a heading, what it means, and a button named like the heading. */
function Choice(props: {
  heading: string;
  headingLevel: 'h2' | 'h3';
  testId: string;
  pressed: boolean;
  onChoose: () => void;
  children: JSX.Element;
}) {
  return (
    <div class="choice">
      <Dynamic component={props.headingLevel}>{props.heading}</Dynamic>
      {props.children}
      <button
        type="button"
        data-testid={props.testId}
        aria-pressed={props.pressed}
        onClick={() => props.onChoose()}
      >
        {props.heading}
      </button>
    </div>
  );
}
