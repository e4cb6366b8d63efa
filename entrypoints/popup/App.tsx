import { browser } from '#imports';
import { createEffect, createMemo, createResource, lazy, onCleanup, Show } from 'solid-js';
import { CurrentResource } from '@/components/popup/CurrentResource';
import { NotResourceReason } from '@/components/popup/NotResourceReason';
import { RecentLearning } from '@/components/popup/RecentLearning';
import { createSyncStatus } from '@/components/sync/sync-status-signal';
import { resolveTargetTab } from '@/entrypoints/popup/target-tab';
import { getDatabase } from '@/utils/db/database';
import { unstoredProgress } from '@/utils/db/resources-store';
import { createLiveQuery } from '@/utils/live-query';
import { sendMessage } from '@/utils/messages/send';
import { REGULATORS } from '@/utils/profile/regulators';
import { requiredMsFor } from '@/utils/settings';
import { loadSettings, onSettingsChanged } from '@/utils/settings-store';

/**
 * Loaded after the page's own content: the learner opens the popup mostly to see their
 * progress, and its site controls must not slow that (the 150 ms target).
 */
const SiteControl = lazy(() => import('@/components/popup/SiteControl'));
/** Loaded only when the page shows a resource: it asks the page about its frames. */
const FrameNotice = lazy(() => import('@/components/popup/FrameNotice'));
/** Loaded only when sync is on: most learners never sync, and the popup must open fast. */
const SyncStatusNotice = lazy(() => import('@/components/sync/SyncStatusNotice'));

export default function App() {
  const db = getDatabase();
  // Opened at once, alongside the settings and the tab lookup, not after them.
  db.open().catch(() => undefined);
  const [tabId] = createResource(() => resolveTargetTab(location.search));
  const [tabResource, { refetch: lookAgain }] = createResource(tabId, (id) =>
    sendMessage('popup:get-tab-resource', { tabId: id }),
  );
  /**
   * The tab has been asked at least once. Asking again (below) keeps the last answer on screen:
   * `loading` would be true meanwhile, and what depends on it would close and open again.
   */
  const tabAsked = () => tabResource.state !== 'unresolved' && tabResource.state !== 'pending';
  /** After a site is turned on, its page is read within a second or two. */
  function watchForResource(tries = 10) {
    if (tries === 0 || tabResource()) return;
    setTimeout(() => {
      void lookAgain();
      watchForResource(tries - 1);
    }, 500);
  }
  const [settings, { mutate: setSettings }] = createResource(loadSettings);
  onCleanup(onSettingsChanged(setSettings));
  // A memo: asking the tab again returns a new object for the same address, and the query must
  // not start over each time.
  const tabUrl = createMemo(() => tabResource()?.detection.url);
  const stored = createLiveQuery(
    tabUrl,
    (url) => (url ? db.resources.get(url) : undefined),
    undefined,
  );
  /**
   * The resource as stored, or, before enough time has counted on it to store it, as the page
   * described it with the time the tab holds.
   */
  const progress = createMemo(() => {
    const tab = tabResource();
    if (!tab) return undefined;
    return stored() ?? unstoredProgress(tab.detection, tab.unstoredMs, Date.now());
  });
  // Time the tab holds is not in the database, so no live query sees it grow: asked again each
  // second until the resource is stored.
  createEffect(() => {
    if (!tabResource() || stored()) return;
    const timer = setInterval(() => void lookAgain(), 1_000);
    onCleanup(() => clearInterval(timer));
  });

  const syncStatus = createSyncStatus();

  async function openLog(hash = '') {
    await browser.tabs.create({ url: browser.runtime.getURL(`/log.html${hash}`) });
    window.close();
  }

  return (
    <main class="popup">
      <header class="popup__header">
        <h1>Learnlog</h1>
        <nav class="header-links" aria-label="Learnlog pages">
          <button type="button" class="link-button" onClick={() => void openLog()}>
            Learning log
          </button>
          <button
            type="button"
            class="link-button"
            onClick={() => void browser.runtime.openOptionsPage()}
          >
            Settings
          </button>
        </nav>
      </header>
      <Show when={syncStatus().state !== 'off'}>
        <SyncStatusNotice db={db} status={syncStatus()} problemsOnly />
      </Show>
      <Show
        when={settings() && progress()}
        fallback={
          <section aria-labelledby="current-heading" class="card">
            <h2 id="current-heading">This page</h2>
            <p class="muted" data-testid="no-resource">
              {!tabAsked() || tabId.loading ? (
                'Checking this page…'
              ) : (
                <NotResourceReason tabId={tabId()} />
              )}
            </p>
          </section>
        }
      >
        {(current) => (
          <>
            <CurrentResource
              progress={current()}
              requiredMs={requiredMsFor(current().durationSeconds, settings()!)}
              regulator={REGULATORS[settings()!.profile.regulator]}
              db={db}
            />
            <Show when={tabId()}>{(id) => <FrameNotice tabId={id()} />}</Show>
          </>
        )}
      </Show>
      <Show when={settings() && tabAsked() && !tabId.loading}>
        <SiteControl tabId={tabId()} onWatched={() => watchForResource()} />
      </Show>
      <RecentLearning
        db={db}
        profile={settings()?.profile}
        onOpenLog={(hash) => void openLog(hash)}
      />
    </main>
  );
}
