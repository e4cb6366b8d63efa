import { browser } from '#imports';
import { createSignal, onMount, Show } from 'solid-js';
import { LogFilters } from '@/components/log/LogFilters';
import { LogList } from '@/components/log/LogList';
import { RecentlyDeleted } from '@/components/log/RecentlyDeleted';
import { RecordEditor } from '@/components/log/RecordEditor';
import { TransferPanel } from '@/components/log/TransferPanel';
import { GoalSummary } from '@/components/records/GoalSummary';
import { SyncStatusNotice } from '@/components/sync/SyncStatusNotice';
import { createLogData } from '@/entrypoints/log/log-data';
import { formatDuration } from '@/utils/duration';
import { REGULATORS } from '@/utils/profile/regulators';
import type { LearningRecord } from '@/utils/records';

type Editing = { record?: LearningRecord; opener?: HTMLElement } | undefined;

/**
 * The full-page learning log: goal, search, filters, sorting, edit, delete with undo. Its data
 * comes from `log-data.ts`; this file lays it out and keeps the keyboard focus where it belongs.
 */
export default function App() {
  const log = createLogData();

  // The popup's "Export" opens the log at #export: the export section takes the focus.
  const openedForExport = location.hash === '#export';
  const [editing, setEditing] = createSignal<Editing>();
  const [message, setMessage] = createSignal('');
  /** A write the browser refused: an alert, so it is heard at once. */
  const [problem, setProblem] = createSignal('');
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
    setProblem('');
    const outcome = await log.remove(record);
    if (!outcome.ok) return setProblem(outcome.text);
    setDeleted(record);
    setMessage('');
    // The row is gone; focus goes to "Undo" so a keyboard user is not left on the page's body.
    queueMicrotask(() => undoButton?.focus());
  }

  /** The undo straight after a delete, or "Restore" in Recently deleted. */
  async function restore(record: LearningRecord) {
    setProblem('');
    const outcome = await log.restore(record);
    if (!outcome.ok) return setProblem(outcome.text);
    if (deleted()?.id === record.id) setDeleted(undefined);
    setMessage(`Restored “${record.title}”.`);
    // The button has gone; focus goes to the message so keyboard and screen reader users hear it.
    queueMicrotask(() => messageElement?.focus());
  }

  async function undo() {
    const record = deleted();
    if (record) await restore(record);
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
      <Show when={log.summary()}>
        {(current) => (
          <section class="card" aria-labelledby="goal-heading">
            <h2 id="goal-heading">Your progress</h2>
            <GoalSummary summary={current()} profile={log.settings()!.profile} />
          </section>
        )}
      </Show>
      <SyncStatusNotice db={log.db} status={log.syncStatus()} problemsOnly />
      <h2 class="log-records-heading">Your records</h2>
      <LogFilters
        filter={log.filter}
        setFilter={log.setFilter}
        sort={log.sort()}
        setSort={log.setSort}
        facets={log.facets()}
      />
      <p class="log-status" role="status" data-testid="log-status">
        {log.records() === undefined
          ? 'Loading your learning log…'
          : log.results().length === log.indexed().length
            ? `${count(log.results().length)} ${log.results().length === 1 ? 'record' : 'records'}, ${formatDuration(log.resultSeconds())} in all`
            : `Showing ${count(log.results().length)} of ${count(log.indexed().length)} records, ${formatDuration(log.resultSeconds())} in all`}
      </p>
      <Show when={problem()}>
        <p class="error" role="alert" data-testid="log-problem">
          {problem()}
        </p>
      </Show>
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
        when={log.results().length > 0}
        fallback={
          <Show when={log.records() !== undefined}>
            <p class="muted" data-testid="log-empty">
              {log.indexed().length === 0
                ? 'No learning recorded yet. Records you make from the toolbar popup, and learning you add here, appear in this log.'
                : 'No records match your search and filters.'}
            </p>
          </Show>
        }
      >
        <LogList
          records={log.results()}
          scrollResetKey={JSON.stringify({ ...log.filter, sort: log.sort() })}
          onEdit={(record, opener) => setEditing({ record, opener })}
          onDelete={(record) => void remove(record)}
          syncViewOf={log.syncViewOf}
        />
      </Show>
      <RecentlyDeleted records={log.deleted()} onRestore={(record) => void restore(record)} />
      <Show when={log.settings()}>
        {(current) => (
          <TransferPanel
            settings={current()}
            allRecords={() => log.everyRecord() ?? []}
            shownRecords={log.results}
            totalCount={log.indexed().length}
            filtered={log.results().length !== log.indexed().length}
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
      <Show when={editing() && log.settings()}>
        <RecordEditor
          db={log.db}
          regulator={REGULATORS[log.settings()!.profile.regulator]}
          {...(editing()?.record ? { record: editing()!.record! } : {})}
          onClose={closeEditor}
        />
      </Show>
    </main>
  );
}
