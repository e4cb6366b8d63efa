import { describe, expect, it } from 'vitest';
import { classifySender, type MessageSender } from '@/utils/messages/sender';

const ID = 'learnlog-id';
const ORIGIN = 'chrome-extension://learnlog-id/';

describe('classifySender', () => {
  it("accepts our content script in a tab's top frame", () => {
    expect(
      classifySender(
        { id: ID, url: 'https://a.example/p', frameId: 0, tab: { id: 4 } },
        ID,
        ORIGIN,
      ),
    ).toEqual({
      kind: 'content',
      tabId: 4,
      pageUrl: new URL('https://a.example/p'),
    });
  });

  it("tells the frame script in a tab's frame apart, with the origin it speaks for", () => {
    expect(
      classifySender(
        { id: ID, url: 'https://player.example/m/1', frameId: 3, tab: { id: 4 } },
        ID,
        ORIGIN,
      ),
    ).toEqual({
      kind: 'frame',
      tabId: 4,
      frameId: 3,
      frameUrl: new URL('https://player.example/m/1'),
      frameOrigin: 'https://player.example',
    });
    // A frame the page wrote itself has its maker's origin, where the browser says it.
    expect(
      classifySender(
        { id: ID, url: 'about:srcdoc', origin: 'https://a.example', frameId: 5, tab: { id: 4 } },
        ID,
        ORIGIN,
      ),
    ).toEqual({ kind: 'frame', tabId: 4, frameId: 5, frameOrigin: 'https://a.example' });
    expect(
      classifySender({ id: ID, url: 'about:blank', frameId: 5, tab: { id: 4 } }, ID, ORIGIN),
    ).toEqual({ kind: 'frame', tabId: 4, frameId: 5, frameOrigin: 'null' });
  });

  it('accepts our own extension pages', () => {
    expect(classifySender({ id: ID, url: `${ORIGIN}popup.html` }, ID, ORIGIN)).toEqual({
      kind: 'extension-page',
    });
  });

  it.each<[MessageSender, string]>([
    [
      { id: 'someone-else', url: 'https://a.example/', frameId: 0, tab: { id: 1 } },
      'another extension',
    ],
    [{ id: ID, url: 'file:///tmp/a.html', frameId: 3, tab: { id: 1 } }, 'a file frame'],
    [{ id: ID, url: 'https://a.example/', frameId: 3 }, 'a frame of no tab'],
    [
      { id: ID, url: 'https://a.example/', frameId: 3, tab: { id: 1, incognito: true } },
      'a frame in a private window',
    ],
    [{ id: ID, url: 'https://a.example/', frameId: 0 }, 'no tab'],
    [{ id: ID, url: 'file:///etc/passwd', frameId: 0, tab: { id: 1 } }, 'a file page'],
    [{ id: ID, frameId: 0, tab: { id: 1 } }, 'no address'],
    [{ id: ID, url: 'not a url', frameId: 0, tab: { id: 1 } }, 'a broken address'],
    // Nothing from a private window is stored, so its messages are not heard.
    [
      { id: ID, url: 'https://a.example/', frameId: 0, tab: { id: 1, incognito: true } },
      'a tab in a private window',
    ],
  ])('refuses %j (%s)', (sender) => {
    expect(classifySender(sender, ID, ORIGIN)).toEqual({ kind: 'unknown' });
  });
});
