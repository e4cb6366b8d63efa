/**
 * Who sent a runtime message. Only this extension's own contexts can message it (there is no
 * `externally_connectable`), but a content script speaks for a possibly hostile page, so
 * content messages must come from a tab's top frame, frame messages from one of its frames (and
 * speak only for that tab), and pages' messages from our own origin.
 */

export interface MessageSender {
  id?: string;
  url?: string;
  /** The sending document's origin, where the browser gives it (Chrome; Firefox 126). */
  origin?: string;
  frameId?: number;
  /** The sending document's id (Chrome 106, Firefox 153): a new one for every page load. */
  documentId?: string;
  tab?: { id?: number; incognito?: boolean };
}

export type SenderKind =
  | { kind: 'content'; tabId: number; pageUrl: URL; documentId?: string }
  /**
   * The frame script in a frame of a tab. `frameUrl` is its web address, or undefined for a
   * frame the page made itself (`about:blank`, `srcdoc`, `blob:`), which has the origin of the
   * frame that made it.
   */
  | { kind: 'frame'; tabId: number; frameId: number; frameUrl?: URL; frameOrigin: string }
  | { kind: 'extension-page' }
  | { kind: 'unknown' };

const isWeb = (url: URL | null | undefined): boolean =>
  url?.protocol === 'http:' || url?.protocol === 'https:';

/** Schemes of frames a page makes itself: they have the origin of the frame that made them. */
const MADE_BY_PAGE = ['about:', 'blob:', 'data:'];

/**
 * The site a frame is on: its own web address, or for a frame the page made (`about:blank`,
 * `srcdoc`, `blob:`, `data:`) the web origin of its maker, as the browser gives it. Null for
 * anything else (a sandboxed frame's origin is "null").
 */
export function frameSite(address: URL, origin: string | undefined): URL | null {
  if (isWeb(address)) return address;
  if (!MADE_BY_PAGE.includes(address.protocol)) return null;
  const maker = URL.parse(origin ?? '');
  return maker && isWeb(maker) ? maker : null;
}

export function classifySender(
  sender: MessageSender,
  extensionId: string,
  extensionOrigin: string,
): SenderKind {
  if (sender.id !== extensionId || !sender.url) return { kind: 'unknown' };
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return { kind: 'unknown' };
  }
  // Compare scheme and host, not `origin`: URL gives "null" as the origin of non-special
  // schemes such as file:, which must never pass for the extension.
  const ours = new URL(extensionOrigin);
  if (url.protocol === ours.protocol && url.host !== '' && url.host === ours.host) {
    return { kind: 'extension-page' };
  }
  const tabId = sender.tab?.id;
  // Nothing from a private window is stored: its content messages are not heard.
  if (sender.tab?.incognito === true) return { kind: 'unknown' };
  if (typeof tabId !== 'number' || tabId < 0 || typeof sender.frameId !== 'number')
    return { kind: 'unknown' };
  if (sender.frameId === 0) {
    if (!isWeb(url)) return { kind: 'unknown' };
    const documentId = typeof sender.documentId === 'string' ? sender.documentId : undefined;
    return { kind: 'content', tabId, pageUrl: url, ...(documentId ? { documentId } : {}) };
  }
  if (isWeb(url))
    return {
      kind: 'frame',
      tabId,
      frameId: sender.frameId,
      frameUrl: url,
      frameOrigin: url.origin,
    };
  if (MADE_BY_PAGE.includes(url.protocol))
    // Made by the page: its origin is its maker's, when the browser says; otherwise unknown.
    return {
      kind: 'frame',
      tabId,
      frameId: sender.frameId,
      frameOrigin: frameSite(url, sender.origin)?.origin ?? 'null',
    };
  return { kind: 'unknown' };
}
