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

const NOTHING: CopyReading = { detection: null, notResource: null };

export function createPageCopies(ports: PageCopyPorts) {
  return {
    /** What the page is, or nothing when the copy could not be read. */
    async read(copy: PageCopy): Promise<CopyReading> {
      try {
        const answer = CopyReadingSchema.safeParse(await ports.read(copy));
        return answer.success ? answer.data : NOTHING;
      } catch {
        return NOTHING;
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

/** Chromium: the offscreen document, made once and then kept; made again if Chrome closed it. */
export function readOffscreen(): PageCopyPorts {
  let making: Promise<void> | undefined;
  const ensure = async () => {
    if (await browser.offscreen.hasDocument()) return;
    making ??= browser.offscreen
      .createDocument({
        url: browser.runtime.getURL(OFFSCREEN_PAGE),
        reasons: ['DOM_PARSER'],
        justification:
          'Reads a copy of a page the learner lets Learnlog watch, to tell whether it is a learning resource, without running that code in the page.',
      })
      .catch(async (error: unknown) => {
        // Another call made it first.
        if (!(await browser.offscreen.hasDocument())) throw error;
      })
      .finally(() => {
        making = undefined;
      });
    await making;
  };
  return {
    async read(copy) {
      await ensure();
      const request: ReadCopyRequest = { type: 'background:read-copy', data: copy };
      return browser.runtime.sendMessage(request);
    },
  };
}
