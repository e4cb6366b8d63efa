/**
 * One HTTP exchange with the sync server, and what its answer means for Learnlog:
 * 401/403 stop syncing until the learner fixes the credentials; 409 means the server already
 * has it (done); other 4xx are this record's problem; 5xx, 408, 429, timeouts and dropped
 * connections are passing troubles, tried again later.
 */

export type FetchPort = (input: string, init: RequestInit) => Promise<Response>;

export type Outcome =
  | { kind: 'ok'; status: number; body: unknown }
  | { kind: 'conflict' }
  | { kind: 'auth'; status: number; message: string }
  | { kind: 'rejected'; status: number; message: string }
  /** The address is wrong (nothing there, or sent elsewhere): a settings problem, not a record's. */
  | { kind: 'misaddressed'; status: number; message: string }
  | { kind: 'retry'; message: string };

export interface HttpOptions {
  fetch: FetchPort;
  /** How long to wait for an answer. */
  timeoutMs: number;
  /** Aborted when sync is turned off: every request in flight stops at once. */
  stop?: AbortSignal;
  /** The most of a reply to read (MAX_REPLY_BYTES unless the request expects more). */
  maxReplyBytes?: number;
}

/**
 * The largest reply Learnlog reads from a sync server unless a request says otherwise (a page of
 * pulled records does): an LRS answers with a list of statement ids, a push with a line or two.
 * A server sending more is broken or hostile, and reading it whole could exhaust the
 * background's memory.
 */
export const MAX_REPLY_BYTES = 8 * 1024 * 1024;

const tooLarge = (maxBytes: number) =>
  `The server's reply was larger than ${Math.round(maxBytes / 1024 / 1024)} MB, more than Learnlog reads. Learnlog will try again later.`;

/** The reply's text, or undefined once it passes `maxBytes` (the rest is never downloaded). */
export async function readLimited(
  response: Response,
  maxBytes: number,
): Promise<string | undefined> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let total = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** Longest server message shown to the learner; it is shown as text, never as HTML. */
const MAX_SERVER_MESSAGE = 200;

/** The server's own explanation, if it gave a short plain one (JSON `error`/`message`, or text). */
export function serverMessageOf(body: unknown, text: string): string | undefined {
  let message: unknown = text;
  if (typeof body === 'object' && body !== null) {
    const fields = body as Record<string, unknown>;
    message = fields.error ?? fields.message;
  }
  if (typeof message !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = message.replace(/[\u0000-\u001F\u007F]+/g, ' ').trim();
  if (!clean || /^\s*</.test(clean)) return undefined; // an HTML error page says nothing useful
  // Cut by characters, not UTF-16 units, so an emoji is never split.
  const characters = [...clean];
  return characters.length > MAX_SERVER_MESSAGE
    ? `${characters.slice(0, MAX_SERVER_MESSAGE).join('')}…`
    : clean;
}

const explained = (text: string, serverMessage: string | undefined) =>
  serverMessage ? `${text} The server said: “${serverMessage}”` : text;

export function outcomeOf(status: number, body: unknown, text: string): Outcome {
  const said = serverMessageOf(body, text);
  if (status >= 200 && status < 300) return { kind: 'ok', status, body };
  if (status === 409) return { kind: 'conflict' };
  if (status === 401)
    return {
      kind: 'auth',
      status,
      message: explained('The server did not accept your sign-in details (error 401).', said),
    };
  if (status === 403)
    return {
      kind: 'auth',
      status,
      message: explained(
        'The server says these sign-in details may not send learning records (error 403).',
        said,
      ),
    };
  if (status === 408 || status === 429 || status >= 500)
    return {
      kind: 'retry',
      message: explained(
        status === 429
          ? 'The server asked Learnlog to slow down (error 429).'
          : `The server had a problem (error ${status}).`,
        said,
      ),
    };
  if (status >= 300 && status < 400)
    return {
      kind: 'misaddressed',
      status,
      message: `The server sent Learnlog to another address (error ${status}). Check the server address in Learnlog’s settings.`,
    };
  if (status === 404 || status === 405 || status === 410)
    return {
      kind: 'misaddressed',
      status,
      message: `The server has no such service at this address (error ${status}). Check the server address in Learnlog’s settings.`,
    };
  return {
    kind: 'rejected',
    status,
    message: explained(`The server refused this record (error ${status}).`, said),
  };
}

/** Sends one request; never throws (a network failure is an outcome too). */
export async function exchange(
  options: HttpOptions,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<Outcome> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.stop ? AbortSignal.any([timeout, options.stop]) : timeout;
  try {
    // A redirect could carry the credentials to another server: never followed. No cookies:
    // the Authorization header is the only credential, and with credentials omitted a 401 with
    // `WWW-Authenticate: Basic` comes back to Learnlog instead of opening the browser's own
    // sign-in prompt (Fetch standard, HTTP-network-or-cache fetch, step on 401).
    const response = await options.fetch(url, {
      ...init,
      signal,
      redirect: 'manual',
      credentials: 'omit',
    });
    if (response.type === 'opaqueredirect') return outcomeOf(302, undefined, '');
    const maxBytes = options.maxReplyBytes ?? MAX_REPLY_BYTES;
    const text = await readLimited(response, maxBytes);
    if (text === undefined) return { kind: 'retry', message: tooLarge(maxBytes) };
    let body: unknown = undefined;
    if (text && (response.headers.get('content-type') ?? '').toLowerCase().includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    return outcomeOf(response.status, body, text);
  } catch {
    if (options.stop?.aborted) return { kind: 'retry', message: 'Sync was turned off.' };
    if (timeout.aborted)
      return {
        kind: 'retry',
        message: `The server did not answer within ${secondsText(options.timeoutMs)}.`,
      };
    return {
      kind: 'retry',
      message:
        'Learnlog could not reach the server (no connection, or the connection was dropped).',
    };
  }
}

function secondsText(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

/** HTTP Basic credentials as RFC 7617 asks: UTF-8, then base64. */
export function basicAuthorization(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
