// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  basicAuthorization,
  exchange,
  MAX_REPLY_BYTES,
  outcomeOf,
  readLimited,
  serverMessageOf,
  type FetchPort,
  type HttpOptions,
} from '@/utils/sync/http';

const request = {
  method: 'PUT',
  headers: { 'Content-Type': 'application/json', Authorization: 'Basic abc' },
  body: '{"a":1}',
};
const URL_ = 'https://lrs.example.com/xapi/statements?statementId=1';

/** A fetch that answers with `response`, remembering what it was asked. */
function answering(response: Response) {
  const calls: { input: string; init: RequestInit }[] = [];
  const fetch: FetchPort = (input, init) => {
    calls.push({ input, init });
    return Promise.resolve(response);
  };
  return { fetch, calls };
}

/** Like the real fetch: never answers, and rejects as soon as its signal aborts. */
const hanging: FetchPort = (_input, init) =>
  new Promise((_resolve, reject) => {
    const signal = init.signal!;
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason));
  });

const options = (fetch: FetchPort, extra: Partial<HttpOptions> = {}): HttpOptions => ({
  fetch,
  timeoutMs: 5_000,
  ...extra,
});

const json = (status: number, body: unknown, contentType = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } });

describe('outcomeOf', () => {
  it.each([200, 201, 204, 299])('treats %i as done, keeping the body', (status) => {
    const body = { id: 'x' };
    expect(outcomeOf(status, body, '{"id":"x"}')).toEqual({ kind: 'ok', status, body });
  });

  it('treats 409 as a conflict (the server already has it), whatever it says', () => {
    expect(outcomeOf(409, { error: 'Statement exists' }, '')).toEqual({ kind: 'conflict' });
  });

  it.each([401, 403])('treats %i as a sign-in problem', (status) => {
    const outcome = outcomeOf(status, undefined, '');
    expect(outcome).toMatchObject({ kind: 'auth', status });
    expect(outcome.kind === 'auth' && outcome.message).toMatch(/sign-in details/);
    expect(outcome.kind === 'auth' && outcome.message).toContain(`error ${status}`);
  });

  it('adds the server’s own words to a sign-in problem', () => {
    const outcome = outcomeOf(401, { message: 'Key expired' }, '');
    expect(outcome.kind === 'auth' && outcome.message).toMatch(/sign-in details.*“Key expired”/);
  });

  it.each([400, 413, 422, 418])('treats %i as this record being refused', (status) => {
    const outcome = outcomeOf(status, undefined, '');
    expect(outcome).toMatchObject({ kind: 'rejected', status });
    expect(outcome.kind === 'rejected' && outcome.message).toContain(`error ${status}`);
    expect(outcome.kind === 'rejected' && outcome.message).not.toContain('The server said');
  });

  it.each([
    ['a JSON "error"', { error: 'Invalid verb id' }, '{"error":"Invalid verb id"}'],
    ['a JSON "message"', { message: 'Invalid verb id' }, '{"message":"Invalid verb id"}'],
    ['plain text', undefined, 'Invalid verb id'],
  ])('includes the server’s message given as %s', (_how, body, text) => {
    for (const status of [400, 413, 422]) {
      const outcome = outcomeOf(status, body, text);
      expect(outcome.kind).toBe('rejected');
      expect(outcome.kind === 'rejected' && outcome.message).toContain('“Invalid verb id”');
    }
  });

  it.each([408, 429, 500, 502, 503, 504, 599])(
    'treats %i as a passing trouble, tried again',
    (status) => {
      const outcome = outcomeOf(status, { error: 'Busy' }, '');
      expect(outcome.kind).toBe('retry');
      expect(outcome.kind === 'retry' && outcome.message).toContain(`error ${status}`);
      expect(outcome.kind === 'retry' && outcome.message).toContain('“Busy”');
    },
  );

  it('asks to slow down on 429', () => {
    const outcome = outcomeOf(429, undefined, '');
    expect(outcome.kind === 'retry' && outcome.message).toMatch(/slow down/);
  });

  it.each([301, 302, 303, 307, 308])(
    'refuses a redirect (%i) as a wrong address, pointing at the settings',
    (status) => {
      const outcome = outcomeOf(status, undefined, 'Moved');
      expect(outcome).toMatchObject({ kind: 'misaddressed', status });
      expect(outcome.kind === 'misaddressed' && outcome.message).toMatch(/another address/);
      expect(outcome.kind === 'misaddressed' && outcome.message).toMatch(/settings/);
    },
  );

  // A wrong address must stop syncing, not mark every record as refused one by one.
  it.each([404, 405, 410])('treats %i as a wrong address, pointing at the settings', (status) => {
    const outcome = outcomeOf(status, { error: 'Not found' }, '');
    expect(outcome).toMatchObject({ kind: 'misaddressed', status });
    expect(outcome.kind === 'misaddressed' && outcome.message).toMatch(/address/);
  });
});

