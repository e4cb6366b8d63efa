import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  on,
  onCleanup,
  onMount,
  Show,
} from 'solid-js';
import { createStore } from 'solid-js/store';
import { GoalSummary } from '@/components/GoalSummary';
import { LogFilters } from '@/components/log/LogFilters';
import { LogList } from '@/components/log/LogList';
import { RecordEditor } from '@/components/log/RecordEditor';
import { TransferPanel } from '@/components/log/TransferPanel';
import { getDatabase } from '@/utils/db/database';
import { repairDayTotals } from '@/utils/db/day-totals';
import { deleteRecord, undoDelete } from '@/utils/db/records-store';
import { formatDuration } from '@/utils/duration';
import { localIsoDate } from '@/utils/iso-date';
import { createLiveQuery } from '@/utils/live-query';
import {
  EMPTY_FILTER,
  facetsOf,
  filterRecords,
  indexRecords,
  sortRecords,
  type LogFilter,
  type LogSort,
} from '@/utils/log-filter';
import { summariseLearning } from '@/utils/profile/goals';
import { REGULATORS } from '@/utils/profile/regulators';
import type { LearningRecord } from '@/utils/records';
import { loadSettings, onSettingsChanged } from '@/utils/settings-store';
import { requestSync } from '@/utils/sync/request-sync';
import { recordSyncView } from '@/utils/sync/record-state';
import { SyncStatusNotice } from '@/components/SyncStatusNotice';
import { createSyncStatus } from '@/components/sync-status-signal';
import type { RecordSyncState } from '@/utils/db/outbox';

type Editing = { record?: LearningRecord; opener?: HTMLElement } | undefined;

