import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readPage, type PageReaderPorts } from '@/entrypoints/reading/page-reader';
import { startScriptContext } from '@/utils/page/script-context';
import type { CopyReading } from '@/utils/detection/page-copy';
import type { ResourceDetection } from '@/utils/detection/schema';
import type { PageCopy } from '@/utils/page/page-copy';

const PAGE = 'https://learning.example.org/blog/change';
const detection: ResourceDetection = {
  title: 'Supporting people through change',
  url: PAGE,
  kind: 'blog',
  stated: { seconds: 300, source: 'label-pair', raw: '5 mins' },
  durationSeconds: 300,
};
const resource: CopyReading = { detection, notResource: null };
const listing: CopyReading = { detection: null, notResource: 'collection' };
const snapshot = { url: PAGE, spentMs: 0, requiredMs: 300_000, idleMs: 60_000 };

/**
 * The page reader on a happy-dom page, with the background under the test's control: each copy
 * sent waits for the test to answer it (`answer(index, reading)`).
 */
function harness() {
  let clock = 0;
  let address = PAGE;
  const navigation = new EventTarget();
  const copies: { copy: PageCopy; answer: (reading: CopyReading | undefined) => void }[] = [];
  const sent: { type: string; data: unknown }[] = [];
  const context = startScriptContext({
    runtimeId: () => 'learnlog',
    scriptGlobal: {},
    location: () => address,
    navigation,
  });
  let copyNumber = 0;
  const ports: PageReaderPorts = {
    context,
    doc: document,
    win: window,
    send: (async (type: string, data: unknown) => {
      sent.push({ type, data });
      return type === 'content:resource-detected' ? snapshot : null;
    }) as PageReaderPorts['send'],
    connect: () => ({
      postMessage: () => undefined,
      disconnect: () => undefined,
      onDisconnect: { addListener: () => undefined },
    }),
    now: () => clock,
    readAttention: () => ({ visible: true, focused: true, mediaPlaying: false, mediaLengthMs: 0 }),
    watchAttention: () => undefined,
    onPageHide: () => undefined,
    whenIdle: () => undefined,
    onExtensionMessage: () => undefined,
    copyPage: () => ({ url: address, html: `<p>copy ${(copyNumber += 1)}</p>`, media: [] }),
    readCopy: (copy) => new Promise((resolve) => copies.push({ copy, answer: resolve })),
  };
  return {
    ports,
    copies,
    context,
    announced: () => sent.filter((message) => message.type === 'content:resource-detected'),
    async answer(index: number, reading: CopyReading | undefined) {
      copies[index]!.answer(reading);
      await vi.advanceTimersByTimeAsync(0);
    },
    async advance(ms: number) {
      clock += ms;
      await vi.advanceTimersByTimeAsync(ms);
    },
    async navigate(to: string) {
      address = to;
      navigation.dispatchEvent(new Event('navigatesuccess'));
      await vi.advanceTimersByTimeAsync(0);
    },
    /** Late content: the DOM changes, and settles. */
    async contentArrives() {
      document.body.append(document.createElement('p'));
      await vi.advanceTimersByTimeAsync(800);
      clock += 800;
    },
  };
}

describe('the page reader, with detection on a copy of the page', () => {
  let page: ReturnType<typeof harness>;
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '<main><h1>Supporting people through change</h1></main>';
    page = harness();
    readPage(page.ports);
  });
  afterEach(() => {
    page.context.end();
    vi.useRealTimers();
  });

  it('sends a copy at once, and counts only once the answer says it is a resource', async () => {
    expect(page.copies).toHaveLength(1);
    expect(page.copies[0]!.copy.url).toBe(PAGE);
    expect(page.announced()).toHaveLength(0);
    await page.answer(0, resource);
    expect(page.announced()).toEqual([{ type: 'content:resource-detected', data: { detection } }]);
  });

  it('drops an answer that arrives after a later look was answered', async () => {
    await page.contentArrives();
    expect(page.copies).toHaveLength(2);
    await page.answer(1, listing);
    // The first copy (before the late content) was a resource; its answer is out of date.
    await page.answer(0, resource);
    expect(page.announced()).toHaveLength(0);
  });

  it('drops an answer about the page a single-page app has left', async () => {
    await page.navigate('https://learning.example.org/blog/next');
    await page.answer(0, resource);
    expect(page.announced()).toHaveLength(0);
    await page.advance(1_600);
    expect(page.copies.at(-1)!.copy.url).toBe('https://learning.example.org/blog/next');
  });

  it('keeps counting when a later copy could not be read, and looks again', async () => {
    await page.answer(0, resource);
    await page.contentArrives();
    expect(page.copies).toHaveLength(2);
    await page.answer(1, undefined);
    // Not taken for "not a resource": the session goes on, and the page is looked at again.
    expect(page.announced()).toHaveLength(1);
    await page.advance(1_000);
    expect(page.copies).toHaveLength(3);
    await page.answer(2, resource);
    expect(page.announced()).toHaveLength(1);
  });

  it('after a few refusals (Learnlog paused), looks again at the learner’s next input', async () => {
    await page.answer(0, undefined);
    await page.advance(1_000);
    await page.answer(1, undefined);
    await page.advance(4_000);
    await page.answer(2, undefined);
    await page.advance(60_000);
    expect(page.copies).toHaveLength(3);
    window.dispatchEvent(new KeyboardEvent('keydown'));
    await vi.advanceTimersByTimeAsync(0);
    // Untrusted input (the page's own) does not count as the learner's.
    expect(page.copies).toHaveLength(3);
  });

  it('sends no copy again when the page is as it was answered', async () => {
    await page.answer(0, resource);
    page.ports.copyPage = () => page.copies[0]!.copy;
    await page.contentArrives();
    expect(page.copies).toHaveLength(1);
  });
});
