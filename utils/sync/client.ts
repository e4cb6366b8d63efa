import type { LearningRecord, RecordSyncState } from '@/utils/db/tables';

/** One outbox entry, with the record as it is now and what the server holds of it. */
export interface PushItem {
  recordId: string;
  /** Undefined if the record no longer exists (treated as deleted). */
  record: LearningRecord | undefined;
  state: RecordSyncState | undefined;
}

/** What happened to one record. */
export interface PushResult {
  recordId: string;
  /** The record's `updatedAt` when it was read for sending. */
  sentUpdatedAt: number | undefined;
  /** What the server holds now. */
  state: RecordSyncState;
  /** True when the server has this version or refused it for good: the entry may go. */
  finished: boolean;
}

/** Why a push stopped early: wrong credentials (stop syncing) or a passing trouble (retry). */
export interface PushStop {
  /** auth and misaddressed stop syncing until the settings change; retry waits and tries again. */
  kind: 'auth' | 'misaddressed' | 'retry';
  message: string;
}

export interface PushReport {
  results: PushResult[];
  stop?: PushStop;
}

/**
 * What "Test connection" found. `passing` marks a failure that may pass by itself (no network,
 * a server error): sync can still be turned on, and will retry.
 */
export interface ConnectionTest {
  ok: boolean;
  message: string;
  passing?: boolean;
}

/** A server sync can send records to. */
export interface SyncClient {
  push(items: readonly PushItem[]): Promise<PushReport>;
  /** Checks the address and sign-in details without changing anything on the server. */
  testConnection(): Promise<ConnectionTest>;
}
