import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, For, on, Show } from 'solid-js';
import { RecordSummaryLine } from '@/components/records/RecordSummaryLine';
import { standardLabel } from '@/utils/profile/regulators';
import { siteOf, type LearningRecord } from '@/utils/records';
import type { RecordSyncView } from '@/utils/sync/status-text';

/**
 * The log's records as a virtualised list (@tanstack/solid-virtual): only the rows in view (and a
 * few either side) are in the page, so 10,000 records scroll smoothly. Rows carry their
 * position (`aria-posinset`/`aria-setsize`) so screen readers announce "12 of 10,000".
 */
export function LogList(props: {
  records: readonly LearningRecord[];
  /** Changes with the search, filters and sort; not with edits, so a delete keeps the place. */
  scrollResetKey: string;
  onEdit: (record: LearningRecord, opener: HTMLElement) => void;
  onDelete: (record: LearningRecord) => void;
  /** The record's sync state; nothing is shown while sync is off. */
  syncViewOf: (record: LearningRecord) => RecordSyncView | undefined;
}) {
  let scroller!: HTMLDivElement;
  const virtualizer = createVirtualizer({
    get count() {
      return props.records.length;
    },
    getScrollElement: () => scroller,
    estimateSize: () => 120,
    getItemKey: (index) => props.records[index]?.id ?? index,
    overscan: 6,
  });
  // A new search, filter or sort starts at the top of its results.
  createEffect(
    on(
      () => props.scrollResetKey,
      () => {
        if (scroller) scroller.scrollTop = 0;
      },
      { defer: true },
    ),
  );

  return (
    <div class="log-scroller" ref={scroller} data-testid="log-scroller">
      <ul
        class="log-list"
        aria-label="Your learning records"
        style={{ height: `${virtualizer.getTotalSize()}px` }}
        data-testid="log-list"
      >
        <For each={virtualizer.getVirtualItems()}>
          {(item) => (
            <Show when={props.records[item.index]}>
              {(record) => (
                <li
                  class="log-row"
                  data-index={item.index}
                  ref={(element) => queueMicrotask(() => virtualizer.measureElement(element))}
                  aria-posinset={item.index + 1}
                  aria-setsize={props.records.length}
                  style={{ transform: `translateY(${item.start}px)` }}
                  data-testid="log-row"
                >
                  <h3 class="record__title" dir="auto">
                    {record().title}
                  </h3>
                  <RecordSummaryLine record={record()} />
                  <Show when={siteOf(record())}>
                    {(site) => <span class="muted">{site()}</span>}
                  </Show>
                  <Show when={props.syncViewOf(record())}>
                    {(view) => (
                      <p class={`sync-state sync-state--${view().kind}`} data-testid="sync-state">
                        {view().text}
                      </p>
                    )}
                  </Show>
                  <Show when={record().whatLearned}>
                    <p class="log-row__reflection" dir="auto">
                      {record().whatLearned}
                    </p>
                  </Show>
                  <Show when={record().tags.length > 0 || record().standards.length > 0}>
                    <ul class="chips" aria-label="Tags and standards">
                      <For each={record().tags}>{(tag) => <li class="chip">{tag}</li>}</For>
                      <For each={record().standards}>
                        {(standard) => (
                          <li class="chip chip--standard">{standardLabel(standard)}</li>
                        )}
                      </For>
                    </ul>
                  </Show>
                  <div class="actions actions--row">
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`Edit “${record().title}”`}
                      onClick={(event) => props.onEdit(record(), event.currentTarget)}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      aria-label={`Delete “${record().title}”`}
                      onClick={() => props.onDelete(record())}
                      data-testid="delete-record"
                    >
                      Delete
                    </button>
                    <Show when={record().url}>
                      {(url) => (
                        <a
                          class="button-link"
                          href={url()}
                          target="_blank"
                          rel="noopener noreferrer"
                          aria-label={`Open the source of “${record().title}” in a new tab`}
                        >
                          Open the source
                        </a>
                      )}
                    </Show>
                  </div>
                </li>
              )}
            </Show>
          )}
        </For>
      </ul>
    </div>
  );
}
