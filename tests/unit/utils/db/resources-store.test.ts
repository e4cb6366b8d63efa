import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LearnlogDatabase } from '@/utils/db/database';
import { addRecord, deleteRecord } from '@/utils/db/records-store';
import {
  addSpentTime,
  clearTimingHistory,
  forgetOldTiming,
  progressOf,
  refreshResource,
} from '@/utils/db/resources-store';
import type { ResourceDetection } from '@/utils/detection/schema';
import { makeRecords } from '@/tests/support/make-records';

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;
const detectionOf = (path: string): ResourceDetection => ({
  title: `Resource ${path}`,
  url: `https://learning.example.org/${path}`,
  kind: 'article',
  stated: { seconds: 300, source: 'label-pair', raw: '5 mins' },
  durationSeconds: 300,
});

describe('the timing history (the resources table)', () => {
  let db: LearnlogDatabase;
  beforeEach(() => {
    db = new LearnlogDatabase(`resources-${crypto.randomUUID()}`);
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  /** A resource last seen `daysAgo` days before NOW, with some time on it. */
  const visited = (path: string, daysAgo: number) =>
    db.resources.put({
      ...progressOf(detectionOf(path), undefined, NOW - daysAgo * DAY),
      spentMs: 5_000,
    });

  it('stores a resource only when time first counts on it', async () => {
    expect(await refreshResource(db, detectionOf('a'), NOW)).toBeUndefined();
    const nothing = await addSpentTime(db, detectionOf('a'), 0, NOW);
    expect(nothing.created).toBe(false);
    expect(await db.resources.count()).toBe(0);
    const first = await addSpentTime(db, detectionOf('a'), 4_000, NOW);
    expect(first).toMatchObject({ created: true, addedMs: 4_000 });
    expect(await db.resources.get(detectionOf('a').url)).toMatchObject({ spentMs: 4_000 });
    // Later detections refresh what the page says of it, keeping its time.
    const retitled = { ...detectionOf('a'), title: 'A better title' };
    expect(await refreshResource(db, retitled, NOW + 1)).toMatchObject({
      title: 'A better title',
      spentMs: 4_000,
    });
  });

  it('a glance is not stored: a new resource needs a first stretch of three seconds', async () => {
    const glance = await addSpentTime(db, detectionOf('glance'), 2_999, NOW);
    // Held, for the caller to offer again with its next stretch.
    expect(glance).toMatchObject({ created: false, heldMs: 2_999, addedMs: 0 });
    expect(glance.progress.spentMs).toBe(2_999);
    expect(await db.resources.count()).toBe(0);
    expect((await addSpentTime(db, detectionOf('read'), 3_000, NOW)).created).toBe(true);
    // Once stored, every moment counts.
    expect((await addSpentTime(db, detectionOf('read'), 500, NOW + 500)).addedMs).toBe(500);
  });

  it('never counts a moment twice when two writers race (a closing tab and its last report)', async () => {
    const detection = detectionOf('race');
    await addSpentTime(db, detection, 5_000, NOW);
    // The closing tab's promised stretch lands first, ending a little after the last report…
    await addSpentTime(db, detection, 5_000, NOW + 5_300, NOW + 5_300);
    // …then the last report, read a moment earlier, covering the same seconds: nothing added.
    const late = await addSpentTime(db, detection, 5_000, NOW + 5_000, NOW + 5_000);
    expect(late.addedMs).toBe(0);
    const stored = await db.resources.get(detection.url);
    expect(stored).toMatchObject({ spentMs: 10_000, countedUntil: NOW + 5_300 });
  });

  it("counts a closing tab's last stretch written after another tab's later report", async () => {
    const detection = detectionOf('two-windows');
    // Tab 1 counted, then tab 2 (a second window) for 5 s until it closed at NOW + 10 000…
    await addSpentTime(db, detection, 5_000, NOW, NOW, 1);
    await addSpentTime(db, detection, 5_000, NOW + 5_000, NOW + 5_000, 2);
    // …tab 1 came back in front and reported a moment, before tab 2's promise was written.
    await addSpentTime(db, detection, 400, NOW + 10_600, NOW + 10_600, 1);
    const late = await addSpentTime(db, detection, 5_000, NOW + 10_700, NOW + 10_000, 2);
    expect(late.addedMs).toBe(5_000);
    expect((await db.resources.get(detection.url))!.spentMs).toBe(15_400);
  });

  it('keeps the stretches counted when a tab announces the resource again', async () => {
    const detection = detectionOf('announced-again');
    await addSpentTime(db, detection, 5_000, NOW, NOW, 1);
    await addSpentTime(db, detection, 600, NOW + 5_600, NOW + 5_600, 1);
    await refreshResource(db, detection, NOW + 5_700);
    expect((await db.resources.get(detection.url))!.countedStretches).toHaveLength(2);
    // Tab 2's stretch between tab 1's two: all of it (a single mark would have dropped it).
    const between = await addSpentTime(db, detection, 5_000, NOW + 5_800, NOW + 5_000, 2);
    expect(between.addedMs).toBe(5_000);
  });

  it('reads a row stored before stretches were kept: the time up to its mark is counted', async () => {
    const detection = detectionOf('older-row');
    await db.resources.put({
      ...progressOf(detection, undefined, NOW),
      spentMs: 60_000,
      countedUntil: NOW,
    });
    const next = await addSpentTime(db, detection, 5_000, NOW + 2_000, NOW + 2_000, 3);
    expect(next.addedMs).toBe(2_000);
  });

  it('two tabs on one resource at the same moments count them once', async () => {
    const detection = detectionOf('same-moments');
    await addSpentTime(db, detection, 5_000, NOW, NOW, 1);
    // Tab 2 counted the last 3 of those seconds too, and 2 more.
    const second = await addSpentTime(db, detection, 5_000, NOW + 2_000, NOW + 2_000, 2);
    expect(second.addedMs).toBe(2_000);
    // A tab's own late report, covering seconds it already reported, adds nothing.
    const again = await addSpentTime(db, detection, 3_000, NOW + 2_100, NOW + 1_900, 2);
    expect(again.addedMs).toBe(0);
  });

  it('a mark far in the future (the clock was put back) is dropped, not obeyed', async () => {
    const detection = detectionOf('clock');
    await addSpentTime(db, detection, 5_000, NOW);
    const back = NOW - 3_600_000;
    const after = await addSpentTime(db, detection, 5_000, back, back);
    expect(after.addedMs).toBe(5_000);
    expect((await db.resources.get(detection.url))!.countedUntil).toBe(back);
  });

  it('a detection alone is not a visit: it never keeps a row from being forgotten', async () => {
    await visited('restored-tab', 40);
    await refreshResource(db, detectionOf('restored-tab'), NOW);
    expect(await forgetOldTiming(db, { now: NOW, keepDays: 30 })).toBe(1);
  });

  it('forgets pages not recorded after the days the learner chose, and keeps recorded ones', async () => {
    await visited('old', 31);
    await visited('recent', 29);
    await visited('recorded', 400);
    await visited('deleted-record', 60);
    const [record, deleted] = makeRecords(2);
    await addRecord(db, { ...record!, url: detectionOf('recorded').url });
    await addRecord(db, { ...deleted!, url: detectionOf('deleted-record').url });
    await deleteRecord(db, deleted!.id, NOW);
    expect(await forgetOldTiming(db, { now: NOW, keepDays: 30 })).toBe(2);
    expect((await db.resources.toCollection().primaryKeys()).sort()).toEqual(
      [detectionOf('recent').url, detectionOf('recorded').url].sort(),
    );
    // A shorter setting forgets more.
    expect(await forgetOldTiming(db, { now: NOW, keepDays: 1 })).toBe(1);
  });

  it('never holds more than its cap: the longest unseen pages without a record go first', async () => {
    for (let index = 0; index < 12; index += 1) await visited(`p${index}`, index);
    const [record] = makeRecords(1);
    await addRecord(db, { ...record!, url: detectionOf('p11').url });
    expect(await forgetOldTiming(db, { now: NOW, keepDays: 30, cap: 5 })).toBe(7);
    const kept = (await db.resources.toCollection().primaryKeys()).sort();
    expect(kept).toEqual(
      ['p0', 'p1', 'p2', 'p3', 'p11'].map((path) => detectionOf(path).url).sort(),
    );
  });

  it('clears everything on the learner’s word, records untouched', async () => {
    await visited('a', 1);
    await visited('b', 2);
    const [record] = makeRecords(1);
    await addRecord(db, record!);
    expect(await clearTimingHistory(db)).toBe(2);
    expect(await db.resources.count()).toBe(0);
    expect(await db.records.count()).toBe(1);
  });
});
