import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { cleanAddressText } from '@/utils/canonical-url';
import { dayTotalsOf } from '@/utils/profile/goals';
import type {
  DayTotal,
  LearningRecord,
  OutboxEntry,
  RecordSyncState,
  ResourceProgress,
  SyncArchive,
  SyncConfigRow,
  SyncSwitch,
} from '@/utils/db/tables';

/**
 * Learnlog's IndexedDB database. Used only by the background and extension pages: in a content
 * script IndexedDB would belong to the website (tests/unit/architecture/import-graph.test.ts
 * fails if the reading script reaches this code by any route).
 *
 * Every new version is added to `SCHEMA` (never edit an old entry) and needs an upgrade test
 * against a fixture database of the version before it (`tests/unit/utils/db/upgrade.test.ts`).
 * Row types are in `tables.ts`.
 */

/** Each version's tables and their indexed fields (only what queries filter or sort on). */
export const SCHEMA = {
  1: {
    resources: 'url, lastSeenAt',
    records: 'id, date, createdAt, updatedAt',
  },
  // Version 2: CPD reflection fields on every record; per-day totals for the popup. The unused
  // createdAt and updatedAt indexes are dropped: each index is another write per record, and
  // importing 100,000 records is bound by IndexedDB's cost per write.
  2: {
    resources: 'url, lastSeenAt',
    records: 'id, date',
    dayTotals: 'date',
  },
  // Version 3: sync. The outbox lists records changed since the server last heard of them
  // (oldest first), written in the same transaction as the change; `syncStates` says what the
  // server holds of each record; `meta` says whether sync is on, so a record writer can tell
  // inside its own transaction whether to queue the change.
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
  // Version 4: no table or index changes (Dexie keeps every table of the version before); two
  // stored fields of `resources` are renamed to say what they hold (`upgradeToVersion4`).
  4: {},
  // Version 5: no table or index changes; stored addresses lose parameters that carry
  // credentials or personal data (`upgradeToVersion5`).
  5: {},
} as const;

export const DATABASE_VERSION = 5;

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

/**
 * A resource's `requiredSeconds` held its duration, not the time required (that is the duration
 * × the learner's percentage), and `creditedUntil` marked time counted, while "credited" means
 * the CPD time a learner claims on a record. Both are renamed; values are kept as they were.
 */
export async function upgradeToVersion4(transaction: Transaction): Promise<void> {
  await transaction
    .table('resources')
    .toCollection()
    .modify((resource: Record<string, unknown>) => {
      if ('requiredSeconds' in resource) {
        resource.durationSeconds ??= resource.requiredSeconds;
        delete resource.requiredSeconds;
      }
      if ('creditedUntil' in resource) {
        resource.countedUntil ??= resource.creditedUntil;
        delete resource.creditedUntil;
      }
    });
}

/**
 * Addresses kept before Learnlog dropped sign-in tokens, session ids and email addresses from
 * them are cleaned the same way now (`cleanAddress`). A record whose address changed is a new
 * version (`updatedAt`), queued if sync is on, so a server that holds the old address is sent
 * the clean one (an xAPI store gets the old statement voided); with sync off it is sent when
 * sync is next turned on. Resources are keyed by their address, so two that differed only in
 * such a parameter become one: the time counted is the larger (the same reading, seen twice),
 * never the sum.
 */
export async function upgradeToVersion5(transaction: Transaction, now = Date.now()): Promise<void> {
  const cleaned: string[] = [];
  await transaction
    .table('records')
    .toCollection()
    .modify((record: { id: string; url?: string; updatedAt: number }) => {
      if (typeof record.url !== 'string') return;
      const url = cleanAddressText(record.url);
      if (url === record.url) return;
      record.url = url;
      // Later than the version it replaces even if the clock went back.
      record.updatedAt = Math.max(now, record.updatedAt + 1);
      cleaned.push(record.id);
    });
  const sync = (await transaction.table('meta').get('sync')) as SyncSwitch | undefined;
  if (cleaned.length > 0 && sync?.enabled === true)
    await transaction
      .table('outbox')
      .bulkPut(cleaned.map((recordId) => ({ recordId, queuedAt: now })));
  const resources = transaction.table('resources');
  const all = (await resources.toArray()) as ResourceProgress[];
  const merged = new Map<string, ResourceProgress>();
  const moved: string[] = [];
  for (const resource of all) {
    const url = cleanAddressText(resource.url);
    if (url !== resource.url) moved.push(resource.url);
    const seen = merged.get(url);
    merged.set(
      url,
      seen
        ? {
            ...(seen.lastSeenAt >= resource.lastSeenAt ? seen : resource),
            url,
            spentMs: Math.max(seen.spentMs, resource.spentMs),
            firstSeenAt: Math.min(seen.firstSeenAt, resource.firstSeenAt),
            lastSeenAt: Math.max(seen.lastSeenAt, resource.lastSeenAt),
            ...(seen.countedUntil !== undefined || resource.countedUntil !== undefined
              ? { countedUntil: Math.max(seen.countedUntil ?? 0, resource.countedUntil ?? 0) }
              : {}),
          }
        : { ...resource, url },
    );
  }
  if (moved.length === 0) return;
  await resources.bulkDelete(moved);
  await resources.bulkPut([...merged.values()]);
}

export class LearnlogDatabase extends Dexie {
  resources!: EntityTable<ResourceProgress, 'url'>;
  records!: EntityTable<LearningRecord, 'id'>;
  dayTotals!: EntityTable<DayTotal, 'date'>;
  outbox!: EntityTable<OutboxEntry, 'recordId'>;
  syncStates!: EntityTable<RecordSyncState, 'recordId'>;
  meta!: EntityTable<SyncSwitch, 'key'>;
  syncArchive!: EntityTable<SyncArchive, 'targetKey'>;
  syncConfig!: EntityTable<SyncConfigRow, 'key'>;

  constructor(name = 'learnlog') {
    super(name);
    declareVersions(this, DATABASE_VERSION);
  }
}

/**
 * The upgrade that moves data into each version; versions without one only add tables or
 * indexes. (Version 3 adds sync's tables; sync starts off, so nothing is queued.)
 */
const UPGRADES: Partial<Record<keyof typeof SCHEMA, (transaction: Transaction) => Promise<void>>> =
  {
    2: upgradeToVersion2,
    4: upgradeToVersion4,
    5: upgradeToVersion5,
  };

/**
 * Declares versions 1 to `upTo` on `db`, each with its schema and upgrade. The database class
 * declares them all; the upgrade tests stop at one version to test each step on its own.
 */
export function declareVersions(db: Dexie, upTo: number): void {
  for (let version = 1; version <= upTo; version += 1) {
    const step = version as keyof typeof SCHEMA;
    const declared = db.version(version).stores(SCHEMA[step]);
    const upgrade = UPGRADES[step];
    if (upgrade) declared.upgrade(upgrade);
  }
}

let shared: LearnlogDatabase | undefined;

/** The extension's database, opened on first use. */
export function getDatabase(): LearnlogDatabase {
  shared ??= new LearnlogDatabase();
  return shared;
}
