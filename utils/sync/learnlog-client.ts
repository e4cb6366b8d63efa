import { z } from 'zod';
import {
  LearningRecordSchema,
  MAX_TAG,
  MAX_TAGS,
  MAX_TEXT,
  MAX_TITLE,
  MAX_STANDARDS,
  MAX_URL,
  type LearningRecord,
} from '@/utils/records';
import { exchange, type HttpOptions } from '@/utils/sync/http';
import type { PushItem, PushReport, PushResult, SyncClient } from '@/utils/sync/client';
import { describeTestFailure, failedTest } from '@/utils/sync/xapi-client';

/**
 * Sync to an organisation's own app through the Learnlog JSON API (the contract is
 * docs/learnlog-api.openapi.yaml): `PUT /records/{id}`, `DELETE /records/{id}?deletedAt=`, and
 * `GET /records?since=` to pull what the learner recorded on their other devices.
 */

export interface LearnlogClientOptions extends HttpOptions {
  endpoint: string;
  token: string;
}

export const PULL_PAGE_SIZE = 500;

/**
 * The most a page of pulled changes can be: every record at its limits (title, address, the
 * three texts, tags and standards), each character up to 4 bytes of UTF-8, with the JSON around
 * it. About 40 MB: anything larger is not a page of records.
 */
const LARGEST_RECORD_BYTES =
  4 * (MAX_TITLE + MAX_URL + 3 * MAX_TEXT + MAX_TAGS * (MAX_TAG + 3) + MAX_STANDARDS * 64 + 1_000);
export const MAX_PULL_REPLY_BYTES = PULL_PAGE_SIZE * LARGEST_RECORD_BYTES;

const DeletionSchema = z.object({
  id: z.uuid(),
  deletedAt: z.number().int().positive(),
});

/** A page of changes, checked record by record before anything is saved. */
const ChangesSchema = z.object({
  records: z.array(z.unknown()).max(10_000),
  deletions: z.array(DeletionSchema).max(10_000),
  cursor: z.string().min(1).max(200),
  more: z.boolean(),
});

export interface Changes {
  records: LearningRecord[];
  deletions: { id: string; deletedAt: number }[];
  cursor: string;
  more: boolean;
}

export type PullResult =
  | { kind: 'ok'; changes: Changes }
  /** The server refused the cursor (400): the client starts again from the beginning. */
  | { kind: 'auth' | 'misaddressed' | 'retry' | 'invalid' | 'stale-cursor'; message: string };

const INVALID_REPLY =
  'The server sent changes Learnlog cannot read, so none of them were saved. Ask whoever runs the server to check it follows the Learnlog API.';

/** Reads a page of changes; one bad record refuses the whole page (nothing half-saved). */
export function readChanges(
  body: unknown,
): { ok: true; changes: Changes } | { ok: false; message: string } {
  const page = ChangesSchema.safeParse(body);
  if (!page.success) return { ok: false, message: INVALID_REPLY };
  const records: LearningRecord[] = [];
  for (const [index, candidate] of page.data.records.entries()) {
    const record = LearningRecordSchema.safeParse(candidate);
    if (!record.success) {
      const issue = record.error.issues[0];
      return {
        ok: false,
        message: `${INVALID_REPLY} (Record ${index + 1}: ${issue?.path.join('.') || 'record'} — ${issue?.message ?? 'not valid'})`,
      };
    }
    records.push(record.data);
  }
  return { ok: true, changes: { ...page.data, records } };
}

export function createLearnlogClient(options: LearnlogClientOptions) {
  const headers = {
    Authorization: `Bearer ${options.token}`,
    'Content-Type': 'application/json',
    Accept: 'application/json',
  };
  const url = (path: string) => new URL(path, options.endpoint).href;
  const recordUrl = (id: string) => url(`records/${encodeURIComponent(id)}`);

  async function pushOne(item: PushItem): Promise<PushReport> {
    const { record, state } = item;
    const done = (next: PushResult['state']): PushReport => ({
      results: [
        { recordId: item.recordId, sentUpdatedAt: record?.updatedAt, state: next, finished: true },
      ],
    });
    // A delete is passed on even if this device never sent the record: the learner's other
    // device may have (the server keeps a tombstone for an id it does not know).
    const deleted = !record || record.deletedAt !== undefined;
    // The deletion is sent as the record's version time (`updatedAt`), which is always later than
    // the version it deletes even if the device's clock went back; `deletedAt` might not be.
    const outcome = deleted
      ? await exchange(
          options,
          `${recordUrl(item.recordId)}?deletedAt=${record?.updatedAt ?? Date.now()}`,
          { method: 'DELETE', headers },
        )
      : await exchange(options, recordUrl(record.id), {
          method: 'PUT',
          headers,
          body: JSON.stringify(record),
        });
    if (outcome.kind === 'auth' || outcome.kind === 'retry' || outcome.kind === 'misaddressed')
      return { results: [], stop: { kind: outcome.kind, message: outcome.message } };
    if (outcome.kind === 'rejected')
      return done({ ...state, recordId: item.recordId, error: outcome.message });
    // Stored, already there, or the server has a later version (409): this one is done.
    return done({
      recordId: item.recordId,
      ...(record ? { syncedUpdatedAt: record.updatedAt } : {}),
    });
  }

  const client: SyncClient & { pull(cursor: string | undefined): Promise<PullResult> } = {
    async push(items) {
      const results: PushResult[] = [];
      for (const item of items) {
        const report = await pushOne(item);
        results.push(...report.results);
        if (report.stop) return { results, stop: report.stop };
      }
      return { results };
    },

    async pull(cursor) {
      const query = new URLSearchParams({ limit: String(PULL_PAGE_SIZE) });
      if (cursor !== undefined) query.set('since', cursor);
      const outcome = await exchange(
        { ...options, maxReplyBytes: MAX_PULL_REPLY_BYTES },
        url(`records?${query}`),
        { method: 'GET', headers },
      );
      if (outcome.kind === 'auth' || outcome.kind === 'retry' || outcome.kind === 'misaddressed')
        return { kind: outcome.kind, message: outcome.message };
      if (outcome.kind === 'rejected' && outcome.status === 400 && cursor !== undefined)
        return { kind: 'stale-cursor', message: outcome.message };
      if (outcome.kind !== 'ok') return { kind: 'invalid', message: describeTestFailure(outcome) };
      const read = readChanges(outcome.body);
      return read.ok
        ? { kind: 'ok', changes: read.changes }
        : { kind: 'invalid', message: read.message };
    },

    async testConnection() {
      const outcome = await exchange(options, url('records?limit=1'), { method: 'GET', headers });
      if (outcome.kind !== 'ok') return failedTest(outcome);
      if (!ChangesSchema.safeParse(outcome.body).success)
        return {
          ok: false,
          message:
            'The server answered, but not as a Learnlog API. Check the address (it is the one your organisation gave you, ending before /records).',
        };
      return { ok: true, message: 'Connected. The server accepted your access token.' };
    },
  };
  return client;
}
export type LearnlogClient = ReturnType<typeof createLearnlogClient>;
