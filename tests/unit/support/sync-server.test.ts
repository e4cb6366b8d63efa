// @vitest-environment node
// Node's own fetch and http, not happy-dom's: the server is real and so are its sockets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRecords } from '@/tests/support/make-records';
import { startSyncServer, type Fault, type SyncServer } from '@/tests/support/sync-server';
import { recordToStatement, type XapiAgent } from '@/utils/export/xapi';
import type { LearningRecord } from '@/utils/records';

const ACTOR: XapiAgent = { objectType: 'Agent', name: 'Ada Nurse', mbox: 'mailto:ada@example.org' };
const BASIC = `Basic ${Buffer.from('learnlog-key:learnlog-secret').toString('base64')}`;
const XAPI_HEADERS = {
  'X-Experience-API-Version': '1.0.3',
  Authorization: BASIC,
  'Content-Type': 'application/json',
};
const API_HEADERS = { Authorization: 'Bearer learnlog-token', 'Content-Type': 'application/json' };

const records = makeRecords(12, { seed: 7 });
const record = (index: number) => records[index]!;
const statement = (index: number) => recordToStatement(record(index), ACTOR);

function voiding(id: string, target: string) {
  return {
    id,
    actor: ACTOR,
    verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-GB': 'voided' } },
    object: { objectType: 'StatementRef', id: target },
  };
}

let server: SyncServer;

afterEach(async () => {
  await server.close();
});

