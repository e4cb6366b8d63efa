import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import { z } from 'zod';
import { AgentRule, StatementRule } from '@/tests/support/xapi-rules';
import { LearningRecordSchema, type LearningRecord } from '@/utils/records';
import { seededRandom } from '@/tests/support/make-records';

/**
 * A reference server for Learnlog's sync, for tests and benchmarks: a small xAPI 1.0.3
 * Learning Record Store under `/xapi/` and the Learnlog JSON API under `/api/`
 * (docs/learnlog-api.openapi.yaml). It is strict on purpose, so a client that sends a statement
 * twice with different content, forgets a header or loses a delete is caught, and it can fail on
 * demand (status codes, hanging requests, reset connections, slow replies), in order or at
 * random with a seed, so retry logic can be tested repeatably.
 */

export type Fault =
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'timeout' }
  | { kind: 'drop' }
  | { kind: 'slow'; ms: number };

export interface FaultMatch {
  method?: string;
  /** Compared with the path and query, e.g. '/xapi/statements' or '/api/records/'. */
  pathPrefix?: string;
}

export interface SyncServerOptions {
  xapi?: { key: string; secret: string };
  token?: string;
  /** Probability 0..1 that any request gets a random fault from `randomFaults` (default 0). */
  faultRate?: number;
  randomFaults?: Fault[];
  /** Seed of the fault generator (default 1), so a run with random faults can be repeated. */
  seed?: number;
  port?: number;
}

/** A deletion the server knows of without the record itself (it never held it). */
export interface RecordTombstone {
  id: string;
  updatedAt: number;
  deletedAt: number;
}

/** A live record, a deleted one (with `deletedAt`, fields kept), or a bare tombstone. */
export type StoredRecord = LearningRecord | RecordTombstone;

export interface ReceivedRequest {
  method: string;
  /** Path and query, without the origin. */
  url: string;
  /** When it arrived (Date.now()). */
  at: number;
  /** The status sent; 'timeout' while no reply has been sent (a timeout fault, or the client
   * went away first); 'drop' when the server reset the connection. */
  status: number | 'timeout' | 'drop';
}

export interface SyncServer {
  /** e.g. 'http://127.0.0.1:41234' (no trailing slash) */
  origin: string;
  /** `${origin}/xapi/` */
  xapiBase: string;
  /** `${origin}/api/` */
  apiBase: string;
  /** Queues a fault for the next `times` (default 1) requests that match, before random ones. */
  injectFault(fault: Fault, options?: { times?: number; match?: FaultMatch }): void;
  clearFaults(): void;
  setFaultRate(rate: number): void;
  requests: ReceivedRequest[];
  /** Stored xAPI statements by id (including voiding statements), as received. */
  statements: Map<string, unknown>;
  /** Ids of statements voided by a stored voiding statement. */
  voided: Set<string>;
  records: Map<string, StoredRecord>;
  /** Writes that changed stored state, by statement id and record id together. Learnlog uses a
   * record's id as its statement's id, so use the two maps below when both APIs are in play. */
  writes: Map<string, number>;
  statementWrites: Map<string, number>;
  recordWrites: Map<string, number>;
  /** Stores a record or tombstone as if another device had sent it (no conflict check, no write
   * counted); throws if it is not a valid record or tombstone. */
  seedRecord(record: unknown): void;
  close(): Promise<void>;
}

export const DEFAULT_CREDENTIALS = {
  xapi: { key: 'learnlog-key', secret: 'learnlog-secret' },
  token: 'learnlog-token',
} as const;

export const DEFAULT_RANDOM_FAULTS: readonly Fault[] = [
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503 },
  { kind: 'timeout' },
  { kind: 'drop' },
  { kind: 'slow', ms: 50 },
];

export const MAX_BODY_BYTES = 1024 * 1024;
export const XAPI_VERSION = '1.0.3';
const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';
const DEFAULT_LIMIT = 500;
const MAX_LIMIT = 1000;

// ---------------------------------------------------------------------------------------------
// Replies

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const textReply = (status: number, message: string, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
  body: message,
});

