/**
 * Who sent a runtime message. Only this extension's own contexts can message it (there is no
 * `externally_connectable`), but a content script speaks for a possibly hostile page, so
 * content messages must come from a tab's top frame, and pages' messages from our own origin.
 */

export interface MessageSender {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; incognito?: boolean };
}

export type SenderKind =
  | { kind: 'content'; tabId: number; pageUrl: URL }
  | { kind: 'extension-page' }
  | { kind: 'unknown' };

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
  if (
    typeof tabId === 'number' &&
    tabId >= 0 &&
    sender.frameId === 0 &&
    (url.protocol === 'http:' || url.protocol === 'https:')
  ) {
    return { kind: 'content', tabId, pageUrl: url };
  }
  return { kind: 'unknown' };
}
