import { browser } from '#imports';
import { Show } from 'solid-js';
import { KnownSitesList } from '@/components/site-access/KnownSitesList';
import { WatchModeChoice } from '@/components/site-access/WatchModeChoice';
import { createSiteAccessView } from '@/components/site-access/site-access-signal';

/** Opened once, on installation: where may Learnlog look for learning? */
export default function App() {
  const view = createSiteAccessView();
  return (
    <main class="page">
      <h1>Welcome to Learnlog</h1>
      <p>
        Learnlog times the learning you do on the web, such as articles, e-learning pages, videos
        and podcasts, so that you can record it as CPD with your reflection. To do that it has to
        look at the pages you open. You choose where.
      </p>
      <Show when={view()} fallback={<p class="muted">Loading…</p>}>
        {(current) => (
          <WatchModeChoice
            access={current().access}
            allSitesGranted={current().allSitesGranted}
            headingLevel="h2"
          />
        )}
      </Show>
      <h2>Known learning sites</h2>
      <p>Learnlog watches these from the start. You can stop any of them in Settings.</p>
      <KnownSitesList />
      <h2>Whatever you choose</h2>
      <ul>
        <li>Private windows are never watched, and nothing from them is kept.</li>
        <li>
          Nothing is kept about pages that are not learning resources. What Learnlog keeps stays in
          this browser unless you turn on sync with your organisation.
        </li>
        <li>
          Use Learnlog’s button in the toolbar to pause it, or to stop watching the site you are on.
          Settings has your list of sites never to watch.
        </li>
      </ul>
      <p>
        <a href={browser.runtime.getURL('/options.html')}>Open Learnlog settings</a>
      </p>
    </main>
  );
}