const jsonReply = (status: number, value: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(value),
});

const emptyReply = (status: number): Reply => ({ status, headers: {}, body: '' });

const apiError = (status: number, error: string, extra: Record<string, unknown> = {}) =>
  jsonReply(status, { error, ...extra });

// ---------------------------------------------------------------------------------------------
// State

interface State {
  statements: Map<string, unknown>;
  /** When each statement was stored, for the `stored` property of GET replies. */
  storedAt: Map<string, string>;
  voided: Set<string>;
  records: Map<string, StoredRecord>;
  /** Record id → change sequence number of its last change. Each change deletes and re-adds the
   * id, so the map's order is the order of changes and a pull can walk it from its cursor. */
  changes: Map<string, number>;
  sequence: number;
  writes: Map<string, number>;
  statementWrites: Map<string, number>;
  recordWrites: Map<string, number>;
}

function createState(): State {
  return {
    statements: new Map(),
    storedAt: new Map(),
    voided: new Set(),
    records: new Map(),
    changes: new Map(),
    sequence: 0,
    writes: new Map(),
    statementWrites: new Map(),
    recordWrites: new Map(),
  };
}

function countWrite(state: State, kind: 'statement' | 'record', id: string): void {
  const byKind = kind === 'statement' ? state.statementWrites : state.recordWrites;
  byKind.set(id, (byKind.get(id) ?? 0) + 1);
  state.writes.set(id, (state.writes.get(id) ?? 0) + 1);
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by both APIs

interface Incoming {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer | 'too-large';
}

interface Config {
  key: string;
  secret: string;
  token: string;
  origin: string;
}

type JsonResult = { ok: true; value: unknown } | { ok: false; reply: Reply };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The same JSON whatever the order of keys, so equal content compares equal. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => [key, sortKeys(value[key])]),
  );
}

