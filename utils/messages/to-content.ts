import type { NotResourceKind } from '@/utils/detection/page-kinds';
import type { ResourceDetection } from '@/utils/detection/schema';

/**
 * Messages the extension sends to its page scripts (`tabs.sendMessage`), named by direction like
 * the rest of the protocol. Page scripts carry no zod, so each message is checked here by hand,
 * and its sender (`fromExtension`).
 */

/** What a frame heard: sent by the frame script, relayed by the background to the top frame. */
export interface FrameMediaReport {
  /** Media in the frame is playing where a reader could hear it. */
  playing: boolean;
  /** Its length in milliseconds; null for a live stream (no end). */
  lengthMs: number | null;
}

export interface FramePresence {
  /** Milliseconds since the frame's latest trusted input, when there was input since its last report. */
  inputAgoMs: number | null;
  media: FrameMediaReport;
  /** The frame's own viewport (CSS pixels): which of the page's frames it is. */
  viewport: { width: number; height: number };
}

export type ToContentMessage =
  /** The tab shows a resource (or no longer does): frames start or stop listening. */
  | { type: 'background:frames-watch'; data: { watching: boolean } }
  /** A frame of this tab heard the reader (for the top frame's reading session). */
  | {
      type: 'background:frame-presence';
      data: FramePresence & { frameId: number; origin: string };
    }
  /**
   * This tab was opened by a tab showing `detection` (a player window): count for it unless
   * this page is a resource itself. `origin` is where the player first ran, or null.
   */
  | {
      type: 'background:count-for-opener';
      data: { detection: ResourceDetection; origin: string | null };
    }
  /** The popup asks which hosts the page's visible frames come from. */
  | { type: 'popup:list-frames'; data: Record<string, never> }
  /** The popup asks why the page is not a resource (kept in the page script's memory only). */
  | { type: 'popup:page-kind'; data: Record<string, never> };

export type ToContentType = ToContentMessage['type'];

/** The top frame's answer to `popup:list-frames`. */
export interface FrameHostsReply {
  hosts: string[];
}

/** The top frame's answer to `popup:page-kind`: the kind of page it is not a resource as. */
export interface PageKindReply {
  kind: NotResourceKind | null;
}

/** The opener's answer to `background:count-for-opener`: where it runs, and if it counts. */
export interface CountForOpenerReply {
  origin: string;
  counting: boolean;
}

/** Larger than this, a frame's viewport is not a real one. */
export const MAX_VIEWPORT_SIDE = 100_000;

/** The longest a frame's report may say its input lies back (its reports are 3 s apart). */
export const MAX_INPUT_AGO_MS = 10_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;
const isCount = (value: unknown, max: number) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max;

function isFramePresence(data: Record<string, unknown>): boolean {
  const media = data.media;
  const viewport = data.viewport;
  return (
    isRecord(viewport) &&
    isCount(viewport.width, MAX_VIEWPORT_SIDE) &&
    isCount(viewport.height, MAX_VIEWPORT_SIDE) &&
    (data.inputAgoMs === null || isCount(data.inputAgoMs, MAX_INPUT_AGO_MS)) &&
    isRecord(media) &&
    typeof media.playing === 'boolean' &&
    (media.lengthMs === null || isCount(media.lengthMs, Number.MAX_SAFE_INTEGER))
  );
}

/** The message if it is one the page scripts know, in the shape they expect; else undefined. */
export function readToContent(message: unknown): ToContentMessage | undefined {
  if (!isRecord(message) || !isRecord(message.data)) return undefined;
  const data = message.data;
  switch (message.type) {
    case 'background:frames-watch':
      return typeof data.watching === 'boolean' ? (message as ToContentMessage) : undefined;
    case 'background:frame-presence':
      return Number.isInteger(data.frameId) &&
        typeof data.origin === 'string' &&
        isFramePresence(data)
        ? (message as ToContentMessage)
        : undefined;
    case 'background:count-for-opener':
      return isRecord(data.detection) &&
        typeof data.detection.url === 'string' &&
        typeof data.detection.title === 'string' &&
        (data.origin === null || typeof data.origin === 'string')
        ? (message as ToContentMessage)
        : undefined;
    case 'popup:list-frames':
    case 'popup:page-kind':
      return message as ToContentMessage;
    default:
      return undefined;
  }
}

/**
 * Whether a message to a page script came from the extension itself. Only the extension's
 * background and pages can send to a content script (content scripts and web pages cannot), so
 * its id is the check; an extension page opened in a tab has a `tab` too, so that is not one.
 */
export function fromExtension(
  sender: { id?: string } | undefined,
  extensionId: string | undefined,
): boolean {
  return sender !== undefined && extensionId !== undefined && sender.id === extensionId;
}
