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
  if (url.origin === new URL(extensionOrigin).origin) return { kind: 'extension-page' };
  const tabId = sender.tab?.id;
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
