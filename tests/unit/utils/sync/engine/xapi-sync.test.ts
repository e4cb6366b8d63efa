// @vitest-environment node
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRecords } from '@/utils/db/import-records';
import { addRecord, deleteRecord, saveEdit, undoDelete } from '@/utils/db/records-store';
import { statementIdFor, voidingIdFor } from '@/utils/sync/statement-ids';
import { makeRecords } from '@/tests/support/make-records';
import { startSyncServer, type SyncServer } from '@/tests/support/sync-server';
import { syncHarness, xapiConfig } from '@/tests/support/sync-harness';

/** The sync engine against a real LRS over HTTP on 127.0.0.1, with faults. */
describe('sync to an xAPI learning record store', () => {
  let server: SyncServer;
  let harness: ReturnType<typeof syncHarness>;
  const now = new Date(2026, 10, 26, 12);

  beforeEach(async () => {
    server = await startSyncServer();
    harness = syncHarness(xapiConfig(server));
  });
  afterEach(async () => {
    await server.close();
    harness.world.db.close();
    await Dexie.delete(harness.world.db.name);
  });

  const requestsTo = (method: string) => server.requests.filter((r) => r.method === method);

  it('sends every record once, as a statement under the record’s id, and marks it synced', async () => {
    const records = makeRecords(5);
    await importRecords(harness.world.db, records);
    await harness.engine.drain();

    expect(harness.world.status).toMatchObject({ state: 'idle', failures: 0 });
    expect(harness.world.status.lastSyncedAt).toBe(harness.world.clock);
    expect(harness.world.periodic).toBe(true);
    expect([...server.statements.keys()].sort()).toEqual(records.map((r) => r.id).sort());
    for (const record of records) {
      expect(server.statementWrites.get(record.id)).toBe(1);
      expect(await harness.world.db.syncStates.get(record.id)).toEqual({
        recordId: record.id,
        syncedUpdatedAt: record.updatedAt,
        statementId: record.id,
      });
    }
    expect(await harness.world.db.outbox.count()).toBe(0);
    // Every request carried the version header and the key and secret (the server checks both).
    expect(requestsTo('PUT').every((request) => request.status === 204)).toBe(true);
  });

  it('an edit voids the old statement and sends the new version; a delete voids it; undo sends it again', async () => {
    const db = harness.world.db;
    const [record] = makeRecords(1);
    await addRecord(db, record!);
    await harness.engine.drain();

    const edited = await saveEdit(db, record!.id, { title: 'Safeguarding update (edited)' }, now);
    if (!edited.ok) throw new Error(edited.error);
    await harness.engine.drain();
    const secondId = await statementIdFor(edited.record);
    expect(secondId).not.toBe(record!.id);
    expect(server.voided.has(record!.id)).toBe(true);
    expect(server.statements.has(await voidingIdFor(record!.id))).toBe(true);
    expect(server.statements.get(secondId)).toMatchObject({
      object: { definition: { name: { 'en-GB': 'Safeguarding update (edited)' } } },
    });

    await deleteRecord(db, record!.id, now.getTime() + 10);
    await harness.engine.drain();
    expect(server.voided.has(secondId)).toBe(true);
    expect((await db.syncStates.get(record!.id))?.statementId).toBeUndefined();

    await undoDelete(db, record!.id, now.getTime() + 20);
    await harness.engine.drain();
    const restored = (await db.records.get(record!.id))!;
    const thirdId = await statementIdFor(restored);
    expect(server.statements.has(thirdId)).toBe(true);
    expect(server.voided.has(thirdId)).toBe(false);
    // One statement stands for the record; every statement was written exactly once.
    const standing = [...server.statements.entries()].filter(
      ([id, statement]) =>
        !server.voided.has(id) &&
        (statement as { verb: { id: string } }).verb.id !== 'http://adlnet.gov/expapi/verbs/voided',
    );
    expect(standing.map(([id]) => id)).toEqual([thirdId]);
    expect([...server.statementWrites.values()].every((count) => count === 1)).toBe(true);
  });

  it('batches: one POST per 50 records; a batch the LRS refuses with 409 is sent one by one', async () => {
    harness = syncHarness(xapiConfig(server), { batchSize: 50 });
    const records = makeRecords(120);
    await importRecords(harness.world.db, records);
    server.injectFault({ kind: 'status', status: 409 }, { match: { method: 'POST' } });
    await harness.engine.drain();

    expect(requestsTo('POST')).toHaveLength(3);
    // The refused batch of 50 went again as single PUTs (409 on a PUT would count as done).
    expect(requestsTo('PUT')).toHaveLength(50);
    expect(server.statements.size).toBe(120);
    expect(await harness.world.db.outbox.count()).toBe(0);
  });

  it('the learner’s batch size wins: 1 sends every statement with its own PUT', async () => {
    harness = syncHarness({ ...xapiConfig(server), batchSize: 1 }, { batchSize: 50 });
    await importRecords(harness.world.db, makeRecords(7));
    await harness.engine.drain();
    expect(requestsTo('POST')).toHaveLength(0);
    expect(requestsTo('PUT')).toHaveLength(7);
  });

  it('a server error stops the drain, keeps everything waiting and retries after a backoff', async () => {
    const records = makeRecords(3);
    await importRecords(harness.world.db, records);
    server.injectFault({ kind: 'status', status: 503 }, { match: { method: 'PUT' } });
    await harness.engine.drain();

    const { status, retries, clock } = harness.world;
    expect(status.state).toBe('retrying');
    expect(status.message).toContain('error 503');
    expect(status.failures).toBe(1);
    // First backoff: half the base delay plus half of it at random (0.5 here).
    expect(status.nextAttemptAt).toBe(clock + 750);
    expect(retries).toEqual([status.nextAttemptAt]);
    expect(await harness.world.db.outbox.count()).toBe(3);

    // Too early: nothing is sent.
    const before = server.requests.length;
    await harness.engine.drain();
    expect(server.requests.length).toBe(before);

    await harness.syncUntilSettled();
    expect(server.statements.size).toBe(3);
    expect(harness.world.status).toMatchObject({ state: 'idle', failures: 0 });
  });

  it('each failure in a row waits longer', async () => {
    await importRecords(harness.world.db, makeRecords(1));
    const waits: number[] = [];
    server.injectFault({ kind: 'status', status: 500 }, { times: 4 });
    for (let attempt = 0; attempt < 4; attempt += 1) {
      harness.world.clock = harness.world.status.nextAttemptAt ?? harness.world.clock;
      await harness.engine.drain();
      waits.push(harness.world.status.nextAttemptAt! - harness.world.clock);
    }
    expect(waits).toEqual([750, 1_500, 3_000, 6_000]);
  });

  it.each([
    ['a timeout', { kind: 'timeout' } as const, 'did not answer'],
    ['a dropped connection', { kind: 'drop' } as const, 'could not reach'],
    ['a reply too slow to wait for', { kind: 'slow', ms: 1_500 } as const, 'did not answer'],
  ])('%s is retried, and the record ends on the server exactly once', async (_, fault, words) => {
    const [record] = makeRecords(1);
    await addRecord(harness.world.db, record!);
    server.injectFault(fault);
    await harness.engine.drain();
    expect(harness.world.status.state).toBe('retrying');
    expect(harness.world.status.message).toContain(words);
    await new Promise((resolve) => setTimeout(resolve, fault.kind === 'slow' ? 1_200 : 0));
    await harness.syncUntilSettled();
    expect(server.statements.has(record!.id)).toBe(true);
    expect(server.statementWrites.get(record!.id)).toBe(1);
    expect(await harness.world.db.outbox.count()).toBe(0);
  });

  it('401 stops syncing and asks for the sign-in details; nothing is sent until they change', async () => {
    harness.world.config = {
      ...xapiConfig(server),
      credentials: { key: 'learnlog-key', secret: 'wrong' },
    };
    await importRecords(harness.world.db, makeRecords(2));
    await harness.engine.drain();
    expect(harness.world.status.state).toBe('stopped');
    expect(harness.world.status.message).toContain('did not accept your sign-in details');

    const before = server.requests.length;
    harness.world.clock += 3_600_000;
    await harness.engine.drain();
    expect(server.requests.length).toBe(before);
    expect(await harness.world.db.outbox.count()).toBe(2);

    harness.world.config = xapiConfig(server);
    await harness.engine.drain();
    expect(harness.world.status.state).toBe('idle');
    expect(server.statements.size).toBe(2);
  });

  it('403 stops syncing too', async () => {
    await importRecords(harness.world.db, makeRecords(1));
    server.injectFault({ kind: 'status', status: 403 });
    await harness.engine.drain();
    expect(harness.world.status).toMatchObject({ state: 'stopped' });
    expect(harness.world.status.message).toContain('403');
  });

  it('409 on a single statement counts as done', async () => {
    const [record] = makeRecords(1);
    await addRecord(harness.world.db, record!);
    server.injectFault({ kind: 'status', status: 409 });
    await harness.engine.drain();
    expect(harness.world.status.state).toBe('idle');
    expect((await harness.world.db.syncStates.get(record!.id))?.syncedUpdatedAt).toBe(
      record!.updatedAt,
    );
  });

  it('another 4xx is shown on that record, and the others still go', async () => {
    const records = makeRecords(3);
    await importRecords(harness.world.db, records);
    const refused = records[1]!.id;
    server.injectFault(
      {
        kind: 'status',
        status: 400,
        body: '{"error":"Titles over 200 characters are not accepted"}',
      },
      { match: { method: 'PUT', pathPrefix: `/xapi/statements?statementId=${refused}` } },
    );
    await harness.engine.drain();
    expect(harness.world.status.state).toBe('idle');
    const state = await harness.world.db.syncStates.get(refused);
    expect(state?.error).toContain('error 400');
    expect(state?.syncedUpdatedAt).toBeUndefined();
    expect(await harness.world.db.outbox.count()).toBe(0);
    expect(server.statements.size).toBe(2);

    // Editing the record queues it again.
    await saveEdit(harness.world.db, refused, { title: 'Shorter title' }, now);
    await harness.engine.drain();
    expect((await harness.world.db.syncStates.get(refused))?.error).toBeUndefined();
    expect(server.statements.size).toBe(3);
  });

  it('without permission to reach the server, or without an identity, it stops, says why and sends nothing until that is fixed', async () => {
    await importRecords(harness.world.db, makeRecords(1));
    harness.world.permitted = false;
    await harness.engine.drain();
    expect(harness.world.status.state).toBe('stopped');
    expect(harness.world.status.message).toContain('permission to reach');

    // Granted later (the settings page asks again), the next drain goes ahead.
    harness.world.permitted = true;
    await harness.engine.drain();
    expect(harness.world.status.state).toBe('idle');
    expect(server.statements.size).toBe(1);

    await addRecord(harness.world.db, makeRecords(1, { seed: 3 })[0]!);
    const sent = server.requests.length;
    harness.world.actor = undefined;
    harness.world.config = { ...xapiConfig(server), credentials: { key: 'k2', secret: 's2' } };
    await harness.engine.drain();
    expect(harness.world.status.message).toContain('Your identity for xAPI');
    expect(server.requests).toHaveLength(sent);
  });

  it('turning sync off stops requests in flight and sends nothing more', async () => {
    await importRecords(harness.world.db, makeRecords(5));
    server.injectFault({ kind: 'slow', ms: 300 });
    const draining = harness.engine.drain();
    await new Promise((resolve) => setTimeout(resolve, 50));
    harness.world.config = { ...xapiConfig(server), enabled: false };
    await harness.engine.settingsChanged();
    await draining;
    const sent = server.requests.length;
    expect(sent).toBe(1);
    expect(harness.world.status.state).toBe('off');
    expect(harness.world.periodic).toBe(false);
    expect(await harness.world.db.outbox.count()).toBe(0);

    // Changes while off are not queued, and drains send nothing.
    await addRecord(harness.world.db, makeRecords(1, { seed: 7 })[0]!);
    await harness.engine.drain();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(server.requests.length).toBe(sent);
  });

  it('a change made while a drain is under way is sent before the drain ends', async () => {
    const db = harness.world.db;
    const [record] = makeRecords(1);
    await addRecord(db, record!);
    server.injectFault({ kind: 'slow', ms: 200 });
    const draining = harness.engine.drain();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const edited = await saveEdit(db, record!.id, { title: 'Changed in flight' }, now);
    void harness.engine.drain();
    await draining;
    if (!edited.ok) throw new Error(edited.error);
    expect(server.statements.has(await statementIdFor(edited.record))).toBe(true);
    expect(server.voided.has(record!.id)).toBe(true);
    expect(await db.outbox.count()).toBe(0);
  });
});