describe('serverMessageOf', () => {
  it('prefers the JSON "error" field, then "message", then the text', () => {
    expect(serverMessageOf({ error: 'E', message: 'M' }, 'T')).toBe('E');
    expect(serverMessageOf({ message: 'M' }, 'T')).toBe('M');
    expect(serverMessageOf(undefined, 'T')).toBe('T');
  });

  it('says nothing for a JSON body without a usable error or message', () => {
    expect(serverMessageOf({ detail: 'x' }, '{"detail":"x"}')).toBeUndefined();
    expect(serverMessageOf({ error: { code: 7 } }, '{"error":{"code":7}}')).toBeUndefined();
    expect(serverMessageOf({ message: 42 }, '{"message":42}')).toBeUndefined();
  });

  it.each([
    '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>',
    '<html><body>Error</body></html>',
    '\n\r\n   <html>Error</html>',
    '<script>alert(1)</script>',
  ])('ignores an HTML body (%j)', (text) => {
    expect(serverMessageOf(undefined, text)).toBeUndefined();
    expect(serverMessageOf({ error: text }, '')).toBeUndefined();
  });

  it.each(['', '   ', '\n\t\r', '\u0000\u007F'])('ignores an empty message (%j)', (text) => {
    expect(serverMessageOf(undefined, text)).toBeUndefined();
  });

  it('turns control characters into spaces and trims the ends', () => {
    expect(serverMessageOf(undefined, '\nBad\r\nrequest\u0007:\tno verb\u001B[31m\n')).toBe(
      'Bad request : no verb [31m',
    );
  });

  it('never returns a control character, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const message = serverMessageOf(undefined, text);
        const controls = [...(message ?? '')].filter((c) => c < ' ' || c === '\u007F');
        expect(controls).toEqual([]);
      }),
    );
  });

  it('keeps a message of 200 characters whole and cuts a longer one at 200, with an ellipsis', () => {
    expect(serverMessageOf(undefined, 'x'.repeat(200))).toBe('x'.repeat(200));
    expect(serverMessageOf(undefined, 'y'.repeat(201))).toBe(`${'y'.repeat(200)}…`);
    expect(serverMessageOf({ error: 'z'.repeat(5000) }, '')).toBe(`${'z'.repeat(200)}…`);
  });
});

describe('basicAuthorization', () => {
  it('matches the RFC 7617 example', () => {
    expect(basicAuthorization('Aladdin', 'open sesame')).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
  });

  it('encodes non-ASCII user names and passwords as UTF-8 (RFC 7617 charset="UTF-8")', () => {
    expect(basicAuthorization('é', 'ü')).toBe(
      `Basic ${Buffer.from('é:ü', 'utf8').toString('base64')}`,
    );
    // Latin-1 would give "6Tr8"; UTF-8 gives two bytes for each letter.
    expect(basicAuthorization('é', 'ü')).toBe('Basic w6k6w7w=');
  });

  it('agrees with Node’s UTF-8 base64 for any user name and password', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        (user, password) => {
          expect(basicAuthorization(user, password)).toBe(
            `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`,
          );
        },
      ),
    );
  });
});

