// @vitest-environment node
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dayTotalsSince } from '@/utils/db/day-totals';
import { importRecords } from '@/utils/db/import-records';
import { addRecord, deleteRecord, saveEdit } from '@/utils/db/records-store';
import { dayTotalsOf } from '@/utils/profile/goals';
import { makeRecords } from '@/tests/support/make-records';
import { startSyncServer, type SyncServer } from '@/tests/support/sync-server';
import { learnlogConfig, syncHarness, xapiConfig } from '@/tests/support/sync-harness';

/** Sync recovers from wrong settings, odd servers and its own failures. */
describe('sync recovery', () => {
  let server: SyncServer;
  let harness: ReturnType<typeof syncHarness>;

  beforeEach(async () => {
    server = await startSyncServer();
  });
  afterEach(async () => {
    await server.close();
    harness.world.db.close();
    await Dexie.delete(harness.world.db.name);
  });

  const pageOf = (body: object) => ({
    kind: 'status' as const,
    status: 200,
    body: JSON.stringify(body),
  });

  it('a wrong address stops syncing instead of marking every record refused', async () => {
    harness = syncHarness({ ...xapiConfig(server), endpoint: `${server.origin}/lrs/` });
    await importRecords(harness.world.db, makeRecords(5));
    await harness.engine.drain();
    expect(harness.world.status.state).toBe('stopped');
    expect(harness.world.status.message).toContain('address');
    expect(server.requests).toHaveLength(1);
    expect(await harness.world.db.outbox.count()).toBe(5);
    expect(await harness.world.db.syncStates.count()).toBe(0);

    // Corrected, it goes.
    harness.world.config = xapiConfig(server);
    await harness.engine.drain();
    expect(server.statements.size).toBe(5);
  });

  it('a server that says "more" without moving on is not asked for ever', async () => {
    harness = syncHarness(learnlogConfig(server));
    server.injectFault(pageOf({ records: [], deletions: [], cursor: '7', more: true }), {
      times: 1_000,
      match: { method: 'GET' },
    });
    await harness.engine.drain();
    await harness.engine.drain();
    expect(server.requests.filter((r) => r.method === 'GET').length).toBeLessThanOrEqual(3);
    expect(harness.world.status.state).toBe('idle');
  });

  it('a cursor the server no longer knows is dropped, and everything is read again', async () => {
    harness = syncHarness(learnlogConfig(server));
    const fromLaptop = makeRecords(3, { seed: 4 });
    for (const record of fromLaptop) server.seedRecord(record);
    harness.world.status = {
      state: 'idle',
      failures: 0,
      targetKey: `learnlog ${server.apiBase}`,
      pullCursor: '999999',
    };
    await harness.engine.drain();
    expect(await harness.world.db.records.count()).toBe(3);
    expect(harness.world.status.pullProblem).toBeUndefined();
    expect(harness.world.status.pullCursor).not.toBe('999999');
  });

  it('a page naming a record twice saves it once, with day totals that add up', async () => {
    harness = syncHarness(learnlogConfig(server));
    const [record] = makeRecords(1, { seed: 6 });
    const later = { ...record!, creditedSeconds: 600, updatedAt: record!.updatedAt + 1 };
    server.injectFault(
      pageOf({ records: [record, later], deletions: [], cursor: '3', more: false }),
      {
        match: { method: 'GET' },
      },
    );
    await harness.engine.drain();
    const all = await harness.world.db.records.toArray();
    expect(all).toEqual([later]);
    expect(await dayTotalsSince(harness.world.db, '0000-01-01')).toEqual(dayTotalsOf(all));
  });

  it('a failure of its own (the database) is retried later with a message, not left “syncing”', async () => {
    harness = syncHarness(xapiConfig(server));
    await addRecord(harness.world.db, makeRecords(1)[0]!);
    harness.world.db.close();
    await harness.engine.drain();
    expect(harness.world.status.state).toBe('retrying');
    expect(harness.world.status.message).toContain('could not read or save');
    expect(harness.world.retries).toHaveLength(1);
    await harness.world.db.open();
  });

  it('a retry time beyond the longest backoff (the clock was put back) is not waited for', async () => {
    harness = syncHarness(xapiConfig(server));
    await addRecord(harness.world.db, makeRecords(1)[0]!);
    harness.world.status = {
      state: 'retrying',
      failures: 3,
      targetKey: `xapi ${server.xapiBase}`,
      nextAttemptAt: harness.world.clock + 24 * 3_600_000,
    };
    await harness.engine.drain();
    expect(harness.world.status.state).toBe('idle');
    expect(server.statements.size).toBe(1);
  });

  it('saving the settings again clears a stop (the learner fixed it on the server)', async () => {
    harness = syncHarness(xapiConfig(server));
    await addRecord(harness.world.db, makeRecords(1)[0]!);
    server.injectFault({ kind: 'status', status: 401 });
    await harness.engine.drain();
    expect(harness.world.status.state).toBe('stopped');
    await harness.engine.drain();
    expect(server.statements.size).toBe(0);
    await harness.engine.settingsChanged();
    expect(harness.world.status.state).toBe('idle');
    expect(server.statements.size).toBe(1);
  });

  it('turning sync off forgets any wait, so turning it on again starts at once', async () => {
    harness = syncHarness(xapiConfig(server));
    await addRecord(harness.world.db, makeRecords(1)[0]!);
    server.injectFault({ kind: 'status', status: 503 });
    await harness.engine.drain();
    expect(harness.world.status.nextAttemptAt).toBeDefined();
    harness.world.config = { ...xapiConfig(server), enabled: false };
    await harness.engine.settingsChanged();
    expect(harness.world.status).toEqual({ state: 'off', failures: 0 });
    harness.world.config = xapiConfig(server);
    await harness.engine.settingsChanged();
    expect(harness.world.status.state).toBe('idle');
    expect(server.statements.size).toBe(1);
  });

  it('switching to another server and back voids and deletes what the first one still holds', async () => {
    const other = await startSyncServer();
    try {
      harness = syncHarness(xapiConfig(server));
      const db = harness.world.db;
      const [kept, edited, removed] = makeRecords(3);
      await importRecords(db, [kept!, edited!, removed!]);
      await harness.engine.drain();
      harness.world.config = xapiConfig(other);
      await harness.engine.settingsChanged();
      expect(other.statements.size).toBe(3);

      await saveEdit(db, edited!.id, { title: 'Edited while on the other server' }, new Date());
      await deleteRecord(db, removed!.id, Date.now());
      await harness.engine.drain();
      harness.world.config = xapiConfig(server);
      await harness.engine.settingsChanged();

      // Back on the first server: the old statements are voided, the new version sent once.
      expect(server.voided.has(edited!.id)).toBe(true);
      expect(server.voided.has(removed!.id)).toBe(true);
      expect(server.voided.has(kept!.id)).toBe(false);
      expect([...server.statementWrites.values()].every((count) => count === 1)).toBe(true);
      expect(server.statementWrites.get(kept!.id)).toBe(1);
    } finally {
      await other.close();
    }
  });
});
