import { For } from 'solid-js';
import type { SetStoreFunction } from 'solid-js/store';
import { KIND_LABELS } from '@/utils/kind-labels';
import { EMPTY_FILTER, SORT_LABELS, SORTS, type LogFilter, type LogSort } from '@/utils/log-filter';
import { standardLabel } from '@/utils/profile/regulators';
import { RECORD_KINDS, type RecordKind } from '@/utils/records';

/** Search, filters and sort for the log. Every control has a visible label. */
export function LogFilters(props: {
  filter: LogFilter;
  setFilter: SetStoreFunction<LogFilter>;
  sort: LogSort;
  setSort: (sort: LogSort) => void;
  facets: { tags: string[]; sites: string[]; standards: string[] };
}) {
  return (
    <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
      <div class="filters__search">
        <label for="log-search">Search titles, reflections, notes and tags</label>
        <input
          id="log-search"
          type="search"
          dir="auto"
          value={props.filter.text}
          onInput={(e) => props.setFilter('text', e.currentTarget.value)}
          data-testid="log-search"
        />
      </div>
      <div class="filters__grid">
        <div>
          <label for="log-from">From</label>
          <input
            id="log-from"
            type="date"
            value={props.filter.from}
            onInput={(e) => props.setFilter('from', e.currentTarget.value)}
          />
        </div>
        <div>
          <label for="log-to">To</label>
          <input
            id="log-to"
            type="date"
            value={props.filter.to}
            onInput={(e) => props.setFilter('to', e.currentTarget.value)}
          />
        </div>
        <div>
          <label for="log-kind">Type</label>
          <select
            id="log-kind"
            value={props.filter.kind}
            onChange={(e) => props.setFilter('kind', e.currentTarget.value as RecordKind | '')}
          >
            <option value="">Any type</option>
            <For each={RECORD_KINDS}>
              {(kind) => <option value={kind}>{KIND_LABELS[kind]}</option>}
            </For>
          </select>
        </div>
        <div>
          <label for="log-tag">Tag</label>
          <select
            id="log-tag"
            value={props.filter.tag}
            onChange={(e) => props.setFilter('tag', e.currentTarget.value)}
          >
            <option value="">Any tag</option>
            <For each={props.facets.tags}>{(tag) => <option value={tag}>{tag}</option>}</For>
          </select>
        </div>
        <div>
          <label for="log-site">Site</label>
          <select
            id="log-site"
            value={props.filter.site}
            onChange={(e) => props.setFilter('site', e.currentTarget.value)}
          >
            <option value="">Any site</option>
            <For each={props.facets.sites}>{(site) => <option value={site}>{site}</option>}</For>
          </select>
        </div>
        <div>
          <label for="log-standard">Standard</label>
          <select
            id="log-standard"
            value={props.filter.standard}
            onChange={(e) => props.setFilter('standard', e.currentTarget.value)}
          >
            <option value="">Any standard</option>
            <For each={props.facets.standards}>
              {(standard) => <option value={standard}>{standardLabel(standard)}</option>}
            </For>
          </select>
        </div>
        <div>
          <label for="log-sort">Sort</label>
          <select
            id="log-sort"
            value={props.sort}
            onChange={(e) => props.setSort(e.currentTarget.value as LogSort)}
          >
            <For each={SORTS}>{(sort) => <option value={sort}>{SORT_LABELS[sort]}</option>}</For>
          </select>
        </div>
      </div>
      <button
        type="button"
        class="secondary"
        data-testid="clear-filters"
        onClick={() => props.setFilter({ ...EMPTY_FILTER })}
      >
        Clear search and filters
      </button>
    </form>
  );
}
