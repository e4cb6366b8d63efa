import { describe, expect, it } from 'vitest';
import { describeSyncStatus, formatSyncTime, recordSyncView } from '@/utils/sync/status-text';
import type { SyncStatus } from '@/utils/sync/status';

// Local times, so the expectations hold in any time zone.
const at = (day: number, hour: number, minute: number, year = 2026) =>
  new Date(year, 10, day, hour, minute).getTime();
const now = at(25, 12, 0);

const record = { updatedAt: at(20, 9, 0) };
const ON_STATES = ['idle', 'syncing', 'retrying', 'stopped'] as const;

describe('recordSyncView', () => {
  it('shows nothing while sync is off, whatever the record’s state', () => {
    expect(recordSyncView(record, true, undefined, { state: 'off' })).toBeUndefined();
    expect(
      recordSyncView(record, false, { recordId: 'r', error: 'Refused' }, { state: 'off' }),
    ).toBeUndefined();
    expect(
      recordSyncView(
        record,
        false,
        { recordId: 'r', syncedUpdatedAt: record.updatedAt },
        { state: 'off' },
      ),
    ).toBeUndefined();
  });

  it('shows a queued record as waiting, and says why when sync is not going well', () => {
    expect(recordSyncView(record, true, undefined, { state: 'idle' })).toEqual({
      kind: 'waiting',
      text: 'Waiting to sync',
    });
    expect(recordSyncView(record, true, undefined, { state: 'syncing' })).toEqual({
      kind: 'waiting',
      text: 'Waiting to sync',
    });
    const stopped = recordSyncView(record, true, undefined, { state: 'stopped' });
    expect(stopped?.kind).toBe('waiting');
    expect(stopped?.text).toMatch(/^Waiting to sync: .*stopped.*Settings/);
    const retrying = recordSyncView(record, true, undefined, { state: 'retrying' });
    expect(retrying?.kind).toBe('waiting');
    expect(retrying?.text).toMatch(/^Waiting to sync: .*try again/);
  });

  it('shows a queued record as waiting even if its last version failed or was synced', () => {
    for (const state of ON_STATES) {
      expect(
        recordSyncView(record, true, { recordId: 'r', error: 'Refused' }, { state })?.kind,
      ).toBe('waiting');
      expect(
        recordSyncView(
          record,
          true,
          { recordId: 'r', syncedUpdatedAt: record.updatedAt },
          { state },
        )?.kind,
      ).toBe('waiting');
    }
  });

  it('shows a refused record as failed, with the reason', () => {
    const reason = 'The server refused this record (error 400). The server said: “Bad verb”';
    for (const state of ON_STATES)
      expect(recordSyncView(record, false, { recordId: 'r', error: reason }, { state })).toEqual({
        kind: 'failed',
        text: `Not synced: ${reason}`,
      });
  });

  it('shows a record as synced only when the server has this very version', () => {
    for (const state of ON_STATES)
      expect(
        recordSyncView(
          record,
          false,
          { recordId: 'r', syncedUpdatedAt: record.updatedAt },
          { state },
        ),
      ).toEqual({ kind: 'synced', text: 'Synced' });
  });

  it('shows a record edited after its last sync as not synced yet', () => {
    const edited = { updatedAt: record.updatedAt + 1 };
    expect(
      recordSyncView(
        edited,
        false,
        { recordId: 'r', syncedUpdatedAt: record.updatedAt },
        {
          state: 'idle',
        },
      ),
    ).toEqual({ kind: 'waiting', text: 'Not synced yet' });
  });

  it('shows a record the server has never had as not synced yet', () => {
    expect(recordSyncView(record, false, undefined, { state: 'idle' })).toEqual({
      kind: 'waiting',
      text: 'Not synced yet',
    });
    expect(recordSyncView(record, false, { recordId: 'r' }, { state: 'idle' })).toEqual({
      kind: 'waiting',
      text: 'Not synced yet',
    });
  });
});