/** The full-page learning log (issue #5): goal, search, filters, sorting, edit, delete with undo. */
export default function App() {
  const db = getDatabase();
  const today = localIsoDate(new Date());
  const [settings, { mutate: setSettings }] = createResource(loadSettings);
  onCleanup(onSettingsChanged(setSettings));
  // Every record, deleted ones included (a full backup keeps them); the log shows live ones.
  const everyRecord = createLiveQuery(
    () => db,
    (database) => database.records.toArray(),
    undefined,
  );
  const records = createMemo(() => everyRecord()?.filter((record) => !record.deletedAt));

  // The popup's totals come from the day-totals table; the log holds every record, so it checks
  // them and rebuilds the table if they ever disagree.
  createEffect(
    on(records, (all) => {
      if (all) void repairDayTotals(db, all).catch(() => undefined);
    }),
  );

  // Each record's sync state (issue #7): waiting in the outbox, synced, or refused and why.
  const syncStatus = createSyncStatus();
  const queuedIds = createLiveQuery(
    () => db,
    async (database) => new Set(await database.outbox.toCollection().primaryKeys()),
    new Set<string>(),
  );
  const syncStates = createLiveQuery(
    () => db,
    async (database) =>
      new Map((await database.syncStates.toArray()).map((state) => [state.recordId, state])),
    new Map<string, RecordSyncState>(),
  );
  const syncViewOf = (record: LearningRecord) =>
    recordSyncView(record, queuedIds().has(record.id), syncStates().get(record.id), syncStatus());

  const [filter, setFilter] = createStore<LogFilter>({ ...EMPTY_FILTER });
  const [sort, setSort] = createSignal<LogSort>('newest');
  const indexed = createMemo(() => indexRecords(records() ?? []));
  const sorted = createMemo(() => sortRecords(indexed(), sort()));
  const results = createMemo(() => filterRecords(sorted(), { ...filter }));
  const facets = createMemo(() => facetsOf(indexed()));
  const summary = createMemo(() => {
    const current = settings();
    const all = records();
    return current && all ? summariseLearning(all, current.profile, today) : undefined;
  });
  const resultSeconds = createMemo(() =>
    results().reduce((sum, record) => sum + record.creditedSeconds, 0),
  );

  // The popup's "Export" opens the log at #export: the export section takes the focus.
  const openedForExport = location.hash === '#export';
  const [editing, setEditing] = createSignal<Editing>();
  const [message, setMessage] = createSignal('');
  const [deleted, setDeleted] = createSignal<LearningRecord>();
  let undoButton: HTMLButtonElement | undefined;
  let messageElement: HTMLParagraphElement | undefined;

  onMount(() => {
    // The popup's "Add other learning" opens the log at #add.
    if (location.hash === '#add') {
      history.replaceState(null, '', location.pathname);
      setEditing({});
    }
  });

  function closeEditor(saved?: string) {
    const opener = editing()?.opener;
    setEditing(undefined);
    if (saved) setMessage(saved);
    opener?.focus();
  }

  async function remove(record: LearningRecord) {
    await deleteRecord(db, record.id, Date.now());
    requestSync();
    setDeleted(record);
    setMessage('');
    // The row is gone; focus goes to "Undo" so a keyboard user is not left on the page's body.
    queueMicrotask(() => undoButton?.focus());
  }

  async function undo() {
    const record = deleted();
    if (!record) return;
    await undoDelete(db, record.id, Date.now());
    requestSync();
    setDeleted(undefined);
    setMessage(`Restored “${record.title}”.`);
    // "Undo" has gone; focus goes to the message so keyboard and screen reader users hear it.
    queueMicrotask(() => messageElement?.focus());
  }

  const count = (value: number) => value.toLocaleString('en-GB');
  // Where focus goes when the undo bar is dismissed: back to the top of the records.
  const searchField = () => document.querySelector<HTMLInputElement>('#log-search');

  return (
    <main class="page page--wide">
      <header class="log-header">
        <h1>Your learning log</h1>
        <div class="actions">
          <button
            type="button"
            data-testid="add-learning"
            onClick={(event) => setEditing({ opener: event.currentTarget })}
          >
            Add learning
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => void browser.runtime.openOptionsPage()}
          >
            Settings and goal
          </button>
        </div>
      </header>
      <Show when={summary()}>
        {(current) => (
          <section class="card" aria-labelledby="goal-heading">
            <h2 id="goal-heading">Your progress</h2>
            <GoalSummary summary={current()} profile={settings()!.profile} />
          </section>
        )}
      </Show>
      <SyncStatusNotice db={db} status={syncStatus()} problemsOnly />
      <h2 class="log-records-heading">Your records</h2>
      <LogFilters
        filter={filter}
        setFilter={setFilter}
        sort={sort()}
        setSort={setSort}
        facets={facets()}
      />
      <p class="log-status" role="status" data-testid="log-status">
        {records() === undefined
          ? 'Loading your learning log…'
          : results().length === indexed().length
            ? `${count(results().length)} ${results().length === 1 ? 'record' : 'records'}, ${formatDuration(resultSeconds())} in all`
            : `Showing ${count(results().length)} of ${count(indexed().length)} records, ${formatDuration(resultSeconds())} in all`}
      </p>
      <Show when={message()}>
        <p
          class="notice"
          role="status"
          tabIndex={-1}
          ref={messageElement}
          data-testid="log-message"
        >
          {message()}
        </p>
      </Show>
      <Show
        when={results().length > 0}
        fallback={
          <Show when={records() !== undefined}>
            <p class="muted" data-testid="log-empty">
              {indexed().length === 0
                ? 'No learning recorded yet. Records you make from the toolbar popup, and learning you add here, appear in this log.'
                : 'No records match your search and filters.'}
            </p>
          </Show>
        }
      >
        <LogList
          records={results()}
          scrollResetKey={JSON.stringify({ ...filter, sort: sort() })}
          onEdit={(record, opener) => setEditing({ record, opener })}
          onDelete={(record) => void remove(record)}
          syncViewOf={syncViewOf}
        />
      </Show>
      <Show when={settings()}>
        {(current) => (
          <TransferPanel
            settings={current()}
            allRecords={() => everyRecord() ?? []}
            shownRecords={results}
            totalCount={indexed().length}
            filtered={results().length !== indexed().length}
            focusOnOpen={openedForExport}
          />
        )}
      </Show>
      <Show when={deleted()}>
        {(record) => (
          <div class="undo-bar" data-testid="undo-bar">
            <p role="status">
              Deleted “<span dir="auto">{record().title}</span>”.
            </p>
            <button
              type="button"
              ref={undoButton}
              onClick={() => void undo()}
              data-testid="undo-delete"
            >
              Undo
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setDeleted(undefined);
                searchField()?.focus();
              }}
            >
              Dismiss
            </button>
          </div>
        )}
      </Show>
      <Show when={editing() && settings()}>
        <RecordEditor
          db={db}
          regulator={REGULATORS[settings()!.profile.regulator]}
          {...(editing()?.record ? { record: editing()!.record! } : {})}
          onClose={closeEditor}
        />
      </Show>
    </main>
  );
}
