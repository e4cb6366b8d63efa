// @vitest-environment node
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { importRecords } from '@/utils/db/import-records';
import { deleteRecord, saveEdit } from '@/utils/db/records-store';
import { VOIDED_VERB } from '@/utils/sync/xapi-client';
import { makeRecords } from '@/tests/support/make-records';
import { startSyncServer, type SyncServer } from '@/tests/support/sync-server';
import { learnlogConfig, syncHarness, xapiConfig } from '@/tests/support/sync-harness';

/**
 * Soak (bounded): 10,000 records through random 500s, 503s, timeouts, dropped
 * connections and slow replies, with edits and deletes made while it runs, end with every
 * record on the server exactly once and nothing lost locally.
 */
const COUNT = 10_000;
/** The Learnlog API goes one request per record: fewer records keep the soak bounded. */
const API_COUNT = 4_000;
const now = new Date(2026, 10, 26, 12).getTime();

describe('sync soak', () => {
  let server: SyncServer | undefined;
  let harness: ReturnType<typeof syncHarness> | undefined;
  afterEach(async () => {
    await server?.close();
    harness?.world.db.close();
    if (harness) await Dexie.delete(harness.world.db.name);
  });

  /**
   * Once `after` records are on the server, edits 100 records and deletes 50 while the sync goes
   * on: two-thirds of them ones the server already has, the rest ones still waiting.
   */
  async function changeWhileSyncing(
    db: ReturnType<typeof syncHarness>['world']['db'],
    count: number,
    after: number,
  ) {
    while ((await db.syncStates.count()) < after)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const synced = new Set(await db.syncStates.toCollection().primaryKeys());
    const sent = [...synced].slice(0, 100);
    const waiting = makeRecords(count)
      .map((record) => record.id)
      .filter((id) => !synced.has(id))
      .slice(0, 50);
    for (const [i, id] of [...sent, ...waiting].entries()) {
      if (i % 3 === 2) await deleteRecord(db, id, now + i);
      else await saveEdit(db, id, { notes: `Edited during the soak (${i}).` }, new Date(now + i));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it(
    'xAPI in batches: every record stands on the LRS exactly once',
    { timeout: 120_000 },
    async () => {
      server = await startSyncServer({ faultRate: 0.25, seed: 7 });
      harness = syncHarness(xapiConfig(server), { batchSize: 50, timeoutMs: 150 });
      const { db } = harness.world;
      await importRecords(db, makeRecords(COUNT));
      const syncing = harness.syncUntilSettled(5_000);
      await changeWhileSyncing(db, COUNT, 2_000);
      await syncing;
      server.setFaultRate(0);
      // A final drain sends whatever the last edits queued.
      await harness.syncUntilSettled();

      const local = await db.records.toArray();
      expect(local).toHaveLength(COUNT);
      expect(await db.outbox.count()).toBe(0);
      const standing = new Map<string, string>();
      for (const [id, statement] of server.statements) {
        const { verb, object } = statement as { verb: { id: string }; object: { id: string } };
        if (verb.id === VOIDED_VERB || server.voided.has(id)) continue;
        expect(standing.has(object.id + id)).toBe(false);
        standing.set(id, object.id);
      }
      const states = new Map((await db.syncStates.toArray()).map((s) => [s.recordId, s]));
      let live = 0;
      for (const record of local) {
        const state = states.get(record.id)!;
        expect(state.syncedUpdatedAt).toBe(record.updatedAt);
        if (record.deletedAt !== undefined) {
          expect(state.statementId).toBeUndefined();
          continue;
        }
        live += 1;
        // The statement that stands for the record is on the LRS and not voided.
        expect(standing.has(state.statementId!)).toBe(true);
      }
      // Exactly one standing statement per live record, none for deleted ones…
      expect(standing.size).toBe(live);
      expect(live).toBe(COUNT - 50);
      // …and no statement was ever stored twice.
      expect([...server.statementWrites.values()].every((count) => count === 1)).toBe(true);
      // The faults really happened.
      const faults = server.requests.filter((r) => typeof r.status !== 'number' || r.status >= 500);
      expect(faults.length).toBeGreaterThan(20);
    },
  );

  it(
    'Learnlog API one by one: every record on the server exactly once, at its latest version',
    { timeout: 240_000 },
    async () => {
      server = await startSyncServer({ faultRate: 0.03, seed: 11 });
      harness = syncHarness(learnlogConfig(server), { timeoutMs: 150 });
      const { db } = harness.world;
      await importRecords(db, makeRecords(API_COUNT));
      const syncing = harness.syncUntilSettled(5_000);
      await changeWhileSyncing(db, API_COUNT, 1_000);
      await syncing;
      server.setFaultRate(0);
      await harness.syncUntilSettled();

      const local = await db.records.toArray();
      expect(local).toHaveLength(API_COUNT);
      expect(await db.outbox.count()).toBe(0);
      for (const record of local) {
        const held = server.records.get(record.id);
        // A record deleted before its first send never reaches the server; any other deleted
        // record is there as a tombstone.
        if (record.deletedAt !== undefined && held === undefined) continue;
        expect(held).toEqual(
          record.deletedAt === undefined
            ? record
            : expect.objectContaining({ deletedAt: record.updatedAt }),
        );
      }
      // Each version was stored once: 10,000 first versions plus one write per change made.
      const writes = [...server.recordWrites.values()].reduce((a, b) => a + b, 0);
      expect(writes).toBeLessThanOrEqual(API_COUNT + 150);
      expect(writes).toBeGreaterThanOrEqual(server.records.size);
      // Deletes of records the server had arrived as tombstones.
      const tombstones = [...server.records.values()].filter(
        (held) => held.deletedAt !== undefined,
      );
      expect(tombstones.length).toBeGreaterThanOrEqual(30);
    },
  );
});