function isJsonContentType(header: string | undefined): boolean {
  return header?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

function readJson(request: Incoming, fail: (status: number, message: string) => Reply): JsonResult {
  if (request.body === 'too-large') {
    return { ok: false, reply: fail(413, 'The body is larger than 1 MB.') };
  }
  if (!isJsonContentType(request.headers['content-type'])) {
    return {
      ok: false,
      reply: fail(400, 'Send the body as JSON (Content-Type: application/json).'),
    };
  }
  try {
    return { ok: true, value: JSON.parse(request.body.toString('utf8')) };
  } catch {
    return { ok: false, reply: fail(400, 'The body is not valid JSON.') };
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'not valid';
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

// ---------------------------------------------------------------------------------------------
// xAPI 1.0.3 LRS

const uuid = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i,
    'must be a UUID',
  );

/** StatementRule only knows Activities as objects, so voiding statements (xAPI-Data 2.3.2) have
 * their own rule: the voided verb and a StatementRef, nothing else that needs a meaning. */
const VoidingRule = z.strictObject({
  id: uuid.optional(),
  actor: AgentRule,
  verb: z.strictObject({
    id: z.literal(VOIDED_VERB),
    display: z.record(z.string(), z.string()).optional(),
  }),
  object: z.strictObject({ objectType: z.literal('StatementRef'), id: uuid }),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  version: z
    .string()
    .regex(/^1\.0(\.\d+)?$/)
    .optional(),
});

type Statement = Record<string, unknown> & { id: string };

function voidedTarget(statement: unknown): string | undefined {
  if (!isObject(statement) || !isObject(statement.verb) || statement.verb.id !== VOIDED_VERB) {
    return undefined;
  }
  return isObject(statement.object) && typeof statement.object.id === 'string'
    ? statement.object.id
    : '';
}

const isVoiding = (statement: unknown) => voidedTarget(statement) !== undefined;

/** Why the statement breaks the rules, or undefined when it keeps them. */
function statementProblem(statement: unknown): string | undefined {
  const rule = isVoiding(statement) ? VoidingRule : StatementRule;
  const result = rule.safeParse(statement);
  return result.success ? undefined : firstIssue(result.error);
}

/** Voiding a voiding statement is refused (xAPI-Data 2.3.2); the target may be in the batch. */
function voidingProblem(
  statement: Statement,
  state: State,
  batch: Map<string, Statement> = new Map(),
): string | undefined {
  const target = voidedTarget(statement);
  if (target === undefined) return undefined;
  const targeted = batch.get(target) ?? state.statements.get(target);
  return isVoiding(targeted)
    ? `Statement ${statement.id} voids a voiding statement, which xAPI does not allow.`
    : undefined;
}

function storeStatement(state: State, statement: Statement): void {
  state.statements.set(statement.id, statement);
  state.storedAt.set(statement.id, new Date().toISOString());
  const target = voidedTarget(statement);
  if (target) state.voided.add(target);
  countWrite(state, 'statement', statement.id);
}

const sameStatement = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function basicAuthOk(header: string | undefined, config: Config): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return false;
  return Buffer.from(match[1]!, 'base64').toString('utf8') === `${config.key}:${config.secret}`;
}

function versionOk(headers: IncomingHttpHeaders): boolean {
  const version = headers['x-experience-api-version'];
  return typeof version === 'string' && version.trim().startsWith('1.0.');
}

function putStatement(request: Incoming, state: State): Reply {
  const id = request.url.searchParams.get('statementId') ?? '';
  if (!uuid.safeParse(id).success) return textReply(400, 'statementId must be a UUID.');
  const parsed = readJson(request, textReply);
  if (!parsed.ok) return parsed.reply;
  if (!isObject(parsed.value)) return textReply(400, 'Send one statement (a JSON object).');
  if (parsed.value.id !== undefined && parsed.value.id !== id) {
    return textReply(400, 'The statement id does not match statementId.');
  }
  const statement: Statement = { ...parsed.value, id };
  const problem = statementProblem(statement);
  if (problem) return textReply(400, `The statement is not valid: ${problem}`);
  const held = state.statements.get(id);
  if (held !== undefined) {
    return sameStatement(held, statement)
      ? emptyReply(204)
      : textReply(409, `A different statement is already stored with id ${id}.`);
  }
  const voiding = voidingProblem(statement, state);
  if (voiding) return textReply(400, voiding);
  storeStatement(state, statement);
  return emptyReply(204);
}

/** Checks each statement of a batch; the batch as statements with ids, or the first problem. */
function checkBatch(candidates: unknown[]): Statement[] | string {
  const statements: Statement[] = [];
  const seen = new Set<string>();
  for (const [index, candidate] of candidates.entries()) {
    const label = `Statement ${index + 1}`;
    if (!isObject(candidate)) return `${label} is not a JSON object.`;
    if (typeof candidate.id !== 'string') {
      return `${label} has no id. Learnlog sends its own statement ids so that a retry cannot store a statement twice.`;
    }
    const problem = statementProblem(candidate);
    if (problem) return `${label} is not valid: ${problem}`;
    if (seen.has(candidate.id)) return `${label} repeats the id ${candidate.id} in the same batch.`;
    seen.add(candidate.id);
    statements.push({ ...candidate, id: candidate.id });
  }
  return statements;
}

function postStatements(request: Incoming, state: State): Reply {
  const parsed = readJson(request, textReply);
  if (!parsed.ok) return parsed.reply;
  const checked = checkBatch(Array.isArray(parsed.value) ? parsed.value : [parsed.value]);
  if (typeof checked === 'string') return textReply(400, checked);
  const conflict = checked.find((statement) => {
    const held = state.statements.get(statement.id);
    return held !== undefined && !sameStatement(held, statement);
  });
  if (conflict) {
    return textReply(
      409,
      `A different statement is already stored with id ${conflict.id}; nothing from this batch was stored.`,
    );
  }
  const batch = new Map(checked.map((statement) => [statement.id, statement]));
  const voiding = checked.map((statement) => voidingProblem(statement, state, batch)).find(Boolean);
  if (voiding) return textReply(400, voiding);
  // Checked in full before anything is stored, so a refused batch leaves no trace.
  for (const statement of checked) {
    if (!state.statements.has(statement.id)) storeStatement(state, statement);
  }
  return jsonReply(
    200,
    checked.map((statement) => statement.id),
  );
}

function statementForReading(state: State, id: string, config: Config): Reply {
  return jsonReply(200, {
    ...(state.statements.get(id) as Statement),
    stored: state.storedAt.get(id),
    authority: {
      objectType: 'Agent',
      name: 'Learnlog reference LRS',
      account: { homePage: config.origin, name: config.key },
    },
  });
}

function getStatement(request: Incoming, state: State, config: Config): Reply {
  const params = [...request.url.searchParams.keys()];
  const key = params[0];
  if (params.length !== 1 || (key !== 'statementId' && key !== 'voidedStatementId')) {
    return textReply(400, 'This LRS only answers GET with statementId or voidedStatementId.');
  }
  const id = request.url.searchParams.get(key)!;
  if (!uuid.safeParse(id).success) return textReply(400, `${key} must be a UUID.`);
  // As xAPI asks: a voided statement is only found by voidedStatementId, and only then.
  const wantVoided = key === 'voidedStatementId';
  if (!state.statements.has(id) || state.voided.has(id) !== wantVoided) {
    return textReply(404, 'No such statement.');
  }
  return statementForReading(state, id, config);
}

function routeXapi(request: Incoming, state: State, config: Config): Reply {
  const path = request.url.pathname;
  if (path === '/xapi/about') {
    return request.method === 'GET'
      ? jsonReply(200, { version: [XAPI_VERSION] })
      : textReply(405, 'Use GET.', { allow: 'GET' });
  }
  if (!versionOk(request.headers)) {
    return textReply(400, 'Every request needs the header X-Experience-API-Version: 1.0.3.');
  }
  if (!basicAuthOk(request.headers.authorization, config)) {
    return textReply(401, 'The LRS key or secret is missing or wrong.', {
      'www-authenticate': 'Basic realm="LRS"',
    });
  }
  if (path !== '/xapi/statements') return textReply(404, 'This LRS has no such resource.');
  if (request.method === 'PUT') return putStatement(request, state);
  if (request.method === 'POST') return postStatements(request, state);
  if (request.method === 'GET') return getStatement(request, state, config);
  return textReply(405, 'Use GET, PUT or POST.', { allow: 'GET, PUT, POST' });
}

// ---------------------------------------------------------------------------------------------
// Learnlog JSON API

const positiveInteger = z.number().int().positive();
const TombstoneSchema = z.strictObject({
  id: z.uuid(),
  updatedAt: positiveInteger,
  deletedAt: positiveInteger,
});
const SeedSchema = z.union([LearningRecordSchema, TombstoneSchema]);

const isTombstone = (record: StoredRecord) => record.deletedAt !== undefined;

function bearerOk(header: string | undefined, config: Config): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] === config.token;
}

