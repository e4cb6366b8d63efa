import { z } from 'zod';

/**
 * The learner's sync settings, credentials included: their rules. Kept in the extension's
 * IndexedDB (`utils/sync/store/sync-config-store.ts`), apart from the other settings:
 * credentials must never reach a backup file, `storage.sync`, or a content script. Sync is off
 * until the learner turns it on.
 */

export const DEFAULT_BATCH_SIZE = 50;
export const MAX_BATCH_SIZE = 100;

export const SYNC_TARGETS = ['xapi', 'learnlog'] as const;
export type SyncTarget = (typeof SYNC_TARGETS)[number];

export const TARGET_NAMES: Record<SyncTarget, string> = {
  xapi: 'xAPI learning record store (LRS)',
  learnlog: 'Learnlog app API',
};

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** Plain HTTP only to this computer: anything else would send credentials in clear text. */
export function endpointProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'Enter the full web address of the server, starting with https://.';
  }
  if (url.username || url.password)
    return 'Put the user name and password in their own boxes, not in the address.';
  // Tested on the text: URL drops a bare trailing "?" or "#" from `search` and `hash`.
  if (/[?#]/.test(text)) return 'The address cannot contain “?” or “#”.';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return undefined;
  if (url.protocol === 'http:')
    return 'The address must start with https:// (plain http:// is only allowed for this computer, localhost).';
  return 'The address must start with https://.';
}

/** The endpoint as a base URL ending in "/", so paths can be resolved under it. */
export function normaliseEndpoint(text: string): string {
  const url = new URL(text.trim());
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

export const EndpointSchema = z
  .string({ error: 'Enter the address of the server.' })
  .trim()
  .min(1, 'Enter the address of the server.')
  .max(2000, 'The address is too long.')
  .superRefine((text, context) => {
    const problem = endpointProblem(text);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .transform(normaliseEndpoint);

const secret = (what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .min(1, `Enter the ${what}.`)
    .max(1000, `The ${what} is too long.`)
    // A header value cannot hold new lines or other control characters.
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001F\u007F]*$/, `The ${what} cannot contain new lines.`);

export const XapiCredentialsSchema = z.object({
  key: secret('key (user name)').refine((key) => !key.includes(':'), {
    message: 'The key cannot contain a colon (:).',
  }),
  secret: secret('secret (password)'),
});

/**
 * A bearer token goes into an HTTP header as it is, where only visible ASCII is safe (RFC 6750
 * `b64token` is narrower still); a pasted zero-width space or typographic dash would make every
 * request fail, so it is refused here with a plain message. Spaces around it are dropped.
 */
const TokenSchema = z
  .string({ error: 'Enter the access token.' })
  .trim()
  .min(1, 'Enter the access token.')
  .max(1000, 'The access token is too long.')
  .regex(
    /^[\x21-\x7E]*$/,
    'The access token can only contain letters, digits and punctuation (no spaces or new lines). Copy it again from your organisation’s system.',
  );

export const SyncConfigSchema = z.discriminatedUnion('target', [
  z.object({
    enabled: z.boolean(),
    target: z.literal('xapi'),
    endpoint: EndpointSchema,
    credentials: XapiCredentialsSchema,
    /** Statements per request: 1 sends each with its own PUT; some LRSs limit batch sizes. */
    batchSize: z
      .number({ error: 'Enter how many statements to send at once.' })
      .int('Use a whole number of statements.')
      .min(1, 'Send at least 1 statement at a time.')
      .max(MAX_BATCH_SIZE, `Send ${MAX_BATCH_SIZE} statements at a time at most.`)
      .optional(),
  }),
  z.object({
    enabled: z.boolean(),
    target: z.literal('learnlog'),
    endpoint: EndpointSchema,
    credentials: z.object({ token: TokenSchema }),
  }),
]);
export type SyncConfig = z.infer<typeof SyncConfigSchema>;

/** Reads the stored config; anything missing or damaged means sync is off. */
export function readSyncConfig(stored: unknown): SyncConfig | undefined {
  const parsed = SyncConfigSchema.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Which server the records go to. A new target starts afresh (that server has none of them);
 * new credentials for the same one do not.
 */
export function targetKeyOf(config: Pick<SyncConfig, 'target' | 'endpoint'>): string {
  return `${config.target} ${config.endpoint}`;
}