describe('a server reply is read up to a size limit', () => {
  /** A reply that never ends, counting what it was asked for. */
  function endless() {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(97);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { response: new Response(body, { status: 200 }), pulled: () => pulled };
  }

  it('stops reading a reply that goes on for ever, and says so in plain words', async () => {
    const reply = endless();
    const outcome = await exchange(options(answering(reply.response).fetch), URL_, request);
    expect(outcome).toEqual({
      kind: 'retry',
      message:
        "The server's reply was larger than 8 MB, more than Learnlog reads. Learnlog will try again later.",
    });
    // It stopped near the limit: the rest was never downloaded into memory.
    expect(reply.pulled()).toBeLessThanOrEqual(MAX_REPLY_BYTES + 4 * 64 * 1024);
  });

  it('refuses a reply that declares itself too large before reading it', async () => {
    const response = new Response('x', {
      headers: { 'content-length': String(MAX_REPLY_BYTES + 1) },
    });
    expect(await readLimited(response, MAX_REPLY_BYTES)).toBeUndefined();
  });

  it('reads a reply under the limit whole, split multi-byte characters included', async () => {
    const text = 'Café 🩺 '.repeat(20_000);
    const bytes = new TextEncoder().encode(text);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        // Split in the middle of characters on purpose.
        for (let at = 0; at < bytes.length; at += 7) controller.enqueue(bytes.slice(at, at + 7));
        controller.close();
      },
    });
    expect(await readLimited(new Response(body), MAX_REPLY_BYTES)).toBe(text);
    // Over the limit by two bytes: refused too.
    expect(await readLimited(new Response('small'), 3)).toBeUndefined();
  });
});

