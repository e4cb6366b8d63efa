import { browser } from '#imports';
import { createResource, createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { FormStatus, statusOf, type FormStatusValue } from '@/components/ui/FormStatus';
import {
  hostFromInput,
  isWatchingState,
  neverEntriesCovering,
  watchStateOf,
  type SiteAccess,
} from '@/utils/site-access/access';
import { setPaused, stopWatchingSite, watchSite } from '@/utils/site-access/choices';
import {
  loadSiteAccess,
  onSiteAccessChanged,
  siteGranted,
} from '@/utils/site-access/site-access-store';

/**
 * The popup's say over where Learnlog watches: this site on or off, and pause
 * everything. The page's address is known from `activeTab` (the learner clicked the button)
 * or a host permission; without it only pause is offered.
 */
export default function SiteControl(props: {
  tabId: number | undefined;
  /** Called after the page in front was turned on and read, so the popup can look again. */
  onWatched: () => void;
}) {
  const [access, { mutate: setAccess }] = createResource(loadSiteAccess);
  onCleanup(onSiteAccessChanged(setAccess));
  /** The page in front, and whether the browser grants its site now (ports ignored). */
  const [page] = createResource(
    () => props.tabId,
    async (tabId) => {
      const address = (await browser.tabs.get(tabId).catch(() => undefined))?.url;
      if (!address || !URL.canParse(address)) return undefined;
      const url = new URL(address);
      return { url, host: hostFromInput(url.href), granted: await siteGranted(url) };
    },
  );
  const [status, setStatus] = createSignal<FormStatusValue>(null);
  let heading: HTMLHeadingElement | undefined;
  const state = () => {
    const current = access();
    const shown = page();
    if (!current || !shown) return undefined;
    const byChoice = watchStateOf(shown.url, current);
    if (byChoice !== 'not-web' && !shown.host) return 'unusable';
    // Chosen, but the browser no longer grants the site: offer to ask again.
    if (isWatchingState(byChoice) && !shown.granted) return 'not-granted';
    return byChoice;
  };
  const host = () => page()?.host ?? '';

  /** The button pressed may be gone: focus goes to the section's heading, then the result. */
  const report = (result: { ok: boolean; text: string }) => {
    setStatus(statusOf(result));
    heading?.focus();
  };

  // No await before the permission request: Firefox grants only from the click itself.
  function turnOn(current: SiteAccess) {
    const onWatched = props.onWatched;
    void watchSite(host(), current, page()?.granted ?? false, props.tabId).then((result) => {
      report(result);
      if (result.ok) onWatched();
    });
  }

  return (
    <Show when={access()}>
      {(current) => (
        <section class="card site-control" aria-labelledby="site-heading">
          <h2 id="site-heading" tabindex="-1" ref={heading}>
            Where Learnlog watches
          </h2>
          <Switch>
            <Match when={!page.loading && !page()}>
              <p data-testid="site-state" class="muted">
                Open Learnlog from its button on a web page to turn watching on or off there.
              </p>
            </Match>
            <Match when={state() === 'not-web'}>
              <p data-testid="site-state" class="muted">
                Learnlog watches web pages only.
              </p>
            </Match>
            <Match when={state() === 'unusable'}>
              <p data-testid="site-state" class="muted">
                Learnlog cannot watch pages at this address.
              </p>
            </Match>
            <Match when={current().paused}>
              <p data-testid="site-state">
                Learnlog is paused: it is not watching or timing any page.
              </p>
            </Match>
            <Match when={state() === 'never'}>
              <p data-testid="site-state">
                Your never-watch list includes{' '}
                <bdi>{neverEntriesCovering(host(), current().neverWatch).join(', ')}</bdi>, so
                Learnlog does not watch <bdi>{host()}</bdi>.
              </p>
              <button type="button" class="secondary" onClick={() => turnOn(current())}>
                Watch this site
              </button>
            </Match>
            <Match when={state() === 'not-chosen' || state() === 'not-granted'}>
              <p data-testid="site-state">
                Learnlog is not watching <bdi>{host()}</bdi>.
              </p>
              <button type="button" class="secondary" onClick={() => turnOn(current())}>
                Watch this site
              </button>
            </Match>
            <Match when={isWatchingState(state())}>
              <p data-testid="site-state">
                Learnlog watches <bdi>{host()}</bdi> for learning.
              </p>
              <button
                type="button"
                class="secondary"
                onClick={() => void stopWatchingSite(host(), current()).then(report)}
              >
                Stop watching this site
              </button>
            </Match>
          </Switch>
          <div class="actions">
            <button
              type="button"
              class="secondary"
              data-testid="pause"
              onClick={() => void setPaused(!current().paused).then(report)}
            >
              {current().paused ? 'Resume Learnlog' : 'Pause Learnlog'}
            </button>
          </div>
          <FormStatus status={status()} testId="site-status" />
        </section>
      )}
    </Show>
  );
}
