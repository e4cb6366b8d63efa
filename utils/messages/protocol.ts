import { z } from 'zod';
import { ResourceDetectionSchema } from '@/utils/detection/schema';
import { NOT_RESOURCE_KINDS } from '@/utils/detection/page-kinds';
import type { CopyReading } from '@/utils/detection/page-copy';
import { MAX_COPY_CHARS, MAX_COPY_MEDIA, type PageCopy } from '@/utils/page/page-copy';
import { MAX_HINT_MS } from '@/utils/messages/reading-port';
import { MAX_INPUT_AGO_MS, MAX_VIEWPORT_SIDE } from '@/utils/messages/to-content';

/**
 * The one message protocol between the content script, the background and the extension pages.
 * Message types are named by direction (`content:` → background, `popup:` → background). The
 * receiving side validates every message with these schemas and checks its sender.
 */

/** Longest counted stretch one report may carry; the content script reports far more often. */
export const MAX_REPORT_MS = 60_000;

/** Reader View's count of a page's main text (utils/detection/reader-count.ts). */
export const ReaderCountsSchema = z.object({
  words: z.number().int().nonnegative().max(10_000_000),
  cjkCharacters: z.number().int().nonnegative().max(10_000_000),
  images: z.number().int().nonnegative().max(100_000),
});

/** A copy of a page for detection (utils/page/page-copy.ts). */
export const PageCopySchema = z.object({
  // Long launch addresses (an LMS's) are still read; the detection's own address is limited later.
  url: z.string().max(65_536),
  html: z.string().max(MAX_COPY_CHARS),
  media: z.array(z.number().positive().max(Number.MAX_SAFE_INTEGER).nullable()).max(MAX_COPY_MEDIA),
}) satisfies z.ZodType<PageCopy>;

/** What detection found in a copy (utils/detection/page-copy.ts). */
export const CopyReadingSchema = z.object({
  detection: ResourceDetectionSchema.nullable(),
  notResource: z.enum(NOT_RESOURCE_KINDS).nullable(),
}) satisfies z.ZodType<CopyReading>;

export const ProgressSnapshotSchema = z.object({
  url: z.string(),
  spentMs: z.number().nonnegative(),
  requiredMs: z.number().positive(),
  /**
   * The idle threshold the page's accountant uses. The one tracking parameter a content script
   * receives; it never sees the settings themselves, the log or credentials.
   */
  idleMs: z.number().positive(),
});
export type ProgressSnapshot = z.infer<typeof ProgressSnapshotSchema>;

export const protocol = {
  /** The content script found a learning resource on its page. */
  'content:resource-detected': {
    request: z.object({ detection: ResourceDetectionSchema }),
    response: ProgressSnapshotSchema,
  },
  /** Attentive time counted on the page since the last report. */
  'content:time-counted': {
    request: z.object({
      url: z.string().max(2048),
      countedMs: z.number().int().nonnegative().max(MAX_REPORT_MS),
    }),
    response: ProgressSnapshotSchema.nullable(),
  },
  /**
   * A frame of the page heard the reader: trusted input (how long ago), and whether its media
   * plays audibly. Relayed to the tab's top frame only while the tab shows a resource; the reply
   * says whether it does, so a frame in a tab without one goes quiet.
   */
  'frame:presence': {
    request: z.object({
      inputAgoMs: z.number().int().min(0).max(MAX_INPUT_AGO_MS).nullable(),
      media: z.object({
        playing: z.boolean(),
        lengthMs: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable(),
      }),
      viewport: z.object({
        width: z.number().int().nonnegative().max(MAX_VIEWPORT_SIDE),
        height: z.number().int().nonnegative().max(MAX_VIEWPORT_SIDE),
      }),
    }),
    response: z.object({ watching: z.boolean() }),
  },
  /** A frame in the page loaded (a new player, its next page): frames may need telling. */
  'content:frames-changed': {
    request: z.object({}),
    response: z.null(),
  },
  /**
   * The page is idle and its resource states no time: count its main text as Reader View finds
   * it. The reply is the count (null when Reader View found no article, or the tab's resource is
   * not this one any more).
   */
  'content:reader-count': {
    request: z.object({ url: z.string().max(2048) }),
    response: ReaderCountsSchema.nullable(),
  },
  /**
   * A copy of the page, to be read by detection in an extension document: the reply says whether
   * the page is a resource (and which) or why not. Only for pages the learner lets Learnlog
   * watch; the copy is kept nowhere.
   */
  'content:read-page': {
    request: PageCopySchema,
    response: CopyReadingSchema,
  },
  /** Which resource, if any, the given tab is showing. */
  'popup:get-tab-resource': {
    request: z.object({ tabId: z.number().int().nonnegative() }),
    /**
     * The resource with what the page said of it: it may not be stored yet, and then
     * `unstoredMs` is the time counted on it so far (too little to store).
     */
    response: z
      .object({ detection: ResourceDetectionSchema, unstoredMs: z.number().nonnegative() })
      .nullable(),
  },
  /** Records changed in an extension page: sync them now, if sync is on. */
  'page:sync-now': {
    request: z.object({}),
    response: z.null(),
  },
  /** The learner saved or removed the sync settings: stop what is in flight and start over. */
  'page:sync-settings-changed': {
    request: z.object({}),
    response: z.null(),
  },
} as const;

export type MessageType = keyof typeof protocol;
export type MessageRequest<T extends MessageType> = z.infer<(typeof protocol)[T]['request']>;
export type MessageResponse<T extends MessageType> = z.infer<(typeof protocol)[T]['response']>;

export const MESSAGE_TYPES = Object.keys(protocol) as MessageType[];

export const EnvelopeSchema = z.object({
  type: z.enum(MESSAGE_TYPES as [MessageType, ...MessageType[]]),
  data: z.unknown(),
});

export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  data: MessageRequest<T>;
}

/** A counting hint on the reading port (see utils/messages/reading-port.ts). */
export const CountingHintSchema = z.object({
  type: z.literal('content:counting-hint'),
  data: z.object({
    url: z.string().max(2048),
    /** How long the page will go on counting if nothing changes (0: it is not counting). */
    countingForMs: z.number().int().nonnegative().max(MAX_HINT_MS),
  }),
});
export type CountingHint = z.infer<typeof CountingHintSchema>;

/**
 * The background hands a page's copy to the extension document that reads it (Chromium's
 * offscreen document, entrypoints/detection/main.ts); its reply is a `CopyReadingSchema`.
 */
export const ReadCopyRequestSchema = z.object({
  type: z.literal('background:read-copy'),
  data: PageCopySchema,
});
export type ReadCopyRequest = z.infer<typeof ReadCopyRequestSchema>;
