import { z } from 'zod';
import { getTabResource } from '@/entrypoints/background/tab-state';
import { frameSite } from '@/utils/messages/sender';
import type { MessageRequest } from '@/utils/messages/protocol';
import type { ToContentMessage } from '@/utils/messages/to-content';

/**
 * The background's part in counting inside frames and player windows. A frame script only hears
 * the reader; the tab's reading script counts. The background runs the frame script in a tab's
 * frames only once the tab shows a resource (the frames of every other page never run it), passes
 * each frame's report to the top frame of that frame's own tab, and tells the tab's frames when
 * to listen. Nothing here is stored.
 */

/** A frame of a tab, as it sees itself (`scripting.executeScript` of `probeFrame`). */
export interface FrameProbe {
  frameId: number;
  /** The probed document (Chrome 106, Firefox 153), where the browser says. */
  documentId?: string;
  /** Its address: `about:blank` or `about:srcdoc` for a frame the page made. */
  url: string;
  /** Its origin: for a frame the page made, the origin of the frame that made it. */
  origin: string;
  /** Whether a live copy of the frame script runs there already. */
  running: boolean;
}

/**
 * Looks at one frame from inside it. Injected as a function, so it must stand alone: it reads
 * only its own frame and the mark the frame script leaves in the script's own world
 * (`claimFrame`, utils/page/frame-claim.ts), never the page's.
 */
export function probeFrame(claimKey: string): Omit<FrameProbe, 'frameId'> {
  const claim = (globalThis as Record<symbol, { alive?: () => boolean } | undefined>)[
    Symbol.for(claimKey)
  ];
  // The document's origin (`self.origin`): `location.origin` is "null" for `about:srcdoc`.
  return { url: location.href, origin: self.origin, running: claim?.alive?.() === true };
}

const ProbeSchema = z.object({
  url: z.string().max(8_192),
  origin: z.string().max(2_048),
  running: z.boolean(),
});

/** The probes' answers, as the browser returns them; an answer out of shape is left out. */
export function readProbeResults(
  results: readonly { frameId?: number; documentId?: string; result?: unknown }[],
): FrameProbe[] {
  return results.flatMap((answer) => {
    const seen = ProbeSchema.safeParse(answer.result);
    if (typeof answer.frameId !== 'number' || !seen.success) return [];
    const documentId = typeof answer.documentId === 'string' ? answer.documentId : undefined;
    return [{ frameId: answer.frameId, ...(documentId ? { documentId } : {}), ...seen.data }];
  });
}

/**
 * Which frames get the frame script: not the top frame (the reading script's), not one that
 * runs it already, and only on a site the learner lets Learnlog watch. A frame the page made
 * (`about:blank`, `srcdoc`) is on its maker's site; a sandboxed one (origin "null") on none.
 */
export async function framesToInject(
  probes: readonly FrameProbe[],
  isWatchedPage: (pageUrl: URL) => Promise<boolean>,
): Promise<FrameProbe[]> {
  const chosen: FrameProbe[] = [];
  for (const probe of probes) {
    if (probe.frameId === 0 || probe.running) continue;
    const address = URL.parse(probe.url);
    const site = address && frameSite(address, probe.origin);
    if (site && (await isWatchedPage(site))) chosen.push(probe);
  }
  return chosen;
}

export interface FrameRelayPorts {
  /** `tabs.sendMessage`: to one frame of the tab, or to all of them without `frameId`. */
  sendToTab(tabId: number, message: ToContentMessage, frameId?: number): Promise<unknown>;
  /** Whether the learner lets Learnlog watch this page now. */
  isWatchedPage(pageUrl: URL): Promise<boolean>;
  /** Every frame of the tab that Learnlog may reach (its site granted), as each sees itself. */
  probeFrames(tabId: number): Promise<FrameProbe[]>;
  /** Runs the frame script in this frame of the tab: in the probed document, where known. */
  injectFrameScript(
    tabId: number,
    frame: Pick<FrameProbe, 'frameId' | 'documentId'>,
  ): Promise<void>;
  /** The document that announced the tab's resource, where the browser said (`setTopDocument`). */
  announcedBy(tabId: number): Promise<string | undefined>;
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

    /**
     * The tab shows a resource, or a frame in it loaded or grew: the frame script runs in the
     * frames that lack it, then every frame is told to listen.
     */
    async tellFrames(tabId: number): Promise<void> {
      if (!(await getTabResource(tabId))) return;
      const probes = await ports.probeFrames(tabId).catch(() => []);
      // Only while the tab's top document is still the one that announced the resource (the
      // tab may be on its way to another page, perhaps one Learnlog may not read).
      const announced = await ports.announcedBy(tabId);
      const top = probes.find((probe) => probe.frameId === 0);
      if (announced !== undefined && (!top || (top.documentId ?? announced) !== announced)) return;
      const watch: ToContentMessage = { type: 'background:frames-watch', data: { watching: true } };
      // One call per frame, each told to listen once it runs: a frame that navigates meanwhile
      // fails alone, and a slow frame holds up only itself.
      await Promise.all(
        (await framesToInject(probes, ports.isWatchedPage)).map((frame) =>
          ports
            .injectFrameScript(tabId, frame)
            .then(() => quietly(ports.sendToTab(tabId, watch, frame.frameId)))
            .catch(() => undefined),
        ),
      );
      // The copies already running (a new resource in the same page, a frame grown).
      quietly(ports.sendToTab(tabId, watch));
    },
  };
}

export type FrameRelay = ReturnType<typeof createFrameRelay>;
