import type { LearnlogDatabase } from '@/utils/db/database';
import { originPatternOf } from '@/utils/origin-pattern';
import { applyPulledChanges } from '@/utils/sync/store/pulled-records';
import {
  commitPushResults,
  nextOutboxItems,
  turnSyncOff,
  turnSyncOn,
} from '@/utils/sync/store/server-state-store';
import type { XapiAgent } from '@/utils/export/xapi';
import { DEFAULT_BATCH_SIZE, targetKeyOf, type SyncConfig } from '@/utils/sync/config';
import type { FetchPort } from '@/utils/sync/http';
import { createLearnlogClient, type LearnlogClient } from '@/utils/sync/learnlog-client';
import { backoffDelay, OFF_STATUS, type SyncStatus } from '@/utils/sync/status';
import { createXapiClient } from '@/utils/sync/xapi-client';
import type { SyncClient } from '@/utils/sync/client';

/**
 * The sync engine: drains the outbox to the learner's server and, for the Learnlog
 * API, pulls what their other devices recorded. Everything it needs from the browser comes in
 * as ports (clock, randomness, fetch, storage, alarms), so the same code runs in the background
 * and, against a real HTTP server, in the tests. All its state is in IndexedDB and
 * `storage.local`: a service worker stopped mid-drain loses nothing, and the next drain resends
 * what was in flight (every request is idempotent).
 */

export interface SyncEngineDependencies {
  db: LearnlogDatabase;
  fetch: FetchPort;
  now: () => number;
  random: () => number;
  loadConfig: () => Promise<SyncConfig | undefined>;
  /** The learner as an xAPI actor, if they have said who they are. */
  loadActor: () => Promise<XapiAgent | undefined>;
  loadStatus: () => Promise<SyncStatus>;
  saveStatus: (status: SyncStatus) => Promise<void>;
  /** Whether the browser lets Learnlog reach this origin pattern (`https://host/*`). */
  hasHostPermission: (pattern: string) => Promise<boolean>;
  /** Asks to be drained again at this time (a timer, and an alarm in case the worker stops). */
  scheduleRetry: (at: number) => void;
  /** Keeps a periodic wake-up while sync is on, to retry and to pull. */
  setPeriodicWakeUp: (on: boolean) => void;
  timeoutMs?: number;
  /** Records per xAPI `POST /statements` unless the learner's settings say; 1 sends each alone. */
  batchSize?: number;
  backoff?: { baseMs: number; maxMs: number };
}

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Outbox entries read (and committed) together; the client sends them singly or in batches. */
const READ_CHUNK = 50;
/** Pages of changes pulled in one drain (500 changes each): the rest waits for the next one. */
const MAX_PULL_PAGES = 200;
export const DEFAULT_BACKOFF = { baseMs: 5_000, maxMs: 15 * 60_000 };