describe('exchange', () => {
  it('sends the request as given, with redirects not followed and a signal to stop it', async () => {
    const { fetch, calls } = answering(json(200, { ok: true }));
    await exchange(options(fetch), URL_, request);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.input).toBe(URL_);
    // No cookies, and no browser sign-in prompt on a 401 with WWW-Authenticate.
    expect(calls[0]!.init).toMatchObject({ ...request, redirect: 'manual', credentials: 'omit' });
    expect(calls[0]!.init.signal).toBeInstanceOf(AbortSignal);
    expect(calls[0]!.init.signal!.aborted).toBe(false);
  });

  it('reads a JSON answer into the body', async () => {
    const { fetch } = answering(json(201, { id: 'abc', n: [1, 2] }));
    expect(await exchange(options(fetch), URL_, request)).toEqual({
      kind: 'ok',
      status: 201,
      body: { id: 'abc', n: [1, 2] },
    });
  });

  it('reads JSON for any content type that says json', async () => {
    const { fetch } = answering(
      json(400, { error: 'Bad actor' }, 'application/problem+json; charset=utf-8'),
    );
    const outcome = await exchange(options(fetch), URL_, request);
    expect(outcome.kind === 'rejected' && outcome.message).toContain('“Bad actor”');
  });

  it('does not parse the body when the content type is not JSON', async () => {
    const { fetch } = answering(
      new Response('{"id":"abc"}', { status: 200, headers: { 'content-type': 'text/plain' } }),
    );
    expect(await exchange(options(fetch), URL_, request)).toEqual({
      kind: 'ok',
      status: 200,
      body: undefined,
    });
  });

  it('does not parse the body when there is no content type', async () => {
    const response = new Response(new Blob(['{"id":"abc"}']), { status: 200 });
    expect(response.headers.get('content-type')).toBeNull();
    expect(await exchange(options(answering(response).fetch), URL_, request)).toEqual({
      kind: 'ok',
      status: 200,
      body: undefined,
    });
  });

  // Media types are case-insensitive (RFC 9110 section 8.3.1).
  it('reads JSON whatever the case of its content type', async () => {
    const { fetch } = answering(json(200, { id: 'abc' }, 'Application/JSON'));
    expect(await exchange(options(fetch), URL_, request)).toEqual({
      kind: 'ok',
      status: 200,
      body: { id: 'abc' },
    });
  });

  it('keeps the text as the server’s message when a JSON answer cannot be parsed', async () => {
    const { fetch } = answering(
      new Response('Bad statement', {
        status: 400,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const outcome = await exchange(options(fetch), URL_, request);
    expect(outcome).toMatchObject({ kind: 'rejected', status: 400 });
    expect(outcome.kind === 'rejected' && outcome.message).toContain('“Bad statement”');
  });

  it('treats an empty 204 answer as done', async () => {
    const { fetch } = answering(new Response(null, { status: 204 }));
    expect(await exchange(options(fetch), URL_, request)).toEqual({
      kind: 'ok',
      status: 204,
      body: undefined,
    });
  });

  it('refuses a redirect the browser hid (an opaque redirect)', async () => {
    const response = new Response(null, { status: 200 });
    Object.defineProperty(response, 'type', { value: 'opaqueredirect' });
    const outcome = await exchange(options(answering(response).fetch), URL_, request);
    expect(outcome.kind).toBe('misaddressed');
    expect(outcome.kind === 'misaddressed' && outcome.message).toMatch(/another address/);
  });

  it('refuses a redirect the fetch returned as is', async () => {
    const response = new Response('', {
      status: 302,
      headers: { location: 'https://evil.example/steal' },
    });
    const outcome = await exchange(options(answering(response).fetch), URL_, request);
    expect(outcome).toMatchObject({ kind: 'misaddressed', status: 302 });
  });

  it('passes on server trouble and refusals from a real answer', async () => {
    const busy = await exchange(
      options(answering(json(503, { message: 'Down' })).fetch),
      URL_,
      request,
    );
    expect(busy.kind).toBe('retry');
    expect(busy.kind === 'retry' && busy.message).toContain('“Down”');
    const auth = await exchange(options(answering(json(401, {})).fetch), URL_, request);
    expect(auth).toMatchObject({ kind: 'auth', status: 401 });
    const conflict = await exchange(options(answering(json(409, {})).fetch), URL_, request);
    expect(conflict).toEqual({ kind: 'conflict' });
  });

  it('never throws when the connection fails: it tries again later', async () => {
    const failing: FetchPort = () => Promise.reject(new TypeError('fetch failed'));
    const outcome = await exchange(options(failing), URL_, request);
    expect(outcome.kind).toBe('retry');
    expect(outcome.kind === 'retry' && outcome.message).toMatch(/could not reach/);
  });

  it('never throws when reading the answer fails', async () => {
    const broken = new Response(
      new ReadableStream({
        pull(controller) {
          controller.error(new Error('connection reset'));
        },
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );
    const outcome = await exchange(options(answering(broken).fetch), URL_, request);
    expect(outcome.kind === 'retry' && outcome.message).toMatch(/could not reach/);
  });

  it('gives up on a server that does not answer in time', async () => {
    const started = Date.now();
    const outcome = await exchange(options(hanging, { timeoutMs: 50 }), URL_, request);
    expect(outcome.kind).toBe('retry');
    expect(outcome.kind === 'retry' && outcome.message).toMatch(/did not answer/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  });

  it('stops at once when sync is already turned off', async () => {
    const stop = new AbortController();
    stop.abort();
    const outcome = await exchange(options(hanging, { stop: stop.signal }), URL_, request);
    expect(outcome).toEqual({ kind: 'retry', message: 'Sync was turned off.' });
  });

  it('stops a request in flight when sync is turned off', async () => {
    const stop = new AbortController();
    const pending = exchange(
      options(hanging, { stop: stop.signal, timeoutMs: 10_000 }),
      URL_,
      request,
    );
    setTimeout(() => stop.abort(), 10);
    expect(await pending).toEqual({ kind: 'retry', message: 'Sync was turned off.' });
  });

  it('is not disturbed by a stop signal that is never used', async () => {
    const stop = new AbortController();
    const { fetch } = answering(json(200, { fine: true }));
    expect(await exchange(options(fetch, { stop: stop.signal }), URL_, request)).toEqual({
      kind: 'ok',
      status: 200,
      body: { fine: true },
    });
  });
});
