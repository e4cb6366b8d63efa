import { browser } from '#imports';
import type { FrameRelay } from '@/entrypoints/background/frames';
import type { Players } from '@/entrypoints/background/players';
import type { ReaderEstimates } from '@/entrypoints/background/reader-estimate';
import type { PageCopies } from '@/entrypoints/background/page-copies';
import type { ProgressManager } from '@/entrypoints/background/progress';
import type { SyncEngine } from '@/utils/sync/engine';
import { getTabResource, unstoredMsOf } from '@/entrypoints/background/tab-state';
import { classifySender, type MessageSender } from '@/utils/messages/sender';
import { EnvelopeSchema, protocol, type MessageResponse } from '@/utils/messages/protocol';

/** What the message handler hands each kind of message to. */
export interface MessageHandlers {
  progress: ProgressManager;
  sync: Pick<SyncEngine, 'drain' | 'settingsChanged'>;
  /** Whether the learner lets Learnlog watch this page now (paused, never-watch list…). */
  isWatchedPage: (pageUrl: URL) => Promise<boolean>;
  frames: Pick<FrameRelay, 'presence' | 'tellFrames'>;
  players: Pick<Players, 'playsFor'>;
  readerEstimates: Pick<ReaderEstimates, 'count'>;
  pageCopies: PageCopies;
}

/**
 * Receives every runtime message: checks the envelope and the sender, validates the payload
 * with the protocol's zod schema, refuses pages the learner is not letting Learnlog watch,
 * then hands it to the manager that owns it. Anything that
 * fails a check is dropped without a reply.
 */
export async function handleMessage(
  message: unknown,
  sender: MessageSender,
  { progress, sync, isWatchedPage, frames, players, readerEstimates, pageCopies }: MessageHandlers,
): Promise<MessageResponse<keyof typeof protocol> | undefined> {
  const envelope = EnvelopeSchema.safeParse(message);
  if (!envelope.success) return undefined;
  const from = classifySender(sender, browser.runtime.id, browser.runtime.getURL('/'));
  const { type, data } = envelope.data;

  switch (type) {
    case 'content:read-page': {
      const request = protocol[type].request.safeParse(data);
      if (from.kind !== 'content' || !request.success) return undefined;
      // A page the learner does not let Learnlog watch now (paused, never-watch list) is not read.
      if (!(await isWatchedPage(from.pageUrl))) return undefined;
      return pageCopies.read(request.data);
    }
    case 'content:resource-detected': {
      const request = protocol[type].request.safeParse(data);
      if (from.kind !== 'content' || !request.success) return undefined;
      const { detection } = request.data;
      // The page may only speak for its own origin, or, in a player window, for the resource
      // of the tab that opened it.
      if (
        new URL(detection.url).origin !== from.pageUrl.origin &&
        !(await players.playsFor(from.tabId, detection.url))
      )
        return undefined;
      // A page the learner stopped watching (or paused) while its script ran is not heard.
      if (!(await isWatchedPage(from.pageUrl))) return undefined;
      const snapshot = await progress.resourceDetected(from.tabId, detection, from.documentId);
      // The page's frames (a player, a video) start listening for the reader.
      void frames.tellFrames(from.tabId).catch(() => undefined);
      return snapshot;
    }
    case 'frame:presence': {
      const request = protocol[type].request.safeParse(data);
      if (from.kind !== 'frame' || !request.success) return undefined;
      // A frame from a site the learner does not let Learnlog watch is not heard.
      const frameSite = from.frameUrl ?? URL.parse(from.frameOrigin);
      if (frameSite && !(await isWatchedPage(frameSite))) return undefined;
      return frames.presence(from.tabId, from.frameId, from.frameOrigin, request.data);
    }
    case 'content:frames-changed': {
      const request = protocol[type].request.safeParse(data);
      if ((from.kind !== 'content' && from.kind !== 'frame') || !request.success) return undefined;
      await frames.tellFrames(from.tabId);
      return null;
    }
    case 'content:time-counted': {
      const request = protocol[type].request.safeParse(data);
      if (from.kind !== 'content' || !request.success) return undefined;
      if (!(await isWatchedPage(from.pageUrl))) return undefined;
      return progress.timeCounted(from.tabId, request.data.url, request.data.countedMs);
    }
    case 'content:reader-count': {
      const request = protocol[type].request.safeParse(data);
      if (from.kind !== 'content' || !request.success) return undefined;
      if (!(await isWatchedPage(from.pageUrl))) return undefined;
      return readerEstimates.count(from.tabId, from.documentId, request.data.url);
    }
    case 'popup:get-tab-resource': {
      const request = protocol[type].request.safeParse(data);
      if (from.kind !== 'extension-page' || !request.success) return undefined;
      const tab = await getTabResource(request.data.tabId);
      return tab ? { detection: tab.detection, unstoredMs: unstoredMsOf(tab) } : null;
    }
    case 'page:sync-now': {
      const request = protocol[type].request.safeParse(data);
      if (from.kind !== 'extension-page' || !request.success) return undefined;
      // The page need not wait for the server.
      void sync.drain();
      return null;
    }
    case 'page:sync-settings-changed': {
      const request = protocol[type].request.safeParse(data);
      if (from.kind !== 'extension-page' || !request.success) return undefined;
      void sync.settingsChanged();
      return null;
    }
  }
}
