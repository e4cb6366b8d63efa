import { browser } from '#imports';
import { readPageCopy, toCopyReading, type CopyReading } from '@/utils/detection/page-copy';
import { CopyReadingSchema, type ReadCopyRequest } from '@/utils/messages/protocol';
import type { PageCopy } from '@/utils/page/page-copy';

/**
 * Where the background has copies of pages read (utils/detection/page-copy.ts): in Firefox its
 * event page has a DOM and reads them itself; Chromium's service worker has none, so an offscreen
 * document (reason `DOM_PARSER`, made for this) reads them and stays open, keeping detection's
 * code compiled. Chrome allows one offscreen document per extension
 * (https://developer.chrome.com/docs/extensions/reference/api/offscreen).
 */
export interface PageCopyPorts {
  /** Reads a copy and answers; what comes back is checked, as any reply is. */
  read(copy: PageCopy): Promise<unknown>;
}

export function createPageCopies(ports: PageCopyPorts) {
  return {
    /**
     * What the page is; undefined when the copy could not be read (the reader failed or answered
     * out of shape), which the reading script must not take for "not a resource": it keeps what
     * it knew and looks again later.
     */
    async read(copy: PageCopy): Promise<CopyReading | undefined> {
      try {
        const answer = CopyReadingSchema.safeParse(await ports.read(copy));
        return answer.success ? answer.data : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

export type PageCopies = ReturnType<typeof createPageCopies>;

/** Firefox: the background page parses the copy itself. */
export function readHere(parser: DOMParser): PageCopyPorts {
  return { read: async (copy) => toCopyReading(readPageCopy(copy, parser)) };
}

export const OFFSCREEN_PAGE = '/detection.html';

/** How long to wait before asking a new offscreen document again (its script still loading). */
const NOT_LISTENING_YET_MS = 100;
const ASKS = 3;

/**
 * Chromium: the offscreen document, made once and then kept; made again if Chrome closed it.
 * While one call is making it, the others wait for that (Chrome says it exists before its script
 * listens); a document that does not answer yet is asked again shortly.
 */
export function readOffscreen(
  wait = (ms: number) => new Promise((r) => setTimeout(r, ms)),
): PageCopyPorts {
  let making: Promise<void> | undefined;
  const ensure = async () => {
    if (making) return making;
    if (await browser.offscreen.hasDocument()) return;
    making ??= browser.offscreen
      .createDocument({
        url: browser.runtime.getURL(OFFSCREEN_PAGE),
        reasons: ['DOM_PARSER'],
        justification:
          'Reads a copy of a page the learner lets Learnlog watch, to tell whether it is a learning resource, without running that code in the page.',
      })
      .catch(async (error: unknown) => {
        // Another worker's call made it first.
        if (!(await browser.offscreen.hasDocument())) throw error;
      })
      .finally(() => {
        making = undefined;
      });
    await making;
  };
  return {
    async read(copy) {
      const request: ReadCopyRequest = { type: 'background:read-copy', data: copy };
      for (let ask = 1; ; ask++) {
        await ensure();
        try {
          const answer: unknown = await browser.runtime.sendMessage(request);
          if (answer !== undefined || ask >= ASKS) return answer;
        } catch (error) {
          // "Receiving end does not exist": the document's script is not listening yet.
          if (ask >= ASKS) throw error;
        }
        await wait(NOT_LISTENING_YET_MS * ask);
      }
    },
  };
}
