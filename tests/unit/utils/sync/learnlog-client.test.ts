import { describe, expect, it } from 'vitest';
import { makeRecords } from '@/tests/support/make-records';
import { MAX_TEXT } from '@/utils/records';
import { MAX_REPLY_BYTES } from '@/utils/sync/http';
import {
  createLearnlogClient,
  MAX_PULL_REPLY_BYTES,
  PULL_PAGE_SIZE,
} from '@/utils/sync/learnlog-client';

/** A client whose server answers every request with `body`. */
function clientAnswering(body: string) {
  return createLearnlogClient({
    endpoint: 'https://app.example.org/api/',
    token: 'token',
    timeoutMs: 10_000,
    fetch: () =>
      Promise.resolve(
        new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }),
      ),
  });
}

/** A full page of records with long reflections, each text one character repeated. */
function pageOfLongRecords(character: string) {
  const text = character.repeat(MAX_TEXT);
  const records = makeRecords(PULL_PAGE_SIZE, { seed: 9 }).map((record) => ({
    ...record,
    whatLearned: text,
    howWillUse: text,
    notes: text,
  }));
  return JSON.stringify({ records, deletions: [], cursor: 'c1', more: false });
}

describe('pulling from a Learnlog server', () => {
  it('reads a full page of long records, larger than any other reply Learnlog reads', async () => {
    // Three 5,000-character texts of a 3-byte character, 500 times: about 22 MB.
    const body = pageOfLongRecords('€');
    expect(new TextEncoder().encode(body).byteLength).toBeGreaterThan(MAX_REPLY_BYTES);
    const pulled = await clientAnswering(body).pull(undefined);
    expect(pulled.kind).toBe('ok');
    if (pulled.kind === 'ok') expect(pulled.changes.records).toHaveLength(PULL_PAGE_SIZE);
  });

  it('refuses a reply larger than any page of records can be, in plain words', async () => {
    const body = ' '.repeat(MAX_PULL_REPLY_BYTES + 1);
    const pulled = await clientAnswering(body).pull(undefined);
    expect(pulled).toEqual({
      kind: 'retry',
      message: expect.stringMatching(/^The server's reply was larger than \d+ MB/),
    });
  });
});
