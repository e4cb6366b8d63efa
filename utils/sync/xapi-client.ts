import type { RecordSyncState } from '@/utils/db/tables';
import { LANGUAGE, recordToStatement, type XapiAgent } from '@/utils/export/xapi';
import { basicAuthorization, exchange, type HttpOptions, type Outcome } from '@/utils/sync/http';
import type {
  ConnectionTest,
  PushItem,
  PushReport,
  PushResult,
  SyncClient,
} from '@/utils/sync/client';
import { statementIdFor, voidingIdFor } from '@/utils/sync/statement-ids';
import { z } from 'zod';

/**
 * Sync to an xAPI 1.0.3 Learning Record Store. A record is one statement; a new
 * version voids the statement of the one before and is sent under its own id; a delete voids
 * it (xAPI-Data.md 2.3.2). Statements go one by one with the idempotent
 * `PUT /statements?statementId=` or many at once with `POST /statements`.
 * https://github.com/adlnet/xAPI-Spec/blob/master/xAPI-Communication.md#211-put-statements
 */

export const XAPI_VERSION_HEADER = '1.0.3';
export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

export interface XapiClientOptions extends HttpOptions {
  endpoint: string;
  key: string;
  secret: string;
  actor: XapiAgent;
  /** Records per `POST /statements`; 1 sends each statement with its own PUT. */
  batchSize: number;
}

interface Statement {
  id: string;
}

export function voidingStatement(target: string, actor: XapiAgent, at: number) {
  return {
    actor,
    verb: { id: VOIDED_VERB, display: { [LANGUAGE]: 'voided' } },
    object: { objectType: 'StatementRef' as const, id: target },
    timestamp: new Date(at).toISOString(),
  };
}

/** The statements one record needs sent, in order, and the server's state once they are in. */
async function planRecord(item: PushItem, actor: XapiAgent) {
  const { record, state } = item;
  const statements: Statement[] = [];
  const live = record && record.deletedAt === undefined ? record : undefined;
  const newId = live ? await statementIdFor(live) : undefined;
  const at = record?.updatedAt ?? Date.now();
  if (state?.statementId && state.statementId !== newId) {
    statements.push({
      id: await voidingIdFor(state.statementId),
      ...voidingStatement(state.statementId, actor, at),
    });
  }
  if (live && newId && !(state?.statementId === newId)) {
    statements.push({ ...recordToStatement(live, actor), id: newId });
  }
  const after: RecordSyncState = {
    recordId: item.recordId,
    ...(record ? { syncedUpdatedAt: record.updatedAt } : {}),
    ...(newId ? { statementId: newId } : {}),
  };
  return { statements, after };
}

const IdsReplySchema = z.array(z.string());

