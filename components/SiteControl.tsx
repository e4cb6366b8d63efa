import { createResource, createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { FormStatus, type FormStatusValue } from '@/components/FormStatus';
import { watchStateOf, type SiteAccess } from '@/utils/site-access/access';
import { setPaused, stopWatchingSite, watchSite } from '@/utils/site-access/choices';
import { loadSiteAccess, onSiteAccessChanged } from '@/utils/site-access/store';

/**
 * The popup's say over where Learnlog watches (issue #8): this site on or off, and pause
 * everything. The page's address is known from `activeTab` (the learner clicked the button)
 * or a host permission; without it only pause is offered.
 */
export function SiteControl(props: {
  tabId: number | undefined;
  /** Called after the page in front was turned on and read, so the popup can look again. */
  onWatched: () => void;
}) {
  const [access, { mutate: setAccess }] = createResource(loadSiteAccess);
  onCleanup(onSiteAccessChanged(setAccess));
  const [pageUrl] = createResource(
    () => props.tabId,
    async (tabId) => {
      const url = (await browser.tabs.get(tabId).catch(() => undefined))?.url;
      try {
        return url ? new URL(url) : undefined;
      } catch {
        return undefined;
      }
    },
  );
  const [status, setStatus] = createSignal<FormStatusValue>(null);
  const state = () => {
    const current = access();
    const url = pageUrl();
    return current && url ? watchStateOf(url, current) : undefined;
  };
  const host = () => pageUrl()?.hostname.toLowerCase() ?? '';

  const report = (result: { ok: boolean; text: string }) =>
    setStatus({ kind: result.ok ? 'saved' : 'error', text: result.text });

  // No await before the permission request: Firefox grants only from the click itself.
  function turnOn(current: SiteAccess) {
    const onWatched = props.onWatched;
    void watchSite(host(), current, props.tabId).then((result) => {
      report(result);
      if (result.ok) onWatched();
    });
  }

  return (
    <Show when={access()}>
      {(current) => (
        <section class="card site-control" aria-labelledby="site-heading">
          <h2 id="site-heading">Where Learnlog watches</h2>
          <Switch>
            <Match when={!pageUrl.loading && !pageUrl()}>
              <p data-testid="site-state" class="muted">
                Open Learnlog from its button on a web page to turn watching on or off there.
              </p>
            </Match>
            <Match when={state() === 'not-web'}>
              <p data-testid="site-state" class="muted">
                Learnlog watches web pages only.
              </p>
            </Match>
            <Match when={current().paused}>
              <p data-testid="site-state">
                Learnlog is paused: it is not watching or timing any page.
              </p>
            </Match>
            <Match when={state() === 'never'}>
              <p data-testid="site-state">
                <bdi>{host()}</bdi> is on your never-watch list.
              </p>
              <button type="button" class="secondary" onClick={() => turnOn(current())}>
                Watch this site
              </button>
            </Match>
            <Match when={state() === 'not-chosen'}>
              <p data-testid="site-state">
                Learnlog is not watching <bdi>{host()}</bdi>.
              </p>
              <button type="button" class="secondary" onClick={() => turnOn(current())}>
                Watch this site
              </button>
            </Match>
            <Match
              when={
                state() === 'all-sites' || state() === 'known-site' || state() === 'chosen-site'
              }
            >
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