/** Stores a change and gives it the next sequence number, so pulls see it after their cursor. */
function commitRecord(state: State, record: StoredRecord): void {
  state.records.set(record.id, record);
  state.sequence += 1;
  state.changes.delete(record.id);
  state.changes.set(record.id, state.sequence);
}

const recordConflict = (held: StoredRecord, message: string) =>
  apiError(409, message, { updatedAt: held.updatedAt });

/** Later `updatedAt` wins; an equal one must be the very same record. */
function storeRecord(state: State, record: LearningRecord): Reply {
  const held = state.records.get(record.id);
  const saved = { id: record.id, updatedAt: record.updatedAt };
  if (held && held.updatedAt > record.updatedAt) {
    return recordConflict(held, 'The server already has a later version of this record.');
  }
  if (held && held.updatedAt === record.updatedAt) {
    return canonicalJson(held) === canonicalJson(record)
      ? jsonReply(200, saved)
      : recordConflict(held, 'The server has a different version of this record of the same time.');
  }
  commitRecord(state, record);
  countWrite(state, 'record', record.id);
  return jsonReply(held ? 200 : 201, saved);
}

function putRecord(request: Incoming, id: string, state: State): Reply {
  const parsed = readJson(request, apiError);
  if (!parsed.ok) return parsed.reply;
  const body = parsed.value;
  if (!isObject(body)) return apiError(400, 'Send one learning record (a JSON object).');
  if ('deletedAt' in body) {
    return apiError(400, 'A record sent with PUT cannot carry deletedAt: send a DELETE instead.');
  }
  if (body.id !== id) return apiError(400, 'The record id does not match the address.');
  const result = LearningRecordSchema.safeParse(body);
  if (!result.success) {
    return apiError(400, result.error.issues[0]?.message ?? 'The record is not valid.');
  }
  return storeRecord(state, result.data);
}