/** A one-way fingerprint of the sign-in details, so "stopped until they change" needs no copy. */
async function fingerprintOf(config: SyncConfig): Promise<string> {
  const text = JSON.stringify([config.target, config.endpoint, config.credentials]);
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(hash)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function createSyncEngine(deps: SyncEngineDependencies) {
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const batchSize = deps.batchSize ?? DEFAULT_BATCH_SIZE;
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  let running: Promise<void> | undefined;
  let again = false;
  /** Aborts every request in flight when sync is turned off or its settings change. */
  let controller = new AbortController();

  function clientFor(
    config: SyncConfig,
    actor: XapiAgent | undefined,
    stop: AbortSignal,
  ): SyncClient | LearnlogClient | undefined {
    const http = { fetch: deps.fetch, timeoutMs, stop };
    if (config.target === 'learnlog')
      return createLearnlogClient({
        ...http,
        endpoint: config.endpoint,
        token: config.credentials.token,
      });
    if (!actor) return undefined;
    return createXapiClient({
      ...http,
      endpoint: config.endpoint,
      ...config.credentials,
      actor,
      batchSize: config.batchSize ?? batchSize,
    });
  }

  async function retryLater(status: SyncStatus, message: string): Promise<void> {
    const failures = status.failures + 1;
    const nextAttemptAt = deps.now() + backoffDelay(failures, deps.random, backoff);
    await deps.saveStatus({ ...status, state: 'retrying', message, failures, nextAttemptAt });
    deps.scheduleRetry(nextAttemptAt);
  }

  /**
   * Stops syncing with a message for the learner. A refusal of the sign-in details holds until
   * they change (asking again with the same ones would only be refused again); a missing
   * permission or identity is checked afresh on every drain.
   */
  async function stopUntilFixed(
    status: SyncStatus,
    config: SyncConfig,
    message: string,
    { untilCredentialsChange = false } = {},
  ) {
    await deps.saveStatus({
      ...status,
      state: 'stopped',
      message,
      stoppedFor: untilCredentialsChange ? await fingerprintOf(config) : undefined,
      nextAttemptAt: undefined,
    });
  }

  async function drainOnce(): Promise<void> {
    const config = await deps.loadConfig();
    let status = await deps.loadStatus();
    if (!config?.enabled) {
      await turnSyncOff(deps.db);
      deps.setPeriodicWakeUp(false);
      // Nothing of the old state is kept: turned on again, it starts afresh and at once.
      if (status.state !== 'off' || status.nextAttemptAt !== undefined)
        await deps.saveStatus(OFF_STATUS);
      return;
    }
    const targetKey = targetKeyOf(config);
    // A new server starts afresh: no backoff, no pull cursor, no old problem.
    if (status.targetKey !== targetKey) status = { state: 'idle', failures: 0, targetKey };
    await turnSyncOn(deps.db, targetKey, deps.now(), {
      sendUnsentDeletes: config.target === 'learnlog',
    });
    deps.setPeriodicWakeUp(true);

    const fingerprint = await fingerprintOf(config);
    if (status.state === 'stopped' && status.stoppedFor === fingerprint) return;
    if (status.stoppedFor && status.stoppedFor !== fingerprint) {
      // The learner changed the sign-in details or address: try at once.
      status = { ...status, stoppedFor: undefined, failures: 0, nextAttemptAt: undefined };
    }
    // A retry time further off than the longest backoff means the clock was put back.
    const wait = status.nextAttemptAt === undefined ? 0 : status.nextAttemptAt - deps.now();
    if (wait > 0 && wait <= backoff.maxMs) {
      deps.scheduleRetry(status.nextAttemptAt!);
      return;
    }
    if (!(await deps.hasHostPermission(originPatternOf(config.endpoint)))) {
      return stopUntilFixed(
        status,
        config,
        `Learnlog needs your permission to reach ${new URL(config.endpoint).origin}. Open Learnlog’s settings and save the sync settings again to allow it.`,
      );
    }
    const stop = controller.signal;
    const client = clientFor(config, await deps.loadActor(), stop);
    if (!client) {
      return stopUntilFixed(
        status,
        config,
        'Say who you are (your email address or account) under “Your identity for xAPI” in Learnlog’s settings: the learning record store needs it.',
      );
    }
    status = { ...status, state: 'syncing', message: undefined };
    await deps.saveStatus(status);

    for (;;) {
      const items = await nextOutboxItems(
        deps.db,
        Math.max(config.target === 'xapi' ? (config.batchSize ?? batchSize) : 1, READ_CHUNK),
      );
      if (items.length === 0) break;
      const report = await client.push(items);
      await commitPushResults(deps.db, report.results);
      if (stop.aborted) return;
      if (report.stop?.kind === 'retry') return retryLater(status, report.stop.message);
      if (report.stop)
        return stopUntilFixed(status, config, report.stop.message, {
          untilCredentialsChange: true,
        });
    }

    if ('pull' in client) {
      let restarted = false;
      for (let page = 0; ; page += 1) {
        const pulled = await client.pull(status.pullCursor);
        if (stop.aborted) return;
        if (pulled.kind === 'stale-cursor' && !restarted) {
          // The server no longer knows the cursor (a reset, a restore): read everything again;
          // the later version of each record still wins.
          restarted = true;
          status = { ...status, pullCursor: undefined };
          continue;
        }
        if (pulled.kind !== 'ok') {
          if (pulled.kind === 'retry') return retryLater(status, pulled.message);
          if (pulled.kind === 'auth' || pulled.kind === 'misaddressed')
            return stopUntilFixed(status, config, pulled.message, { untilCredentialsChange: true });
          // Unreadable changes are refused whole; what was sent still counts.
          status = { ...status, pullProblem: pulled.message };
          break;
        }
        await applyPulledChanges(deps.db, pulled.changes);
        const moved = pulled.changes.cursor !== status.pullCursor;
        status = { ...status, pullCursor: pulled.changes.cursor, pullProblem: undefined };
        await deps.saveStatus(status);
        // A server that says "more" without moving on would be asked for ever: the rest waits
        // for the next drain, as does anything past MAX_PULL_PAGES in one drain.
        if (!pulled.changes.more || !moved || page + 1 >= MAX_PULL_PAGES) break;
      }
    }
    await deps.saveStatus({
      ...status,
      state: 'idle',
      message: undefined,
      failures: 0,
      nextAttemptAt: undefined,
      lastSyncedAt: deps.now(),
    });
  }

  /** Any failure not foreseen (a full disk, a database error) is retried later, with a message. */
  async function drainSafely(): Promise<void> {
    try {
      await drainOnce();
    } catch (error) {
      console.error('Learnlog: sync failed', error);
      const status = await deps.loadStatus().catch(() => OFF_STATUS);
      await retryLater(
        status,
        'Learnlog could not read or save its own records while syncing (is the disk full?).',
      ).catch(() => undefined);
    }
  }

  return {
    /**
     * Sends what is waiting. Calls while a drain runs make it go round once more, so a change
     * made during a drain is never left behind.
     */
    drain(): Promise<void> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await drainSafely();
        } while (again);
      })().finally(() => {
        running = undefined;
      });
      return running;
    },

    /**
     * The learner saved the sync settings: requests in flight stop, any stop or wait is
     * cleared (they may have fixed the problem on the server's side), and it starts over.
     */
    async settingsChanged(): Promise<void> {
      controller.abort();
      controller = new AbortController();
      await running?.catch(() => undefined);
      const status = await deps.loadStatus();
      if (status.state === 'stopped' || status.state === 'retrying')
        await deps.saveStatus({
          ...status,
          state: 'idle',
          message: undefined,
          stoppedFor: undefined,
          failures: 0,
          nextAttemptAt: undefined,
        });
      return this.drain();
    },
  };
}
export type SyncEngine = ReturnType<typeof createSyncEngine>;
