import type { CountedStretch } from '@/utils/tracking/counted-stretches';
import type { ResourceDetection } from '@/utils/detection/schema';

/**
 * The row type of every table in Learnlog's database (`database.ts` declares the tables and
 * their indexes). Types only: the stores that read and write each table import them from here,
 * so no store depends on another store, or on the database class, for a shape.
 *
 * | table         | row                | written by                                         |
 * | ------------- | ------------------ | -------------------------------------------------- |
 * | `resources`   | `ResourceProgress` | `resources-store.ts`                               |
 * | `records`     | `LearningRecord`   | `records-store.ts`, `import-records.ts`, sync pull |
 * | `dayTotals`   | `DayTotal`         | with every record write (`day-totals.ts`)          |
 * | `outbox`      | `OutboxEntry`      | with every record write (`outbox.ts`), sync drain  |
 * | `meta`        | `SyncSwitch`       | `utils/sync/store/server-state-store.ts`           |
 * | `syncStates`  | `RecordSyncState`  | `utils/sync/store/` (server state, pulled records) |
 * | `syncArchive` | `SyncArchive`      | `utils/sync/store/server-state-store.ts`           |
 * | `syncConfig`  | `SyncConfigRow`    | `utils/sync/store/sync-config-store.ts`            |
 */

/** A record is the learner's evidence; its schema and rules live with it. */
export type { LearningRecord } from '@/utils/records';
/** Per-day sums of live records, derived from `records` (the rule that sums them is in goals). */
export type { DayTotal } from '@/utils/profile/goals';

/** A learning resource the learner has spent time on, keyed by its canonical address. */
export interface ResourceProgress {
  url: string;
  title: string;
  kind: ResourceDetection['kind'];
  typeLabel?: string;
  stated?: ResourceDetection['stated'];
  estimate?: ResourceDetection['estimate'];
  /** The resource's duration: stated by the page, or estimated from its content. */
  durationSeconds: number;
  /** Attentive milliseconds, from every tab and every visit. */
  spentMs: number;
  /**
   * Wall-clock end of the latest stretch counted (a report is taken as a stretch ending when it
   * arrives). Rows of versions before `countedStretches` have only this: the time up to it
   * counts as counted.
   */
  countedUntil?: number;
  /** The latest stretches counted, by tab (`counted-stretches.ts`); absent before 4 December 2026. */
  countedStretches?: CountedStretch[];
  firstSeenAt: number;
  lastSeenAt: number;
}

/** A record changed since the server last heard of it. The entry names the record only. */
export interface OutboxEntry {
  recordId: string;
  /** When the change was queued: the outbox drains oldest first. */
  queuedAt: number;
}

/**
 * The `meta` table's one row (key `sync`): whether sync is on, and to which server. Absent until
 * the learner first turns sync on. Record writers read it inside their own transaction.
 */
export interface SyncSwitch {
  key: 'sync';
  targetKey: string;
  enabled: boolean;
}

/** What the server holds of one record, as far as Learnlog knows. */
export interface RecordSyncState {
  recordId: string;
  /** `updatedAt` of the version the server last accepted (or already had). */
  syncedUpdatedAt?: number;
  /** xAPI: the statement on the LRS that stands for the record now (not voided). */
  statementId?: string;
  /** Why the server refused the latest version (shown on the record). */
  error?: string;
}

/** The sync states of a server other than the current one, kept for switching back. */
export interface SyncArchive {
  targetKey: string;
  states: RecordSyncState[];
}

/**
 * The learner's sync settings, credentials included. Stored as given; read back through
 * `readSyncConfig` (utils/sync/config.ts), which validates it.
 */
export interface SyncConfigRow {
  key: 'config';
  config: unknown;
}