/** A whole number of milliseconds since 1970, as a query parameter. */
function parseMoment(value: string | null): number | undefined {
  if (value === null || !/^[1-9]\d{0,15}$/.test(value)) return undefined;
  const moment = Number(value);
  return Number.isSafeInteger(moment) ? moment : undefined;
}

/** The record's fields are kept, so a restore on another device has them; unknown ids get a
 * bare tombstone, so the delete still reaches devices that have the record. */
function tombstoneOf(held: StoredRecord | undefined, id: string, deletedAt: number): StoredRecord {
  return held
    ? { ...held, deletedAt, updatedAt: deletedAt }
    : { id, deletedAt, updatedAt: deletedAt };
}

function deleteRecord(request: Incoming, id: string, state: State): Reply {
  if (!z.uuid().safeParse(id).success) return apiError(400, 'The record id is not a UUID.');
  const deletedAt = parseMoment(request.url.searchParams.get('deletedAt'));
  if (deletedAt === undefined) {
    return apiError(
      400,
      'Give deletedAt: when the learner deleted the record, in whole milliseconds since 1970.',
    );
  }
  const held = state.records.get(id);
  // Already deleted: the learner's wish is already met, whichever delete came first.
  if (held && isTombstone(held)) return emptyReply(204);
  if (held && held.updatedAt > deletedAt) {
    return recordConflict(held, 'The record was changed after this deletion; the change wins.');
  }
  commitRecord(state, tombstoneOf(held, id, deletedAt));
  countWrite(state, 'record', id);
  return emptyReply(204);
}

/** The cursor is a change sequence number this server has reached; anything else is refused. */
function parseCursor(value: string | null, sequence: number): number | undefined {
  if (value === null) return 0;
  if (!/^(0|[1-9]\d{0,15})$/.test(value)) return undefined;
  const cursor = Number(value);
  return cursor <= sequence ? cursor : undefined;
}

function parseLimit(value: string | null): number | undefined {
  if (value === null) return DEFAULT_LIMIT;
  if (!/^[1-9]\d{0,3}$/.test(value)) return undefined;
  const limit = Number(value);
  return limit <= MAX_LIMIT ? limit : undefined;
}

interface Changes {
  records: LearningRecord[];
  deletions: { id: string; deletedAt: number }[];
  cursor: string;
  more: boolean;
}

function changesSince(state: State, since: number, limit: number): Changes {
  const page: Changes = { records: [], deletions: [], cursor: String(state.sequence), more: false };
  let taken = 0;
  for (const [id, sequence] of state.changes) {
    if (sequence <= since) continue;
    if (taken === limit) {
      page.more = true;
      break;
    }
    const record = state.records.get(id)!;
    if (record.deletedAt === undefined) page.records.push(record as LearningRecord);
    else page.deletions.push({ id, deletedAt: record.deletedAt });
    taken += 1;
    // When the limit cuts the list, the client resumes after the last change it was given.
    page.cursor = String(sequence);
  }
  if (!page.more) page.cursor = String(state.sequence);
  return page;
}

