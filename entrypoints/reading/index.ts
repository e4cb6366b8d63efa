import { browser, defineUnlistedScript } from '#imports';
import { onTrustedPageHide, readAttention, watchAttention } from '@/utils/page/attention';
import { readPage } from '@/entrypoints/reading/page-reader';
import { startScriptContext } from '@/utils/page/script-context';
import { READING_PORT } from '@/utils/messages/reading-port';
import { sendMessage } from '@/utils/messages/send';
import { copyPage } from '@/utils/page/page-copy';
import { fromExtension, readToContent } from '@/utils/messages/to-content';

/**
 * The reading script. Not a manifest content script: the background registers it for the sites
 * the learner chose (`scripting.registerContentScripts`), and the popup injects it into the page
 * in front when a site is turned on. It is an unlisted script rather than a WXT content script
 * because WXT's content-script wrapper announces itself to the page with DOM events.
 */
export default defineUnlistedScript(() => {
  // Private windows are not watched: nothing is detected, counted or sent. The background also
  // ignores any message from a private tab.
  if (browser.extension.inIncognitoContext) return;
  const context = startScriptContext({
    runtimeId: () => browser.runtime?.id,
    scriptGlobal: globalThis as unknown as Record<symbol, unknown>,
    location: () => location.href,
    navigation: (globalThis as { navigation?: EventTarget }).navigation,
  });
  readPage({
    context,
    doc: document,
    win: window,
    send: sendMessage,
    connect: () => browser.runtime.connect({ name: READING_PORT }),
    now: () => performance.now(),
    readAttention: () => readAttention(document),
    watchAttention: (signal, onChange) => watchAttention(signal, onChange, document),
    onPageHide: (signal, handler) => onTrustedPageHide(signal, handler, window),
    copyPage: () => copyPage(document, location.href),
    readCopy: (copy) => sendMessage('content:read-page', copy),
    // Within 10 s even on a page that is never idle (a background tab, a busy player).
    whenIdle: (handler) => requestIdleCallback(handler, { timeout: 10_000 }),
    onExtensionMessage: (signal, handler) => {
      const listener = (message: unknown, sender: { id?: string }) => {
        if (signal.aborted || !fromExtension(sender, browser.runtime.id)) return undefined;
        const known = readToContent(message);
        return known ? handler(known) : undefined;
      };
      browser.runtime.onMessage.addListener(listener);
      signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
    },
  });
});