describe('formatSyncTime', () => {
  it('gives only the time for a moment earlier the same day', () => {
    expect(formatSyncTime(at(25, 14, 5), now)).toBe('14:05');
    expect(formatSyncTime(at(25, 0, 1), now)).toBe('00:01');
    expect(formatSyncTime(at(25, 23, 59), now)).toBe('23:59');
  });

  it('adds the day and month for another day', () => {
    expect(formatSyncTime(at(24, 14, 5), now)).toBe('14:05 on 24 Nov');
    expect(formatSyncTime(at(26, 9, 30), now)).toBe('09:30 on 26 Nov');
  });

  it('treats yesterday just before midnight as another day', () => {
    expect(formatSyncTime(at(24, 23, 59), at(25, 0, 1))).toBe('23:59 on 24 Nov');
  });

  it('treats the same date in another year as another day', () => {
    expect(formatSyncTime(at(25, 14, 5, 2025), now)).toBe('14:05 on 25 Nov');
  });

  it('agrees with the browser’s own en-GB time format', () => {
    const when = at(25, 7, 45);
    expect(formatSyncTime(when, now)).toBe(
      new Date(when).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }),
    );
  });
});

describe('describeSyncStatus', () => {
  const status = (change: Partial<SyncStatus>): SyncStatus => ({
    state: 'idle',
    failures: 0,
    ...change,
  });

  it('says sync is off, and ignores waiting records then', () => {
    expect(describeSyncStatus(status({ state: 'off' }), 0, now)).toBe(
      'Sync is off. Your records stay on this device.',
    );
    expect(describeSyncStatus(status({ state: 'off' }), 12, now)).toBe(
      'Sync is off. Your records stay on this device.',
    );
  });

  it('says sync is on, with the last sync time when there is one', () => {
    expect(describeSyncStatus(status({}), 0, now)).toBe('Sync is on.');
    expect(describeSyncStatus(status({ lastSyncedAt: at(25, 9, 30) }), 0, now)).toBe(
      'Sync is on. Last synced at 09:30.',
    );
    expect(describeSyncStatus(status({ lastSyncedAt: at(23, 9, 30) }), 0, now)).toBe(
      'Sync is on. Last synced at 09:30 on 23 Nov.',
    );
  });

  it('counts waiting records in the singular and the plural', () => {
    expect(describeSyncStatus(status({}), 1, now)).toBe('Sync is on. 1 record is waiting.');
    expect(describeSyncStatus(status({}), 2, now)).toBe('Sync is on. 2 records are waiting.');
    expect(describeSyncStatus(status({ state: 'syncing' }), 1, now)).toBe(
      'Syncing… 1 record is waiting.',
    );
  });

  it('writes large counts the UK way', () => {
    expect(describeSyncStatus(status({ state: 'syncing' }), 1234, now)).toBe(
      'Syncing… 1,234 records are waiting.',
    );
    expect(describeSyncStatus(status({ lastSyncedAt: at(25, 9, 30) }), 1_234_567, now)).toBe(
      'Sync is on. Last synced at 09:30. 1,234,567 records are waiting.',
    );
  });

  it('says it is syncing', () => {
    expect(describeSyncStatus(status({ state: 'syncing' }), 0, now)).toBe('Syncing…');
  });

  it('says when sync will try again, and why', () => {
    const message = 'The server had a problem (error 503).';
    expect(
      describeSyncStatus(
        status({ state: 'retrying', failures: 2, message, nextAttemptAt: at(25, 12, 5) }),
        3,
        now,
      ),
    ).toBe(`Sync will try again at 12:05. ${message} 3 records are waiting.`);
    expect(
      describeSyncStatus(
        status({ state: 'retrying', failures: 9, message, nextAttemptAt: at(26, 0, 30) }),
        0,
        now,
      ),
    ).toBe(`Sync will try again at 00:30 on 26 Nov. ${message}`);
    expect(describeSyncStatus(status({ state: 'retrying', failures: 1, message }), 0, now)).toBe(
      `Sync will try again soon. ${message}`,
    );
  });

  it('says sync has stopped, and why', () => {
    const message = 'The server did not accept your sign-in details (error 401).';
    expect(describeSyncStatus(status({ state: 'stopped', message }), 0, now)).toBe(
      `Sync has stopped. ${message}`,
    );
    expect(describeSyncStatus(status({ state: 'stopped', message }), 1, now)).toBe(
      `Sync has stopped. ${message} 1 record is waiting.`,
    );
  });

  it('still makes a sentence when there is no reason to give', () => {
    expect(describeSyncStatus(status({ state: 'stopped' }), 0, now)).toBe('Sync has stopped.');
    expect(describeSyncStatus(status({ state: 'retrying' }), 0, now)).toBe(
      'Sync will try again soon.',
    );
  });
});
