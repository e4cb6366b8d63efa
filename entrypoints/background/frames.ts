import { getTabResource } from '@/entrypoints/background/tab-state';
import type { MessageRequest } from '@/utils/messages/protocol';
import type { ToContentMessage } from '@/utils/messages/to-content';

/**
 * The background's part in counting inside frames and player windows. A frame script only hears
 * the reader; the tab's reading script counts. The background passes each frame's report to the
 * top frame of that frame's own tab, and tells a tab's frames when it shows a resource (frames
 * of a tab without one send nothing at all). Nothing here is stored.
 */

export interface FrameRelayPorts {
  /** `tabs.sendMessage`: to one frame of the tab, or to all of them without `frameId`. */
  sendToTab(tabId: number, message: ToContentMessage, frameId?: number): Promise<unknown>;
  /** Whether the learner lets Learnlog watch this page now. */
  isWatchedPage(pageUrl: URL): Promise<boolean>;
}

export function createFrameRelay(ports: FrameRelayPorts) {
  const quietly = (sent: Promise<unknown>) => void sent.catch(() => undefined);

  return {
    /**
     * A frame's report, for its own tab only: passed to the tab's reading script while the tab
     * shows a resource the learner lets Learnlog watch. The reply tells the frame whether to
     * go on listening.
     */
    async presence(
      tabId: number,
      frameId: number,
      origin: string,
      report: MessageRequest<'frame:presence'>,
    ): Promise<{ watching: boolean }> {
      const tab = await getTabResource(tabId);
      if (!tab || !(await ports.isWatchedPage(new URL(tab.detection.url))))
        return { watching: false };
      quietly(
        ports.sendToTab(
          tabId,
          { type: 'background:frame-presence', data: { ...report, frameId, origin } },
          0,
        ),
      );
      return { watching: true };
    },

    /** The tab shows a resource, or a frame in it loaded: its frames start listening. */
    async tellFrames(tabId: number): Promise<void> {
      if (!(await getTabResource(tabId))) return;
      quietly(
        ports.sendToTab(tabId, { type: 'background:frames-watch', data: { watching: true } }),
      );
    },
  };
}

export type FrameRelay = ReturnType<typeof createFrameRelay>;
