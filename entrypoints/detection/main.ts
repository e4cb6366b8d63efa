import { browser } from '#imports';
import { readPageCopy, toCopyReading } from '@/utils/detection/page-copy';
import { ReadCopyRequestSchema } from '@/utils/messages/protocol';
import { classifySender, type MessageSender } from '@/utils/messages/sender';

/**
 * Chromium's offscreen document (reason `DOM_PARSER`): reads the copies of pages the background
 * hands it, where detection's code stays compiled between pages, and answers what it found.
 * Listens only to the extension's own pages and worker; the reading scripts' own messages, which
 * reach every extension document too, are left to the background. Keeps nothing.
 */
const parser = new DOMParser();

browser.runtime.onMessage.addListener((message: unknown, sender: MessageSender) => {
  // The sender and type first: every page's copy reaches this document too, on its way to the
  // background, and is left alone without reading it.
  if (
    classifySender(sender, browser.runtime.id, browser.runtime.getURL('/')).kind !==
      'extension-page' ||
    (message as { type?: unknown } | null)?.type !== 'background:read-copy'
  )
    return undefined;
  const request = ReadCopyRequestSchema.safeParse(message);
  if (!request.success) return undefined;
  return Promise.resolve(toCopyReading(readPageCopy(request.data.data, parser)));
});
