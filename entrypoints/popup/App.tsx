import { createResource, Show } from 'solid-js';
import { CurrentResource } from '@/components/CurrentResource';
import { RecordList } from '@/components/RecordList';
import { resolveTargetTab } from '@/entrypoints/popup/target-tab';
import { getDatabase } from '@/utils/db/database';
import { createLiveQuery } from '@/utils/live-query';
import { sendMessage } from '@/utils/messages/send';

export default function App() {
  const db = getDatabase();
  const [tabId] = createResource(() => resolveTargetTab(location.search));
  const [tabResource] = createResource(tabId, (id) =>
    sendMessage('popup:get-tab-resource', { tabId: id }),
  );
  const progress = createLiveQuery(
    () => tabResource()?.url,
    (url) => (url ? db.resources.get(url) : undefined),
    undefined,
  );

  return (
    <main class="popup">
      <header class="popup__header">
        <h1>Learnlog</h1>
      </header>
      <Show
        when={progress()}
        fallback={
          <section aria-labelledby="current-heading" class="card">
            <h2 id="current-heading">This page</h2>
            <p class="muted" data-testid="no-resource">
              {tabResource.loading || tabId.loading
                ? 'Checking this page…'
                : 'This page is not recognised as a learning resource, so Learnlog is not timing it.'}
            </p>
          </section>
        }
      >
        {(current) => <CurrentResource progress={current()} db={db} />}
      </Show>
      <RecordList db={db} />
    </main>
  );
}