export function createXapiClient(options: XapiClientOptions): SyncClient {
  const headers = {
    'X-Experience-API-Version': XAPI_VERSION_HEADER,
    Authorization: basicAuthorization(options.key, options.secret),
    'Content-Type': 'application/json',
  };
  const url = (path: string) => new URL(path, options.endpoint).href;

  const put = (statement: Statement) =>
    exchange(options, url(`statements?statementId=${encodeURIComponent(statement.id)}`), {
      method: 'PUT',
      headers,
      body: JSON.stringify(statement),
    });

  async function post(statements: Statement[]): Promise<Outcome> {
    const outcome = await exchange(options, url('statements'), {
      method: 'POST',
      headers,
      body: JSON.stringify(statements),
    });
    // An LRS answers a stored batch with the statements' ids; anything else is not an LRS.
    if (outcome.kind === 'ok') {
      const ids = IdsReplySchema.safeParse(outcome.body);
      if (!ids.success || ids.data.length !== statements.length)
        return {
          kind: 'retry',
          message: 'The server’s reply was not what a learning record store sends.',
        };
    }
    return outcome;
  }

  /** Sends one record's statements one at a time. */
  async function pushOne(item: PushItem, actor: XapiAgent): Promise<PushReport> {
    const { statements, after } = await planRecord(item, actor);
    let state: RecordSyncState = { ...item.state, recordId: item.recordId };
    for (const statement of statements) {
      const outcome = await put(statement);
      if (outcome.kind === 'auth' || outcome.kind === 'retry' || outcome.kind === 'misaddressed') {
        return { results: [], stop: { kind: outcome.kind, message: outcome.message } };
      }
      if (outcome.kind === 'rejected') {
        const failed = { ...state, error: outcome.message };
        return { results: [result(item, failed, true)] };
      }
      // Voided: the record no longer stands on the LRS until the new statement is in.
      if (isVoiding(statement)) {
        const { statementId: _voided, ...rest } = state;
        state = rest;
      }
    }
    return { results: [result(item, after, true)] };
  }

  /** Up to `batchSize` records in one POST; a refused batch is sent again one by one. */
  async function pushBatch(items: readonly PushItem[]): Promise<PushReport> {
    if (items.length > 1) {
      const plans = await Promise.all(items.map((item) => planRecord(item, options.actor)));
      const statements = plans.flatMap((plan) => plan.statements);
      const outcome = statements.length ? await post(statements) : undefined;
      if (!outcome || outcome.kind === 'ok') {
        return { results: items.map((item, i) => result(item, plans[i]!.after, true)) };
      }
      if (outcome.kind === 'auth' || outcome.kind === 'retry' || outcome.kind === 'misaddressed') {
        return { results: [], stop: { kind: outcome.kind, message: outcome.message } };
      }
      // 409 or another refusal of the batch: find which record it was, one by one.
    }
    const results: PushResult[] = [];
    for (const item of items) {
      const report = await pushOne(item, options.actor);
      results.push(...report.results);
      if (report.stop) return { results, stop: report.stop };
    }
    return { results };
  }

  return {
    async push(items) {
      const results: PushResult[] = [];
      for (let start = 0; start < items.length; start += Math.max(options.batchSize, 1)) {
        const report = await pushBatch(items.slice(start, start + Math.max(options.batchSize, 1)));
        results.push(...report.results);
        if (report.stop) return { results, stop: report.stop };
      }
      return { results };
    },

    async testConnection() {
      const about = await exchange(options, url('about'), {
        method: 'GET',
        headers: { 'X-Experience-API-Version': XAPI_VERSION_HEADER },
      });
      if (about.kind !== 'ok') return failedTest(about);
      const versions = z.object({ version: z.array(z.string()) }).safeParse(about.body);
      if (!versions.success || !versions.data.version.some((v) => v.startsWith('1.0.')))
        return {
          ok: false,
          message:
            'The server answered, but not as an xAPI 1.0 learning record store. Check the address (it usually ends in /xapi/).',
        };
      // A statement that cannot exist: 404 proves the sign-in works without reading any data.
      const probe = await exchange(options, url(`statements?statementId=${crypto.randomUUID()}`), {
        method: 'GET',
        headers,
      });
      if (probe.kind === 'ok' || (probe.kind === 'misaddressed' && probe.status === 404))
        return {
          ok: true,
          message: 'Connected. The learning record store accepted your key and secret.',
        };
      return failedTest(probe);
    },
  };
}

function isVoiding(statement: Statement): boolean {
  return (statement as { verb?: { id?: string } }).verb?.id === VOIDED_VERB;
}

function result(item: PushItem, state: RecordSyncState, finished: boolean): PushResult {
  return { recordId: item.recordId, sentUpdatedAt: item.record?.updatedAt, state, finished };
}

export function failedTest(outcome: Outcome) {
  return {
    ok: false,
    message: describeTestFailure(outcome),
    passing: outcome.kind === 'retry',
  } satisfies ConnectionTest;
}

export function describeTestFailure(outcome: Outcome): string {
  if (outcome.kind === 'misaddressed' && outcome.status === 404)
    return 'The server has nothing at this address (error 404). Check the address.';
  if (outcome.kind === 'conflict') return 'The server answered with an unexpected conflict (409).';
  if (outcome.kind === 'ok') return 'The server answered in a way Learnlog did not expect.';
  return outcome.message.replace('refused this record', 'refused the request');
}
