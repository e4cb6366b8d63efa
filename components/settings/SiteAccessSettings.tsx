import { createSignal, For, Show } from 'solid-js';
import { FormStatus, statusOf, type FormStatusValue } from '@/components/ui/FormStatus';
import { KnownSitesList } from '@/components/site-access/KnownSitesList';
import { TextField } from '@/components/ui/TextField';
import { WatchModeChoice } from '@/components/site-access/WatchModeChoice';
import { createSiteAccessView } from '@/components/site-access/site-access-signal';
import { hostFromInput } from '@/utils/site-access/access';
import {
  addNeverWatch,
  removeChosenSite,
  removeNeverWatch,
  setPaused,
} from '@/utils/site-access/choices';

/** Settings → Where Learnlog watches: mode, pause, chosen sites, never-watch list. */
export function SiteAccessSettings() {
  const view = createSiteAccessView();
  const [status, setStatus] = createSignal<FormStatusValue>(null);
  const [newSite, setNewSite] = createSignal('');
  const report = (result: { ok: boolean; text: string }) => setStatus(statusOf(result));

  async function addSite(event: SubmitEvent) {
    event.preventDefault();
    const host = hostFromInput(newSite());
    if (!host) {
      report({
        ok: false,
        text: 'That is not a web site address. Type it like www.example.org. Nothing was changed.',
      });
      return;
    }
    const result = await addNeverWatch(host);
    report(result);
    if (result.ok) setNewSite('');
  }

  return (
    <section class="card settings" aria-labelledby="sites-heading">
      <h2 id="sites-heading">Where Learnlog watches</h2>
      <Show when={view()} fallback={<p class="muted">Loading…</p>}>
        {(current) => (
          <>
            <WatchModeChoice
              access={current().access}
              allSitesGranted={current().allSitesGranted}
              headingLevel="h3"
            />
            <div class="checkbox">
              <input
                id="pause-all"
                type="checkbox"
                checked={current().access.paused}
                onChange={(e) => void setPaused(e.currentTarget.checked).then(report)}
              />
              <label for="pause-all">Pause Learnlog: watch and time nothing until I resume</label>
            </div>
            <Show when={current().access.sites.length > 0}>
              <h3>Sites you turned on</h3>
              <SiteList
                hosts={current().access.sites}
                testId="chosen-sites"
                removeLabel={(host) => `Remove ${host} from the sites you turned on`}
                onRemove={(host) => void removeChosenSite(host).then(report)}
              />
            </Show>
            <h3>Sites never to watch</h3>
            <p class="muted">Their subdomains are never watched either, in any mode.</p>
            <Show
              when={current().access.neverWatch.length > 0}
              fallback={<p data-testid="never-watch-empty">No sites yet.</p>}
            >
              <SiteList
                hosts={current().access.neverWatch}
                testId="never-watch"
                removeLabel={(host) => `Remove ${host} from the never-watch list`}
                onRemove={(host) => void removeNeverWatch(host).then(report)}
              />
            </Show>
            <form onSubmit={(e) => void addSite(e)} novalidate>
              <TextField
                id="never-watch-site"
                label="Add a site never to watch"
                help="For example www.example.org or a page address from that site."
                value={newSite()}
                onInput={setNewSite}
              />
              <button type="submit" data-testid="add-never-watch">
                Add to the never-watch list
              </button>
            </form>
            <h3>Known learning sites</h3>
            <p class="muted">
              Watched from installation in either mode. To stop one, add its address to the
              never-watch list.
            </p>
            <KnownSitesList />
            <FormStatus status={status()} testId="sites-status" />
          </>
        )}
      </Show>
    </section>
  );
}

/** A list of hosts, each with a "Remove" button whose accessible name says what it does. */
function SiteList(props: {
  hosts: readonly string[];
  testId: string;
  removeLabel: (host: string) => string;
  onRemove: (host: string) => void;
}) {
  return (
    <ul class="site-list" data-testid={props.testId}>
      <For each={props.hosts}>
        {(host) => (
          <li>
            <bdi>{host}</bdi>
            <button
              type="button"
              class="secondary"
              aria-label={props.removeLabel(host)}
              onClick={() => props.onRemove(host)}
            >
              Remove
            </button>
          </li>
        )}
      </For>
    </ul>
  );
}
