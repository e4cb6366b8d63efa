import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { dayTotalsOf, type DayTotal } from '@/utils/profile/goals';
import type { LearningRecord } from '@/utils/records';
import type { ResourceProgress } from '@/utils/db/progress';
import type {
  OutboxEntry,
  RecordSyncState,
  StoredSyncConfig,
  SyncArchive,
  SyncMeta,
} from '@/utils/db/outbox';

/**
 * Learnlog's IndexedDB database. Used only by the background and extension pages: in a content
 * script IndexedDB would belong to the website (lint forbids the import there).
 *
 * Every new version is added to `SCHEMA` (never edit an old entry) and needs an upgrade test
 * against a fixture database of the version before it (`tests/unit/utils/db/upgrade.test.ts`).
 */
export const SCHEMA = {
  1: {
    // Indexed fields only: what queries filter or sort on.
    resources: 'url, lastSeenAt',
    records: 'id, date, createdAt, updatedAt',
  },
  // Version 2 (issue #5): CPD reflection fields on every record; per-day totals for the popup.
  // The unused createdAt and updatedAt indexes are dropped: each index is another write per
  // record, and importing 100,000 records is bound by IndexedDB's cost per write (issue #6).
  2: {
    resources: 'url, lastSeenAt',
    records: 'id, date',
    dayTotals: 'date',
  },
  // Version 3 (issue #7): sync. The outbox lists records changed since the server last heard of
  // them (oldest first), written in the same transaction as the change; `syncStates` says what
  // the server holds of each record; `meta` says whether sync is on, so a record writer can
  // tell inside its own transaction whether to queue the change.
  3: {
    resources: 'url, lastSeenAt',
    records: 'id, date',
    dayTotals: 'date',
    outbox: 'recordId, queuedAt',
    // Indexed by `error` so refused records are counted without reading every state (only
    // states with an error are in that index).
    syncStates: 'recordId, error',
    // What each other server holds, kept when the learner switches server, so switching back
    // voids and deletes what that server still has instead of sending it all again.
    syncArchive: 'targetKey',
    meta: 'key',
    // The sync settings, credentials included: IndexedDB, which content scripts cannot reach.
    syncConfig: 'key',
  },
} as const;

export const DATABASE_VERSION = 3;

/**
 * Version 1 records gain the fields version 2 asks of every record, with neutral values, and
 * the day totals are built from them.
 */
export async function upgradeToVersion2(transaction: Transaction): Promise<void> {
  const records = transaction.table('records');
  await records.toCollection().modify((record: Record<string, unknown>) => {
    record.origin ??= record.url ? 'page' : 'manual';
    record.standards ??= [];
    record.participatory ??= false;
    record.planned ??= false;
    record.tags ??= [];
    record.notes ??= '';
  });
  await transaction
    .table('dayTotals')
    .bulkPut(dayTotalsOf((await records.toArray()) as LearningRecord[]));
}

export class LearnlogDatabase extends Dexie {
  resources!: EntityTable<ResourceProgress, 'url'>;
  records!: EntityTable<LearningRecord, 'id'>;
  dayTotals!: EntityTable<DayTotal, 'date'>;
  outbox!: EntityTable<OutboxEntry, 'recordId'>;
  syncStates!: EntityTable<RecordSyncState, 'recordId'>;
  meta!: EntityTable<SyncMeta, 'key'>;
  syncArchive!: EntityTable<SyncArchive, 'targetKey'>;
  syncConfig!: EntityTable<StoredSyncConfig, 'key'>;

  constructor(name = 'learnlog') {
    super(name);
    this.version(1).stores(SCHEMA[1]);
    this.version(2).stores(SCHEMA[2]).upgrade(upgradeToVersion2);
    // New tables only: nothing to move. Sync starts off, so nothing is queued.
    this.version(3).stores(SCHEMA[3]);
  }
}

let shared: LearnlogDatabase | undefined;

/** The extension's database, opened on first use. */
export function getDatabase(): LearnlogDatabase {
  shared ??= new LearnlogDatabase();
  return shared;
}
