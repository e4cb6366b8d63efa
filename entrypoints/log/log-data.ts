import { createEffect, createMemo, createResource, createSignal, on, onCleanup } from 'solid-js';
import { createStore } from 'solid-js/store';
import { createSyncStatus } from '@/components/sync/sync-status-signal';
import { getDatabase } from '@/utils/db/database';
import { repairDayTotals } from '@/utils/db/day-totals';
import { deleteRecord, undoDelete } from '@/utils/db/records-store';
import type { RecordSyncState } from '@/utils/db/tables';
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
import { recentlyDeleted, type LearningRecord } from '@/utils/records';
import { loadSettings, onSettingsChanged } from '@/utils/settings-store';
import { requestSync } from '@/utils/sync/page-requests';
import { recordSyncView } from '@/utils/sync/status-text';
import { attemptWrite, type WriteOutcome } from '@/utils/write-outcome';

/**
 * The log page's data half: every record as the database holds it, the learner's search,
 * filters and sort over them, the goal summary, each record's sync state, and the changes the
 * page makes (delete, undo). The page (App.tsx) only lays these out and keeps focus.
 */
export function createLogData() {
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
  // Restorable for a while after deletion; older ones stay only as tombstones for sync.
  const deleted = createMemo(() => recentlyDeleted(everyRecord() ?? [], Date.now()));

  // The popup's totals come from the day-totals table; the log holds every record, so it checks
  // them and rebuilds the table if they ever disagree.
  createEffect(
    on(records, (all) => {
      if (all) void repairDayTotals(db, all).catch(() => undefined);
    }),
  );

  // Each record's sync state: waiting in the outbox, synced, or refused and why.
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

  return {
    db,
    settings,
    /** Every record, deleted ones too; undefined while loading. */
    everyRecord,
    /** Live records; undefined while loading. */
    records,
    /** Deleted in the last RESTORABLE_DAYS, most recently deleted first. */
    deleted,
    indexed,
    results,
    resultSeconds,
    facets,
    summary,
    filter,
    setFilter,
    sort,
    setSort,
    syncStatus,
    syncViewOf,
    /** Deletes (softly, so it can be undone and synced) and asks sync to pass it on. */
    async remove(record: LearningRecord): Promise<WriteOutcome> {
      const outcome = await attemptWrite(`delete “${record.title}”`, () =>
        deleteRecord(db, record.id, Date.now()),
      );
      if (outcome.ok) requestSync();
      return outcome;
    },
    /** Brings a deleted record back (the undo straight after, or from Recently deleted). */
    async restore(record: LearningRecord): Promise<WriteOutcome> {
      const outcome = await attemptWrite(`restore “${record.title}”`, () =>
        undoDelete(db, record.id, Date.now()),
      );
      if (outcome.ok) requestSync();
      return outcome;
    },
  };
}
