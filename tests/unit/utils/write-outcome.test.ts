import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LearnlogDatabase } from '@/utils/db/database';
import { addRecord, deleteRecord, undoDelete } from '@/utils/db/records-store';
import { setPaused } from '@/utils/site-access/choices';
import { loadSiteAccess } from '@/utils/site-access/site-access-store';
import { attemptWrite, refusedWrite } from '@/utils/write-outcome';
import { makeRecords } from '@/tests/support/make-records';

describe('a write the browser refuses is said in plain words, and changes nothing', () => {
  beforeEach(() => void vi.spyOn(console, 'error').mockImplementation(() => undefined));
  const names: string[] = [];
  afterEach(async () => {
    for (const name of names.splice(0)) await Dexie.delete(name);
    fakeBrowser.reset();
  });

  it('a delete and an undo against a closed database', async () => {
    const db = new LearnlogDatabase(`refused-${crypto.randomUUID()}`);
    names.push(db.name);
    const [record] = makeRecords(1);
    await addRecord(db, record!);
    db.close(); // as when the browser closes the database under the page
    const refused = await attemptWrite(`delete “${record!.title}”`, () =>
      deleteRecord(db, record!.id, Date.now()),
    );
    expect(refused).toEqual({ ok: false, text: refusedWrite(`delete “${record!.title}”`) });
    expect(refused.ok === false && refused.text).toMatch(
      /^Learnlog could not delete “.*”: .*Nothing was changed; please try again\.$/,
    );
    const undone = await attemptWrite('restore it', () => undoDelete(db, record!.id, Date.now()));
    expect(undone.ok).toBe(false);
    // Nothing was half-done: the record is there, not deleted.
    const reopened = new LearnlogDatabase(db.name);
    expect((await reopened.records.get(record!.id))?.deletedAt).toBeUndefined();
    reopened.close();
  });

  it('a site choice when storage is full', async () => {
    const before = await loadSiteAccess();
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(
      new Error('QUOTA_BYTES quota exceeded'),
    );
    const result = await setPaused(true);
    expect(result).toEqual({ ok: false, text: refusedWrite('save your choice') });
    expect(await loadSiteAccess()).toEqual(before);
  });

  it('a write that works says nothing but ok', async () => {
    expect(await attemptWrite('do it', async () => 42)).toEqual({ ok: true });
  });
});