function listChanges(request: Incoming, state: State): Reply {
  const since = parseCursor(request.url.searchParams.get('since'), state.sequence);
  if (since === undefined) return apiError(400, 'The cursor is not one this server gave.');
  const limit = parseLimit(request.url.searchParams.get('limit'));
  if (limit === undefined)
    return apiError(400, `limit must be a whole number from 1 to ${MAX_LIMIT}.`);
  return jsonReply(200, changesSince(state, since, limit));
}

function routeApi(request: Incoming, state: State, config: Config): Reply {
  if (!bearerOk(request.headers.authorization, config)) {
    return apiError(401, 'The token is missing or wrong.');
  }
  const path = request.url.pathname;
  if (path === '/api/records' && request.method === 'GET') return listChanges(request, state);
  const id = /^\/api\/records\/([^/]+)$/.exec(path)?.[1];
  if (id !== undefined && request.method === 'PUT') return putRecord(request, id, state);
  if (id !== undefined && request.method === 'DELETE') return deleteRecord(request, id, state);
  return apiError(404, 'Not found.');
}

// ---------------------------------------------------------------------------------------------
// Routing and faults

function route(request: Incoming, state: State, config: Config): Reply {
  const path = request.url.pathname;
  try {
    if (path.startsWith('/xapi/')) return routeXapi(request, state, config);
    if (path.startsWith('/api/')) return routeApi(request, state, config);
    return apiError(404, 'Not found.');
  } catch (error) {
    // A bug in this server should fail the test that met it, not hang it.
    return textReply(500, `The sync server failed: ${String(error)}`);
  }
}