describe('the reference LRS', () => {
  beforeEach(async () => {
    server = await startSyncServer();
  });

  const putStatement = (
    id: string,
    body: unknown,
    headers: Record<string, string> = XAPI_HEADERS,
  ) =>
    fetch(`${server.xapiBase}statements?statementId=${id}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify(body),
    });
  const postStatements = (body: unknown) =>
    fetch(`${server.xapiBase}statements`, {
      method: 'POST',
      headers: XAPI_HEADERS,
      body: JSON.stringify(body),
    });
  const getStatement = (query: string) =>
    fetch(`${server.xapiBase}statements?${query}`, { headers: XAPI_HEADERS });

  it('answers /about without credentials', async () => {
    const response = await fetch(`${server.xapiBase}about`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-experience-api-version')).toBe('1.0.3');
    expect(await response.json()).toEqual({ version: ['1.0.3'] });
  });

  it('stores a statement once: an identical repeat is a no-op, different content a conflict', async () => {
    const sent = statement(0);
    expect((await putStatement(sent.id, sent)).status).toBe(204);
    expect((await putStatement(sent.id, sent)).status).toBe(204);
    expect(server.writes.get(sent.id)).toBe(1);
    expect(server.statements.get(sent.id)).toEqual(sent);

    const changed = { ...sent, timestamp: '2020-01-01T00:00:00.000Z' };
    const conflict = await putStatement(sent.id, changed);
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get('x-experience-api-version')).toBe('1.0.3');
    expect(server.statements.get(sent.id)).toEqual(sent);
  });

  it('takes the id from statementId and refuses a body whose id differs', async () => {
    const { id, ...withoutId } = statement(1);
    expect((await putStatement(id, withoutId)).status).toBe(204);
    expect(server.statements.get(id)).toMatchObject({ id });
    expect((await putStatement(statement(2).id, statement(3))).status).toBe(400);
  });

  it('refuses a request without the version header, with a plain message', async () => {
    const { 'X-Experience-API-Version': _version, ...headers } = XAPI_HEADERS;
    const response = await putStatement(statement(0).id, statement(0), headers);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/X-Experience-API-Version/);
    expect(response.headers.get('x-experience-api-version')).toBe('1.0.3');
    expect(server.statements.size).toBe(0);
  });

  it('refuses missing or wrong credentials with 401 and a Basic challenge', async () => {
    const wrong = `Basic ${Buffer.from('learnlog-key:guess').toString('base64')}`;
    const { Authorization: _auth, ...noAuth } = XAPI_HEADERS;
    for (const headers of [{ ...XAPI_HEADERS, Authorization: wrong }, noAuth]) {
      const response = await putStatement(statement(0).id, statement(0), headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="LRS"');
    }
    expect(server.statements.size).toBe(0);
  });

  it('refuses bad JSON, non-JSON bodies, invalid statements and bodies over 1 MB', async () => {
    const url = `${server.xapiBase}statements?statementId=${statement(0).id}`;
    const bad = await fetch(url, { method: 'PUT', headers: XAPI_HEADERS, body: '{"actor":' });
    expect(bad.status).toBe(400);
    const plain = await fetch(url, {
      method: 'PUT',
      headers: { ...XAPI_HEADERS, 'Content-Type': 'text/plain' },
      body: JSON.stringify(statement(0)),
    });
    expect(plain.status).toBe(400);
    const invalid = await putStatement(statement(0).id, { ...statement(0), actor: { name: 'x' } });
    expect(invalid.status).toBe(400);
    expect(await invalid.text()).toMatch(/actor/);
    const huge = await fetch(url, {
      method: 'PUT',
      headers: XAPI_HEADERS,
      body: JSON.stringify({ ...statement(0), padding: 'x'.repeat(1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(server.statements.size).toBe(0);
  });

  it('stores a batch and answers with its ids in order', async () => {
    const batch = [statement(0), statement(1), statement(2)];
    const response = await postStatements(batch);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(batch.map((sent) => sent.id));
    expect([...server.statements.keys()]).toEqual(batch.map((sent) => sent.id));
    // A repeat of the batch (a retry) changes nothing.
    expect((await postStatements(batch)).status).toBe(200);
    for (const sent of batch) expect(server.writes.get(sent.id)).toBe(1);
  });

  it('accepts one statement without an array', async () => {
    const response = await postStatements(statement(4));
    expect(await response.json()).toEqual([statement(4).id]);
  });

  it('stores nothing from a batch with a conflicting id (409)', async () => {
    await putStatement(statement(0).id, statement(0));
    const conflicting = { ...statement(0), timestamp: '2020-01-01T00:00:00.000Z' };
    const response = await postStatements([statement(1), conflicting, statement(2)]);
    expect(response.status).toBe(409);
    expect([...server.statements.keys()]).toEqual([statement(0).id]);
  });

  it('refuses a batch that repeats an id, or a statement without one (400)', async () => {
    const repeated = await postStatements([statement(1), statement(2), statement(1)]);
    expect(repeated.status).toBe(400);
    expect(await repeated.text()).toMatch(/repeats the id/);
    const { id: _id, ...withoutId } = statement(3);
    const missing = await postStatements([statement(4), withoutId]);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/Statement 2 has no id/);
    expect(server.statements.size).toBe(0);
  });

  it('voids statements, hides them from statementId and refuses to void a voiding one', async () => {
    const target = statement(0);
    const voider = voiding('aaaaaaaa-0000-4000-8000-000000000001', target.id);
    await putStatement(target.id, target);
    expect((await postStatements([voider])).status).toBe(200);
    expect(server.voided).toEqual(new Set([target.id]));
    expect(server.statements.has(voider.id)).toBe(true);

    expect((await getStatement(`statementId=${target.id}`)).status).toBe(404);
    const found = await getStatement(`voidedStatementId=${target.id}`);
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ id: target.id });

    const again = voiding('aaaaaaaa-0000-4000-8000-000000000002', voider.id);
    const refused = await putStatement(again.id, again);
    expect(refused.status).toBe(400);
    expect(server.statements.has(again.id)).toBe(false);
  });

  it('lets a statement void an id it does not know', async () => {
    const unknown = 'bbbbbbbb-0000-4000-8000-000000000009';
    const voider = voiding('aaaaaaaa-0000-4000-8000-000000000003', unknown);
    expect((await putStatement(voider.id, voider)).status).toBe(204);
    expect(server.voided.has(unknown)).toBe(true);
  });

  it('finds a statement by statementId, with stored and authority added, or answers 404', async () => {
    const sent = statement(5);
    await putStatement(sent.id, sent);
    const found = await getStatement(`statementId=${sent.id}`);
    expect(found.status).toBe(200);
    const body = (await found.json()) as Record<string, unknown>;
    expect(body).toMatchObject(sent);
    expect(body.stored).toEqual(expect.any(String));
    expect(body.authority).toMatchObject({ objectType: 'Agent' });
    // The LRS's additions are for reading only: the stored statement still compares equal.
    expect((await putStatement(sent.id, sent)).status).toBe(204);

    expect((await getStatement(`statementId=${statement(6).id}`)).status).toBe(404);
    expect((await getStatement('verb=x')).status).toBe(400);
  });
});

describe('the Learnlog JSON API', () => {
  beforeEach(async () => {
    server = await startSyncServer({ token: 'secret-token' });
  });

  const headers = { ...API_HEADERS, Authorization: 'Bearer secret-token' };
  const put = (body: Partial<LearningRecord> & { id: string }, id = body.id) =>
    fetch(`${server.apiBase}records/${id}`, { method: 'PUT', headers, body: JSON.stringify(body) });
  const remove = (id: string, deletedAt?: number) =>
    fetch(
      `${server.apiBase}records/${id}${deletedAt === undefined ? '' : `?deletedAt=${deletedAt}`}`,
      { method: 'DELETE', headers },
    );
  const changes = async (query = '') => {
    const response = await fetch(`${server.apiBase}records${query}`, { headers });
    expect(response.status).toBe(200);
    return (await response.json()) as {
      records: LearningRecord[];
      deletions: { id: string; deletedAt: number }[];
      cursor: string;
      more: boolean;
    };
  };

  it('needs the bearer token and answers errors as JSON', async () => {
    const response = await fetch(`${server.apiBase}records`, {
      headers: { Authorization: 'Bearer learnlog-token' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ error: expect.any(String) });
    expect((await fetch(`${server.apiBase}records`)).status).toBe(401);
  });

  it('answers 404 in JSON for anything else', async () => {
    const response = await fetch(`${server.apiBase}nothing`, { headers });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Not found.' });
  });

  it('stores a new record (201), treats an identical repeat as a no-op (200)', async () => {
    const created = await put(record(0));
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ id: record(0).id, updatedAt: record(0).updatedAt });
    const repeated = await put(record(0));
    expect(repeated.status).toBe(200);
    expect(server.writes.get(record(0).id)).toBe(1);
    expect(server.records.get(record(0).id)).toEqual(record(0));
  });

  it('lets the later updatedAt win and answers 409 with the server’s time otherwise', async () => {
    const newer = { ...record(0), title: 'Edited', updatedAt: record(0).updatedAt + 10 };
    expect((await put(newer)).status).toBe(201);
    const older = await put(record(0));
    expect(older.status).toBe(409);
    expect(await older.json()).toEqual({ error: expect.any(String), updatedAt: newer.updatedAt });
    const sameTime = await put({ ...newer, title: 'Another edit' });
    expect(sameTime.status).toBe(409);
    const newest = { ...newer, title: 'Edited again', updatedAt: newer.updatedAt + 1 };
    expect((await put(newest)).status).toBe(200);
    expect(server.records.get(newer.id)).toMatchObject({ title: 'Edited again' });
    expect(server.writes.get(newer.id)).toBe(2);
  });

  it('refuses an invalid record with the first problem in plain words', async () => {
    const response = await put({ ...record(0), title: '' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Give the learning a title.' });
    expect((await put(record(1), record(2).id)).status).toBe(400);
    expect((await put({ ...record(1), deletedAt: record(1).updatedAt })).status).toBe(400);
    expect(server.records.size).toBe(0);
  });

  it('keeps a deletion as a tombstone; a repeat is a no-op; a later edit wins over it', async () => {
    const kept = record(0);
    await put(kept);
    const deletedAt = kept.updatedAt + 5;
    expect((await remove(kept.id, deletedAt)).status).toBe(204);
    expect(server.records.get(kept.id)).toEqual({ ...kept, deletedAt, updatedAt: deletedAt });
    expect((await remove(kept.id, deletedAt)).status).toBe(204);
    expect(server.writes.get(kept.id)).toBe(2);
    // The device that deleted it has an older copy: the tombstone is the later version.
    expect((await put(kept)).status).toBe(409);

    const edited = { ...record(1), updatedAt: record(1).updatedAt + 100 };
    await put(edited);
    const stale = await remove(edited.id, record(1).updatedAt + 1);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ updatedAt: edited.updatedAt });
    expect(server.records.get(edited.id)?.deletedAt).toBeUndefined();
  });

  it('keeps a bare tombstone for an id it never held, and needs deletedAt', async () => {
    const id = record(3).id;
    expect((await remove(id)).status).toBe(400);
    expect((await remove(id, 1_800_000_000_000)).status).toBe(204);
    expect(server.records.get(id)).toEqual({
      id,
      deletedAt: 1_800_000_000_000,
      updatedAt: 1_800_000_000_000,
    });
  });

  it('pages through changes with the cursor until more is false', async () => {
    for (const seeded of records.slice(0, 5)) server.seedRecord(seeded);
    await put(record(5));
    await remove(record(0).id, record(0).updatedAt + 1);

    const seen: string[] = [];
    let page = await changes('?limit=2');
    seen.push(...page.records.map((live) => live.id), ...page.deletions.map((gone) => gone.id));
    let pages = 1;
    while (page.more) {
      page = await changes(`?since=${page.cursor}&limit=2`);
      seen.push(...page.records.map((live) => live.id), ...page.deletions.map((gone) => gone.id));
      pages += 1;
    }
    expect(pages).toBe(3);
    // The deleted record moved to the end: it is reported once, as a deletion.
    expect(seen).toEqual([...records.slice(1, 6), record(0)].map((each) => each.id));
    expect(page.deletions).toEqual([{ id: record(0).id, deletedAt: record(0).updatedAt + 1 }]);

    const nothing = await changes(`?since=${page.cursor}`);
    expect(nothing).toEqual({ records: [], deletions: [], cursor: page.cursor, more: false });
    const edited = { ...record(2), title: 'Edited', updatedAt: record(2).updatedAt + 1 };
    await put(edited);
    const next = await changes(`?since=${page.cursor}`);
    expect(next.records).toEqual([edited]);
    expect(next.more).toBe(false);
    expect(Number(next.cursor)).toBeGreaterThan(Number(page.cursor));
  });

  it('refuses a cursor it never gave and a limit out of range', async () => {
    for (const query of ['?since=abc', '?since=99', '?since=-1', '?limit=0', '?limit=1001']) {
      const response = await fetch(`${server.apiBase}records${query}`, { headers });
      expect(response.status, query).toBe(400);
      expect(await response.json()).toEqual({ error: expect.any(String) });
    }
  });

  it('refuses to seed something that is not a record', () => {
    expect(() => server.seedRecord({ id: 'nope' })).toThrow(/Not a record/);
  });
});

describe('faults', () => {
  const about = (init?: RequestInit) => fetch(`${server.xapiBase}about`, init);
  const putRecord = (index: number, init: RequestInit = {}) =>
    fetch(`${server.apiBase}records/${record(index).id}`, {
      method: 'PUT',
      headers: API_HEADERS,
      body: JSON.stringify(record(index)),
      ...init,
    });

  it('answers injected statuses in order, only to matching requests, without doing the work', async () => {
    server = await startSyncServer();
    server.injectFault(
      { kind: 'status', status: 503 },
      { times: 2, match: { pathPrefix: '/api/' } },
    );
    server.injectFault({ kind: 'status', status: 401, body: '{"error":"expired"}' });
    expect((await about()).status).toBe(401);
    const first = await putRecord(0);
    expect(first.status).toBe(503);
    expect(await first.json()).toEqual({ error: expect.any(String) });
    expect((await putRecord(0)).status).toBe(503);
    expect(server.records.size).toBe(0);
    expect((await putRecord(0)).status).toBe(201);
    expect(server.requests.map((request) => request.status)).toEqual([401, 503, 503, 201]);
  });

  it('filters by method too, and clearFaults empties the queue', async () => {
    server = await startSyncServer();
    server.injectFault({ kind: 'status', status: 500 }, { match: { method: 'put' } });
    expect((await about()).status).toBe(200);
    expect((await putRecord(0)).status).toBe(500);
    server.injectFault({ kind: 'status', status: 500 }, { times: 5 });
    server.clearFaults();
    expect((await about()).status).toBe(200);
  });

  it('leaves a timed-out request hanging until the client gives up', async () => {
    server = await startSyncServer();
    server.injectFault({ kind: 'timeout' });
    await expect(putRecord(0, { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(server.records.size).toBe(0);
    expect(server.requests[0]?.status).toBe('timeout');
    expect((await putRecord(0)).status).toBe(201);
  });

  it('resets the connection on a drop, so fetch rejects', async () => {
    server = await startSyncServer();
    server.injectFault({ kind: 'drop' });
    await expect(putRecord(0)).rejects.toThrow(TypeError);
    expect(server.records.size).toBe(0);
    expect(server.requests[0]?.status).toBe('drop');
    expect((await putRecord(0)).status).toBe(201);
  });

  it('does the work of a slow request at once but replies late', async () => {
    server = await startSyncServer();
    server.injectFault({ kind: 'slow', ms: 150 });
    const started = performance.now();
    expect((await putRecord(0)).status).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);

    // A client that gives up first has still had its record stored: a retry must be a no-op.
    server.injectFault({ kind: 'slow', ms: 300 });
    await expect(putRecord(1, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect(server.records.has(record(1).id)).toBe(true);
    expect((await putRecord(1)).status).toBe(200);
    expect(server.writes.get(record(1).id)).toBe(1);
  });

  it('meets the same random faults with the same seed', async () => {
    const randomFaults: Fault[] = [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 503 },
      { kind: 'drop' },
      { kind: 'slow', ms: 1 },
    ];
    const outcomes = async (seed: number) => {
      const run = await startSyncServer({ seed, faultRate: 0.5, randomFaults });
      for (let index = 0; index < 30; index += 1) {
        await fetch(`${run.xapiBase}about`).catch(() => undefined);
      }
      await run.close();
      return run.requests.map((request) => request.status);
    };
    const first = await outcomes(42);
    expect(await outcomes(42)).toEqual(first);
    expect(await outcomes(43)).not.toEqual(first);
    expect(first).toContain(200);
    expect(first.some((status) => status !== 200)).toBe(true);

    server = await startSyncServer({ seed: 42, faultRate: 1, randomFaults });
    server.setFaultRate(0);
    for (let index = 0; index < 5; index += 1) expect((await about()).status).toBe(200);
  });

  it('closes promptly with a request left hanging', async () => {
    server = await startSyncServer();
    server.injectFault({ kind: 'timeout' });
    const hanging = putRecord(0).then(
      () => 'answered',
      () => 'rejected',
    );
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await hanging).toBe('rejected');
  });
});