/** Every LRS reply carries the version header, errors and injected faults included. */
function withVersion(path: string, reply: Reply): Reply {
  if (!path.startsWith('/xapi/')) return reply;
  return { ...reply, headers: { ...reply.headers, 'x-experience-api-version': XAPI_VERSION } };
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The body given, typed by its look; without one, an error in the style of the API hit. */
function faultReply(fault: Extract<Fault, { kind: 'status' }>, path: string): Reply {
  const message = `Injected fault: ${fault.status}.`;
  if (fault.body === undefined) {
    return path.startsWith('/api/')
      ? apiError(fault.status, message)
      : textReply(fault.status, message);
  }
  return isJsonText(fault.body)
    ? { status: fault.status, headers: { 'content-type': 'application/json' }, body: fault.body }
    : textReply(fault.status, fault.body);
}

interface QueuedFault {
  fault: Fault;
  remaining: number;
  match: FaultMatch;
}

interface FaultPlan {
  inject(fault: Fault, times: number, match: FaultMatch): void;
  clear(): void;
  setRate(rate: number): void;
  next(method: string, url: string): Fault | undefined;
}

const matches = (match: FaultMatch, method: string, url: string) =>
  (match.method === undefined || match.method.toUpperCase() === method) &&
  (match.pathPrefix === undefined || url.startsWith(match.pathPrefix));

function createFaultPlan(options: SyncServerOptions): FaultPlan {
  const queue: QueuedFault[] = [];
  // Seeded, so a run with random faults meets the same faults again.
  const random = seededRandom(options.seed ?? 1);
  const randomFaults = options.randomFaults ?? DEFAULT_RANDOM_FAULTS;
  let rate = options.faultRate ?? 0;
  return {
    inject: (fault, times, match) => void queue.push({ fault, remaining: times, match }),
    clear: () => void queue.splice(0),
    setRate: (value) => void (rate = value),
    next(method, url) {
      // One draw for every request, so the faults met depend only on the order of requests.
      const roll = random();
      const queued = queue.find((entry) => matches(entry.match, method, url));
      if (queued) {
        queued.remaining -= 1;
        if (queued.remaining <= 0) queue.splice(queue.indexOf(queued), 1);
        return queued.fault;
      }
      if (roll >= rate || randomFaults.length === 0) return undefined;
      return randomFaults[Math.floor(random() * randomFaults.length)];
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP

/** The whole body, or 'too-large' once past the limit (read to the end all the same, so the
 * client sees the 413 rather than a connection closed while it was still sending). */
function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
    request.on('close', () => reject(new Error('The client went away.')));
  });
}

function send(response: ServerResponse, entry: ReceivedRequest, reply: Reply): void {
  if (response.destroyed || response.socket?.destroyed !== false) return;
  entry.status = reply.status;
  response.writeHead(reply.status, {
    ...reply.headers,
    'content-length': String(Buffer.byteLength(reply.body)),
  });
  response.end(reply.body);
}

interface Context {
  state: State;
  config: Config;
  faults: FaultPlan;
  requests: ReceivedRequest[];
  timers: Set<NodeJS.Timeout>;
}

function respond(
  context: Context,
  exchange: { request: IncomingMessage; response: ServerResponse; entry: ReceivedRequest },
  fault: Fault | undefined,
  body: Buffer | 'too-large',
): void {
  const { request, response, entry } = exchange;
  const url = new URL(entry.url, context.config.origin);
  if (fault?.kind === 'drop') {
    entry.status = 'drop';
    request.socket.destroy();
    return;
  }
  // Left hanging on purpose; close() destroys the socket.
  if (fault?.kind === 'timeout') return;
  if (fault?.kind === 'status') {
    send(response, entry, withVersion(url.pathname, faultReply(fault, url.pathname)));
    return;
  }
  const incoming = { method: entry.method, url, headers: request.headers, body };
  const reply = withVersion(url.pathname, route(incoming, context.state, context.config));
  if (fault?.kind !== 'slow') {
    send(response, entry, reply);
    return;
  }
  // The work is done now and only the reply waits, like a server whose answer is lost in transit.
  const timer = setTimeout(() => {
    context.timers.delete(timer);
    send(response, entry, reply);
  }, fault.ms);
  context.timers.add(timer);
}

function onRequest(context: Context, request: IncomingMessage, response: ServerResponse): void {
  const entry: ReceivedRequest = {
    method: (request.method ?? 'GET').toUpperCase(),
    url: request.url ?? '/',
    at: Date.now(),
    status: 'timeout',
  };
  context.requests.push(entry);
  const fault = context.faults.next(entry.method, entry.url);
  readBody(request).then(
    (body) => respond(context, { request, response, entry }, fault, body),
    () => undefined,
  );
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function closeServer(server: Server, sockets: Set<Socket>, timers: Set<NodeJS.Timeout>) {
  for (const timer of timers) clearTimeout(timer);
  timers.clear();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Hanging requests (timeout faults) and idle keep-alive sockets would hold close() open.
  server.closeAllConnections();
  for (const socket of sockets) socket.destroy();
  return closed;
}

export async function startSyncServer(options: SyncServerOptions = {}): Promise<SyncServer> {
  const xapi = options.xapi ?? DEFAULT_CREDENTIALS.xapi;
  const config: Config = {
    key: xapi.key,
    secret: xapi.secret,
    token: options.token ?? DEFAULT_CREDENTIALS.token,
    origin: '',
  };
  const faults = createFaultPlan(options);
  const context: Context = {
    state: createState(),
    config,
    faults,
    requests: [],
    timers: new Set(),
  };
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => onRequest(context, request, response));
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  config.origin = `http://127.0.0.1:${await listen(server, options.port ?? 0)}`;
  const { state } = context;
  return {
    origin: config.origin,
    xapiBase: `${config.origin}/xapi/`,
    apiBase: `${config.origin}/api/`,
    injectFault: (fault, { times = 1, match = {} } = {}) => faults.inject(fault, times, match),
    clearFaults: () => faults.clear(),
    setFaultRate: (rate) => faults.setRate(rate),
    requests: context.requests,
    statements: state.statements,
    voided: state.voided,
    records: state.records,
    writes: state.writes,
    statementWrites: state.statementWrites,
    recordWrites: state.recordWrites,
    seedRecord(record) {
      const result = SeedSchema.safeParse(record);
      if (!result.success) throw new Error(`Not a record to seed: ${firstIssue(result.error)}`);
      commitRecord(state, result.data);
    },
    close: () => closeServer(server, sockets, context.timers),
  };
}
